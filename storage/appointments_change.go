package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Every change of an appointment locks its request's row first
// (lockRequest: assigned or scheduled), reads who acts and on which side
// from the database (domain.SideOf), and decides with a conditional UPDATE
// whose row count tells, so that a replayed or late press changes nothing.

// apptScene is what a change sees under the request's lock.
type apptScene struct {
	tx       pgx.Tx
	now      time.Time
	prev     domain.Status // the request's status before the change
	req      domain.Request
	side     domain.Side // the actor's
	accepted time.Time   // the last seat taken: no option may start before
	appt     domain.Appointment
}

// apptChange runs one change of an appointment of request reqID (of
// appointment id when reqID is 0) by actorID in one transaction: under
// the request's lock do makes the change and returns the change's
// appointment id; the appointment is read again, the participants added
// and notify's notifications written.
func (s *Store) apptChange(ctx context.Context, op string, reqID, id, actorID int64, do func(c *apptScene) (domain.AppointmentChange, error),
	notify func(domain.AppointmentChange) []domain.Notification) (domain.AppointmentChange, error) {
	c := apptScene{now: s.now()}
	var ch domain.AppointmentChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c.tx = tx
		if id != 0 {
			if err := tx.QueryRow(ctx, `SELECT request_id FROM appointments WHERE id = $1`, id).Scan(&reqID); err != nil {
				return err
			}
		}
		var err error
		if c.prev, err = lockRequest(ctx, tx, reqID, domain.SchedulableStatuses); err != nil {
			return err
		}
		if id != 0 {
			if c.appt, err = apptBy(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := c.enter(ctx, reqID, actorID); err != nil {
			return err
		}
		if ch, err = do(&c); err != nil {
			return err
		}
		ch.ActorID, ch.ActorSide = actorID, c.side
		if ch.Appointment, err = apptBy(ctx, tx, ch.Appointment.ID); err != nil {
			return err
		}
		if ch.Participants, err = participants(ctx, tx, reqID); err != nil {
			return err
		}
		return notifyIn(ctx, tx, c.now, notify, ch)
	})
	if err != nil {
		return domain.AppointmentChange{}, mapRequestErr(op, err)
	}
	return ch, nil
}

// enter reads the request, its seats and the actor, and the actor's side;
// an actor on neither side (or unknown, or deleted) is ErrForbidden.
func (c *apptScene) enter(ctx context.Context, reqID, actorID int64) error {
	var err error
	if c.req, err = requestBy(ctx, c.tx, `r.id = $1`, reqID); err != nil {
		return err
	}
	seats, err := seatsOf(ctx, c.tx, reqID)
	if err != nil {
		return err
	}
	for _, st := range seats {
		if st.AssignedAt.After(c.accepted) {
			c.accepted = st.AssignedAt
		}
	}
	actor, err := actorByID(ctx, c.tx, actorID)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if c.side = domain.SideOf(actor, c.req, seats); c.side == "" {
		return fmt.Errorf("%w: user %d is on neither side of request %d", domain.ErrForbidden, actorID, reqID)
	}
	return nil
}

// updated runs a conditional UPDATE of the scene's appointment; no row
// changed is ErrConflict: the appointment moved on meanwhile.
func (c *apptScene) updated(ctx context.Context, sql string, args ...any) error {
	tag, err := c.tx.Exec(ctx, sql, args...)
	if err == nil && tag.RowsAffected() == 0 {
		err = fmt.Errorf("%w: appointment %d is %s", domain.ErrConflict, c.appt.ID, c.appt.Status)
	}
	return err
}

