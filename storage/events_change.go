package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Changes and cancellation of published events by their organiser (issue
// 14): each in one transaction that holds the event's row (lockUpdate), so
// that the answers to it (lockAnswer) wait for the change and see it.

// toldSQL selects the invitations of event $1 to those still members of
// the invited association (registered, not deleted), with the
// association's answer, as scanTold reads them: every one with $2, else
// those whose association answered yes (holding, offered or waiting) or
// maybe.
const toldSQL = `SELECT i.id, i.organisation_id, o.name, i.user_id, u.chat_id, o.invite_lang, ` + answerCols + `
	FROM event_invitations i JOIN users u ON u.id = i.user_id AND u.deleted_at IS NULL
	JOIN organisations o ON o.id = i.organisation_id
	JOIN organisation_members m ON m.organisation_id = i.organisation_id AND m.user_id = i.user_id
	LEFT JOIN event_answers a ON a.event_id = i.event_id AND a.organisation_id = i.organisation_id
	WHERE i.event_id = $1 AND ($2 OR a.reply IN ('yes', 'maybe'))
	ORDER BY i.organisation_id, i.user_id`

// told reads the members told of a change (all false) or a cancellation
// (all true) of event e, with e as their event.
func told(ctx context.Context, tx pgx.Tx, e domain.Event, all bool) ([]domain.EventInvitation, error) {
	rows, _ := tx.Query(ctx, toldSQL, e.ID, all)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.EventInvitation, error) {
		inv := domain.EventInvitation{Event: e}
		var x answerScan
		if err := scanInvitation(row, &inv, x.dest(&inv.Answer)...); err != nil {
			return inv, err
		}
		x.fill(&inv.Answer, e.ID)
		return inv, nil
	})
}

