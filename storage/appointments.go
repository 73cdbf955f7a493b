package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Appointments (issue 12): reads, the scanning every appointment query
// shares, and the participants of a change. The changes are in
// appointments_change.go, the reminders in appointments_jobs.go.

// apptCols are the columns of an appointment a, with the options of its
// current round while it is proposed (as JSON).
const apptCols = `a.id, a.request_id, (SELECT ref FROM requests WHERE id = a.request_id), a.uid, a.status,
	COALESCE(a.awaiting, ''), a.round, a.starts_at, a.ends_at, a.place, a.link, a.sequence, a.note,
	COALESCE(a.created_by, 0), a.created_at, a.updated_at, COALESCE(a.agreed_by, 0), a.agreed_at,
	COALESCE(a.cancelled_by, 0), a.cancelled_at, a.reason,
	COALESCE((SELECT json_agg(json_build_object('id', o.id, 'start', o.starts_at, 'end', o.ends_at,
			'place', o.place, 'link', o.link) ORDER BY o.starts_at, o.id)
		FROM appointment_options o WHERE o.appointment_id = a.id AND o.round = a.round AND a.status = 'proposed'), '[]')`

// optionJSON is an option as apptCols reads it.
type optionJSON struct {
	ID    int64     `json:"id"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Place string    `json:"place"`
	Link  string    `json:"link"`
}

// scanAppt reads a row of apptCols.
func scanAppt(row pgx.Row) (domain.Appointment, error) {
	var (
		a                             domain.Appointment
		status, awaiting              string
		start, end, agreed, cancelled *time.Time
		options                       []byte
	)
	err := row.Scan(&a.ID, &a.RequestID, &a.RequestRef, &a.UID, &status, &awaiting, &a.Round, &start, &end,
		&a.Place, &a.Link, &a.Sequence, &a.Note, &a.CreatedBy, &a.CreatedAt, &a.UpdatedAt, &a.AgreedBy, &agreed,
		&a.CancelledBy, &cancelled, &a.Reason, &options)
	if err != nil {
		return domain.Appointment{}, err
	}
	a.Status, a.Awaiting = domain.AppointmentStatus(status), domain.Side(awaiting)
	a.Start, a.End, a.AgreedAt, a.CancelledAt = deref(start), deref(end), deref(agreed), deref(cancelled)
	var opts []optionJSON
	if err := json.Unmarshal(options, &opts); err != nil {
		return domain.Appointment{}, fmt.Errorf("options of appointment %d: %w", a.ID, err)
	}
	for _, o := range opts {
		a.Options = append(a.Options, domain.AppointmentOption{ID: o.ID,
			Slot: domain.Slot{Start: o.Start, End: o.End, Place: o.Place, Link: o.Link}})
	}
	return a, nil
}

// queryAppts runs a query whose rows are apptCols.
func queryAppts(ctx context.Context, q querier, sql string, args ...any) ([]domain.Appointment, error) {
	rows, _ := q.Query(ctx, sql, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Appointment, error) { return scanAppt(row) })
}

// apptBy reads appointment id through q; pgx.ErrNoRows for none.
func apptBy(ctx context.Context, q querier, id int64) (domain.Appointment, error) {
	return scanAppt(q.QueryRow(ctx, `SELECT `+apptCols+` FROM appointments a WHERE a.id = $1`, id))
}

// AppointmentByID returns the appointment, or domain.ErrNotFound.
func (s *Store) AppointmentByID(ctx context.Context, id int64) (domain.Appointment, error) {
	a, err := apptBy(ctx, s.pool, id)
	if err != nil {
		return domain.Appointment{}, mapErr(fmt.Sprintf("appointment %d", id), err)
	}
	return a, nil
}

// AppointmentsOf returns the appointments of request id, soonest first.
func (s *Store) AppointmentsOf(ctx context.Context, requestID int64) ([]domain.Appointment, error) {
	out, err := queryAppts(ctx, s.pool, `SELECT `+apptCols+` FROM appointments a WHERE a.request_id = $1
		ORDER BY COALESCE(a.starts_at, (SELECT min(starts_at) FROM appointment_options
		                                 WHERE appointment_id = a.id AND round = a.round)), a.id`, requestID)
	if err != nil {
		return nil, mapErr(fmt.Sprintf("appointments of request %d", requestID), err)
	}
	return out, nil
}

// UpcomingAppointments returns the agreed appointments that start after
// now, soonest first, at most limit (see domain.AppointmentStore).
func (s *Store) UpcomingAppointments(ctx context.Context, limit int) ([]domain.Appointment, error) {
	out, err := queryAppts(ctx, s.pool, `SELECT `+apptCols+` FROM appointments a
		WHERE a.status = 'agreed' AND a.starts_at > $1 ORDER BY a.starts_at, a.id LIMIT $2`, s.now(), limit)
	if err != nil {
		return nil, mapErr("upcoming appointments", err)
	}
	return out, nil
}

// participants reads whom request id's appointments concern: the request,
// its seat holders by seat, and its requester (zero when deleted).
func participants(ctx context.Context, tx pgx.Tx, id int64) (domain.Participants, error) {
	var (
		p   domain.Participants
		err error
	)
	if p.Request, err = requestBy(ctx, tx, `r.id = $1`, id); err != nil {
		return p, err
	}
	rows, _ := tx.Query(ctx, actorSelect+`JOIN request_seats s ON s.advisor_id = u.id
		WHERE s.request_id = $1 AND u.deleted_at IS NULL ORDER BY s.seat`, id)
	advisors, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Actor, error) { return scanActor(row) })
	if err != nil {
		return p, err
	}
	for _, a := range advisors {
		p.Advisors = append(p.Advisors, a.User)
	}
	requester, err := actorByID(ctx, tx, p.Request.RequesterID)
	switch {
	case err == nil:
		p.Requester = requester.User
	case !errors.Is(err, pgx.ErrNoRows):
		return p, err
	}
	return p, nil
}