// addOptions writes options as round of appointment id, by actorID.
func (c *apptScene) addOptions(ctx context.Context, id int64, round int, actorID int64, options []domain.Slot) error {
	batch := &pgx.Batch{}
	for _, o := range options {
		batch.Queue(`INSERT INTO appointment_options (appointment_id, round, proposed_by, starts_at, ends_at, place, link)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, round, actorID, o.Start, o.End, o.Place, o.Link)
	}
	return c.tx.SendBatch(ctx, batch).Close()
}

// ProposeAppointment writes p's proposal (see domain.AppointmentStore).
func (s *Store) ProposeAppointment(ctx context.Context, p domain.AppointmentProposal,
	notify func(domain.AppointmentChange) []domain.Notification) (domain.AppointmentChange, error) {
	op := fmt.Sprintf("propose appointment of request %d", p.RequestID)
	return s.apptChange(ctx, op, p.RequestID, 0, p.AdvisorID, func(c *apptScene) (domain.AppointmentChange, error) {
		ch := domain.AppointmentChange{Event: domain.AppointmentWasProposed}
		if c.side != domain.SideAdvisor {
			return ch, fmt.Errorf("%w: only a seat holder proposes", domain.ErrForbidden)
		}
		if err := domain.CheckOptions(p.Options, c.now, c.accepted); err != nil {
			return ch, err
		}
		if err := c.tx.QueryRow(ctx, `INSERT INTO appointments (request_id, status, awaiting, created_by, created_at, updated_at)
			VALUES ($1, 'proposed', 'requester', $2, $3, $3) RETURNING id`, p.RequestID, p.AdvisorID, c.now).Scan(&ch.Appointment.ID); err != nil {
			return ch, err
		}
		return ch, c.addOptions(ctx, ch.Appointment.ID, 1, p.AdvisorID, p.Options)
	}, notify)
}

// PickAppointment agrees appointment id on optionID (see
// domain.AppointmentStore).
func (s *Store) PickAppointment(ctx context.Context, id, optionID, actorID int64,
	notify func(domain.AppointmentChange) []domain.Notification) (domain.AppointmentChange, error) {
	op := fmt.Sprintf("pick option %d of appointment %d", optionID, id)
	return s.apptChange(ctx, op, 0, id, actorID, func(c *apptScene) (domain.AppointmentChange, error) {
		ch := domain.AppointmentChange{Event: domain.AppointmentWasAgreed, Appointment: c.appt}
		if err := c.awaited(); err != nil {
			return ch, err
		}
		var picked *domain.AppointmentOption
		for i := range c.appt.Options {
			if c.appt.Options[i].ID == optionID {
				picked = &c.appt.Options[i]
			}
		}
		switch {
		case picked == nil: // of another appointment or an earlier round
			return ch, fmt.Errorf("option %d: %w", optionID, domain.ErrNotFound)
		case !picked.Start.After(c.now):
			return ch, &domain.AppointmentError{Problem: domain.ProblemPast}
		}
		if err := c.updated(ctx, `UPDATE appointments a SET status = 'agreed', awaiting = NULL, starts_at = o.starts_at,
				ends_at = o.ends_at, place = o.place, link = o.link, agreed_by = $3, agreed_at = $4, updated_at = $4
			FROM appointment_options o
			WHERE a.id = $1 AND o.id = $2 AND o.appointment_id = a.id AND o.round = a.round AND a.status = 'proposed'`,
			id, optionID, actorID, c.now); err != nil {
			return ch, err
		}
		ch.Scheduled = c.prev == domain.StatusAssigned
		return ch, moveRequest(ctx, c.tx, c.req.ID, actorID, c.now, domain.StatusAssigned, domain.StatusScheduled)
	}, notify)
}

// awaited refuses a pick or counter-proposal of a proposal that is not
// open (ErrConflict) or does not await the actor's side (ErrForbidden).
func (c *apptScene) awaited() error {
	switch {
	case c.appt.Status != domain.AppointmentProposed:
		return fmt.Errorf("%w: appointment %d is %s", domain.ErrConflict, c.appt.ID, c.appt.Status)
	case c.appt.Awaiting != c.side:
		return fmt.Errorf("%w: appointment %d awaits the %s side", domain.ErrForbidden, c.appt.ID, c.appt.Awaiting)
	}
	return nil
}

// CounterAppointment replaces the options of appointment id (see
// domain.AppointmentStore).
func (s *Store) CounterAppointment(ctx context.Context, id, actorID int64, options []domain.Slot, note string,
	notify func(domain.AppointmentChange) []domain.Notification) (domain.AppointmentChange, error) {
	op := fmt.Sprintf("counter appointment %d", id)
	return s.apptChange(ctx, op, 0, id, actorID, func(c *apptScene) (domain.AppointmentChange, error) {
		ch := domain.AppointmentChange{Event: domain.AppointmentWasCountered, Appointment: c.appt}
		if err := c.awaited(); err != nil {
			return ch, err
		}
		if err := domain.CheckOptions(options, c.now, c.accepted); err != nil {
			return ch, err
		}
		if err := domain.CheckReason(note, false); err != nil {
			return ch, err
		}
		other := domain.SideAdvisor
		if c.side == domain.SideAdvisor {
			other = domain.SideRequester
		}
		if err := c.updated(ctx, `UPDATE appointments SET round = round + 1, awaiting = $3, note = $4, updated_at = $5
			WHERE id = $1 AND status = 'proposed' AND round = $2`, id, c.appt.Round, string(other), note, c.now); err != nil {
			return ch, err
		}
		return ch, c.addOptions(ctx, id, c.appt.Round+1, actorID, options)
	}, notify)
}

// RescheduleAppointment moves appointment id to slot to (see
// domain.AppointmentStore).
func (s *Store) RescheduleAppointment(ctx context.Context, id, actorID int64, to domain.Slot, reason string,
	notify func(domain.AppointmentChange) []domain.Notification) (domain.AppointmentChange, error) {
	op := fmt.Sprintf("reschedule appointment %d", id)
	return s.apptChange(ctx, op, 0, id, actorID, func(c *apptScene) (domain.AppointmentChange, error) {
		ch := domain.AppointmentChange{Event: domain.AppointmentWasRescheduled, Appointment: c.appt, Previous: c.appt.Slot}
		if err := domain.CheckSlot(to, c.now, c.accepted); err != nil {
			return ch, err
		}
		if err := domain.CheckReason(reason, true); err != nil {
			return ch, err
		}
		return ch, c.updated(ctx, `UPDATE appointments SET starts_at = $2, ends_at = $3, place = $4, link = $5,
				sequence = sequence + 1, reason = $6, updated_at = $7
			WHERE id = $1 AND status = 'agreed' AND starts_at > $7`, id, to.Start, to.End, to.Place, to.Link, reason, c.now)
	}, notify)
}

// CancelAppointment calls off appointment id (see
// domain.AppointmentStore).
func (s *Store) CancelAppointment(ctx context.Context, id, actorID int64, reason string,
	notify func(domain.AppointmentChange) []domain.Notification) (domain.AppointmentChange, error) {
	op := fmt.Sprintf("cancel appointment %d", id)
	return s.apptChange(ctx, op, 0, id, actorID, func(c *apptScene) (domain.AppointmentChange, error) {
		ch := domain.AppointmentChange{Event: domain.AppointmentWasCancelled, Appointment: c.appt}
		if err := domain.CheckReason(reason, true); err != nil {
			return ch, err
		}
		return ch, c.updated(ctx, `UPDATE appointments SET status = 'cancelled', awaiting = NULL, sequence = sequence + 1,
				cancelled_by = $2, cancelled_at = $3, reason = $4, updated_at = $3
			WHERE id = $1 AND (status = 'proposed' OR status = 'agreed' AND starts_at > $3)`, id, actorID, c.now, reason)
	}, notify)
}

// dropProposals cancels the open proposals advisorID made on request
// requestID, by byID at now: the seat was taken from them, and nobody may
// agree on a time with an advisor who left.
func dropProposals(ctx context.Context, tx pgx.Tx, requestID, advisorID, byID int64, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE appointments SET status = 'cancelled', awaiting = NULL, sequence = sequence + 1,
			cancelled_by = $3, cancelled_at = $4, updated_at = $4
		WHERE request_id = $1 AND created_by = $2 AND status = 'proposed'`, requestID, advisorID, nullID(byID), now)
	return err
}