// CountTold counts the members told of a change or cancellation (see
// domain.SeatStore): the rows of toldSQL.
func (s *Store) CountTold(ctx context.Context, id int64, all bool) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (`+toldSQL+`) t`, id, all).Scan(&n); err != nil {
		return 0, mapErr(fmt.Sprintf("count told of event %d", id), err)
	}
	return n, nil
}

// calendarChanged reports whether what a calendar file shows of an event
// differs between a and b: the time, the place or link, the description.
func calendarChanged(a, b domain.Event) bool {
	return !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.Place != b.Place || a.Link != b.Link ||
		a.Description != b.Description
}

// changeable reads event id inside tx, locked for the change (lockUpdate),
// and returns it when actorID may manage it (else domain.ErrForbidden) and
// it is published and has not started at now (else domain.ErrConflict).
func changeable(ctx context.Context, tx pgx.Tx, id, actorID int64, now time.Time) (domain.Event, error) {
	e, err := managedEvent(ctx, tx, id, actorID, lockUpdate)
	if err != nil {
		return e, err
	}
	if e.Status != domain.EventPublished || e.Started(now) {
		return e, domain.ErrConflict
	}
	return e, nil
}

// changed is old with d's start, end, place, link, description, capacity
// and seating; the other fields stay.
func changed(old domain.Event, d domain.EventDraft) domain.Event {
	e := old
	e.Start, e.End, e.Place, e.Link, e.Description = d.Start, d.End, d.Place, d.Link, d.Description
	e.Capacity, e.Seating = d.Capacity, d.Seating
	e.Seating.ConfirmHours = confirmHours(d.Seating)
	return e
}

// validChange returns the *domain.EventError of the changed event e at
// now. An answer deadline that has passed already is not checked again
// (it stays, and lies before any start still to come); one still ahead
// must stay before the new start: a start moved to or before it is
// refused (ProblemEventDeadline), not the deadline moved silently.
func validChange(e domain.Event, now time.Time) error {
	d := e.EventDraft
	if !d.Deadline.After(now) {
		d.Deadline = time.Time{}
	}
	return domain.ValidateEvent(d, now)
}

// changeEventSQL writes a change of event $1 (see changed) at $11,
// raising the sequence by $12 (1 when the calendar changed, else 0).
const changeEventSQL = `UPDATE events SET starts_at = $2, ends_at = $3, place = $4, link = $5, description = $6,
		capacity = $7, fair_max = $8, new_first = $9, confirm_hours = $10, updated_at = $11, sequence = sequence + $12
	WHERE id = $1 AND status = 'published'`

// updateEvent runs change on published event id by actorID in one
// transaction (changeable) and writes notify's notifications of the update
// it returns; op names the operation in errors.
func (s *Store) updateEvent(ctx context.Context, op string, id, actorID int64, notify func(domain.EventUpdate) []domain.Notification,
	change func(tx pgx.Tx, old domain.Event, now time.Time) (domain.EventUpdate, error)) (domain.EventUpdate, error) {
	now := s.now()
	var up domain.EventUpdate
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		old, err := changeable(ctx, tx, id, actorID, now)
		if err != nil {
			return err
		}
		if up, err = change(tx, old, now); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, up)
	})
	if err != nil {
		return domain.EventUpdate{}, mapErr(op, err)
	}
	return up, nil
}

// ChangeEvent changes a published event (see domain.SeatStore).
func (s *Store) ChangeEvent(ctx context.Context, id, actorID int64, d domain.EventDraft, notify func(domain.EventUpdate) []domain.Notification) (domain.EventUpdate, error) {
	return s.updateEvent(ctx, fmt.Sprintf("change event %d", id), id, actorID, notify,
		func(tx pgx.Tx, old domain.Event, now time.Time) (domain.EventUpdate, error) {
			next := changed(old, d)
			if err := validChange(next, now); err != nil {
				return domain.EventUpdate{}, err
			}
			if next.Capacity > 0 && next.Capacity < old.SeatsTaken {
				return domain.EventUpdate{}, &domain.CapacityError{Taken: old.SeatsTaken}
			}
			calendar := calendarChanged(old, next)
			raise := 0
			if calendar {
				raise = 1
			}
			if _, err := tx.Exec(ctx, changeEventSQL, id, next.Start, next.End, next.Place, next.Link, next.Description,
				next.Capacity, next.Seating.FairMax, next.Seating.NewFirst, next.Seating.ConfirmHours, now, raise); err != nil {
				return domain.EventUpdate{}, err
			}
			offers, err := offersBeforeStart(ctx, tx, old, next.Start, now)
			if err != nil {
				return domain.EventUpdate{}, err
			}
			up, err := seatAfterChange(ctx, tx, old, now)
			if err == nil && calendar {
				up.Told, err = told(ctx, tx, up.After, false)
			}
			if err != nil {
				return up, err
			}
			return up, audit(ctx, tx, now, actorID, "event.change", eventSubject(id), map[string]any{"event_id": id,
				"calendar": calendar, "capacity": next.Capacity, "sequence": up.After.Sequence, "told": len(up.Told),
				"promoted": len(up.Promoted), "offers": offers})
		})
}

// offersBeforeStart keeps the open seat offers of event old within
// domain.OfferEnd's rule when its start moves to start at now (nothing
// when it stays): an offer ending later than domain.MinConfirmLead before
// the new start ends then; when that is not after now, the seats offered
// are given at once (seats taken stay; waiting_since stays, as the
// persons waiting do). An offer ended already is the expiry job's. Those
// associations answered yes, so a change of the start tells their members
// (Told), whose cards, restyled, show the seats held, and the promotion's
// button goes (invitations.Deps.Updates). It returns how many offers
// changed.
func offersBeforeStart(ctx context.Context, tx pgx.Tx, old domain.Event, start, now time.Time) (int64, error) {
	if start.Equal(old.Start) {
		return 0, nil
	}
	latest := start.Add(-domain.MinConfirmLead)
	set := `offer_until = $3`
	if !latest.After(now) {
		set = `seats = seats + offered, offered = 0, offer_until = NULL`
	}
	tag, err := tx.Exec(ctx, `UPDATE event_answers SET `+set+`
		WHERE event_id = $1 AND offered > 0 AND offer_until > $2 AND offer_until > $3`, old.ID, now, latest)
	return tag.RowsAffected(), err
}

// seatAfterChange seats the waitlist of event old as changed inside tx at
// now (a higher capacity, fairness relaxed, or no capacity any more: every
// waiting person gets a seat at once) and returns the update with the
// event after and the promotions.
func seatAfterChange(ctx context.Context, tx pgx.Tx, old domain.Event, now time.Time) (domain.EventUpdate, error) {
	up := domain.EventUpdate{Before: old}
	after, err := eventBy(ctx, tx, old.ID, noLock)
	if err != nil {
		return up, err
	}
	if after.Capacity > 0 {
		up.Promoted, err = promote(ctx, tx, after, now, 0)
	} else if old.Capacity > 0 {
		up.Promoted, err = seatEveryone(ctx, tx, after)
	}
	if err != nil {
		return up, err
	}
	up.After, err = eventBy(ctx, tx, old.ID, noLock) // the seats taken after the promotions
	return up, err
}

// seatEveryone gives every waiting person of event e, which has no
// capacity any more, a seat at once (seats offered become theirs too) and
// returns the associations that waited, as promoted.
func seatEveryone(ctx context.Context, tx pgx.Tx, e domain.Event) ([]domain.SeatOffer, error) {
	rows, _ := tx.Query(ctx, `UPDATE event_answers SET seats = persons, offered = 0, offer_until = NULL, waiting_since = NULL
		WHERE event_id = $1 AND reply = 'yes' AND persons > seats
		RETURNING organisation_id`, e.ID)
	var orgs []int64
	var org int64
	if _, err := pgx.ForEachRow(rows, []any{&org}, func() error {
		orgs = append(orgs, org)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE events SET seats_taken = (SELECT COALESCE(sum(seats + offered), 0)
		FROM event_answers WHERE event_id = $1 AND reply = 'yes') WHERE id = $1`, e.ID); err != nil {
		return nil, err
	}
	return promotedOffers(ctx, tx, e, orgs)
}

// CancelEvent cancels a published event (see domain.SeatStore).
func (s *Store) CancelEvent(ctx context.Context, id, actorID int64, notify func(domain.EventUpdate) []domain.Notification) (domain.EventUpdate, error) {
	return s.updateEvent(ctx, fmt.Sprintf("cancel event %d", id), id, actorID, notify,
		func(tx pgx.Tx, old domain.Event, now time.Time) (domain.EventUpdate, error) {
			up := domain.EventUpdate{Before: old}
			if _, err := tx.Exec(ctx, `UPDATE events SET status = 'cancelled', cancelled_at = $2, updated_at = $2,
				sequence = sequence + 1 WHERE id = $1 AND status = 'published'`, id, now); err != nil {
				return up, err
			}
			var err error
			if up.After, err = eventBy(ctx, tx, id, noLock); err != nil {
				return up, err
			}
			if up.Told, err = told(ctx, tx, up.After, true); err != nil {
				return up, err
			}
			return up, audit(ctx, tx, now, actorID, "event.cancel", eventSubject(id), map[string]any{"event_id": id,
				"sequence": up.After.Sequence, "told": len(up.Told)})
		})
}
