package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The end of a promotion (issue 14): the association confirms the seats
// offered in time (ConfirmSeats), or the window ends and the seats go to
// the next (ExpireSeatOffers). Both hold the event's row like Answer
// (lockAnswer), so that answers, confirmations and expiries of one event
// follow each other.

// ConfirmSeats makes the seats offered to an organisation its own (see
// domain.SeatStore).
func (s *Store) ConfirmSeats(ctx context.Context, actorID, eventID, orgID int64, notify func(domain.EventAnswerChange) []domain.Notification) (domain.EventAnswerChange, error) {
	op := fmt.Sprintf("confirm seats of event %d for organisation %d", eventID, orgID)
	var ch domain.EventAnswerChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := eventBy(ctx, tx, eventID, lockAnswer)
		if err != nil {
			return err
		}
		now := s.now() // under the lock, as Answer
		if err := mayAnswer(ctx, tx, e, actorID, orgID, now); err != nil {
			return err
		}
		if ch.Previous, err = answerOf(ctx, tx, e.ID, orgID); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE event_answers SET seats = seats + offered, offered = 0, offer_until = NULL
			WHERE event_id = $1 AND organisation_id = $2 AND offered > 0 AND offer_until > $3`, e.ID, orgID, now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return domain.ErrConflict // nothing offered, or the window ended
		}
		if ch.Answer, err = answerOf(ctx, tx, e.ID, orgID); err != nil {
			return err
		}
		if ch.Event, err = eventBy(ctx, tx, e.ID, noLock); err != nil {
			return err
		}
		ch.Persons = ch.Event.SeatsTaken
		if err := audit(ctx, tx, now, actorID, "event.confirm_seats", eventSubject(e.ID), map[string]any{
			"event_id": e.ID, "organisation_id": orgID, "seats": ch.Answer.Seats}); err != nil {
			return err
		}
		if ch.Members, err = invitedMembers(ctx, tx, ch.Event, orgID, ch.Answer); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, ch)
	})
	if err != nil {
		return domain.EventAnswerChange{}, mapErr(op, err)
	}
	return ch, nil
}

// ExpireSeatOffers passes over the offers whose window ended (see
// domain.SeatStore). Only published events that have not started are
// looked at: an offer's window ends 2 hours before the start at the
// latest, and a cancelled or started event promotes nobody any more, so
// their offers stay as they are (the cards are closed) and cost one
// indexed look each run.
func (s *Store) ExpireSeatOffers(ctx context.Context, notify func(domain.SeatsExpiry) []domain.Notification) ([]domain.SeatsExpiry, error) {
	now := s.now()
	rows, _ := s.pool.Query(ctx, `SELECT DISTINCT a.event_id FROM event_answers a JOIN events e ON e.id = a.event_id
		WHERE a.offer_until <= $1 AND e.status = 'published' AND e.starts_at > $1 ORDER BY a.event_id`, now)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapErr("expired seat offers", err)
	}
	var out []domain.SeatsExpiry
	for _, id := range ids {
		x, err := s.expireOffers(ctx, id, now, notify)
		if err != nil {
			return out, mapErr(fmt.Sprintf("expire seat offers of event %d", id), err)
		}
		if len(x.Passed) > 0 {
			out = append(out, x)
		}
	}
	return out, nil
}

// expireOffers passes over the offers of event id ended at now and
// promotes the next, in one transaction; a run that finds them gone (a
// second instance, a confirmation just before) returns no Passed and
// writes nothing.
func (s *Store) expireOffers(ctx context.Context, id int64, now time.Time, notify func(domain.SeatsExpiry) []domain.Notification) (domain.SeatsExpiry, error) {
	var x domain.SeatsExpiry
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := eventBy(ctx, tx, id, lockAnswer)
		if err != nil || e.Status != domain.EventPublished || e.Started(now) {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT organisation_id FROM event_answers
			WHERE event_id = $1 AND offer_until <= $2 ORDER BY organisation_id FOR UPDATE`, e.ID, now)
		orgs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil || len(orgs) == 0 {
			return err
		}
		for _, org := range orgs {
			p, err := passOver(ctx, tx, e, org, now)
			if err != nil {
				return err
			}
			x.Passed = append(x.Passed, p)
		}
		if x.Promoted, err = promote(ctx, tx, e, now, 0); err != nil {
			return err
		}
		if x.Event, err = eventBy(ctx, tx, e.ID, noLock); err != nil {
			return err
		}
		for i := range x.Passed {
			for j := range x.Passed[i].Members {
				x.Passed[i].Members[j].Event = x.Event
			}
		}
		if err := audit(ctx, tx, now, 0, "event.seats_expired", eventSubject(e.ID), map[string]any{
			"event_id": e.ID, "passed": len(x.Passed), "promoted": len(x.Promoted)}); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, x)
	})
	return x, err
}

// passOver withdraws the offer of organisation org for event e at now and
// gives its seats back: an association that still holds seats keeps them
// (its persons become those seats, nobody waits), any other's answer
// becomes no, by nobody.
func passOver(ctx context.Context, tx pgx.Tx, e domain.Event, org int64, now time.Time) (domain.PassedOver, error) {
	prev, err := answerOf(ctx, tx, e.ID, org)
	if err != nil {
		return domain.PassedOver{}, err
	}
	if err := releaseSeats(ctx, tx, e.ID, prev.Offered); err != nil {
		return domain.PassedOver{}, err
	}
	set, args := `reply = 'no', persons = 0, seats = 0, needs = '{}', interpreting = '', answered_by = NULL, answered_at = $3`,
		[]any{e.ID, org, now}
	if prev.Seats > 0 {
		set, args = `persons = seats`, args[:2]
	}
	if _, err := tx.Exec(ctx, `UPDATE event_answers SET `+set+`, offered = 0, offer_until = NULL, waiting_since = NULL
		WHERE event_id = $1 AND organisation_id = $2`, args...); err != nil {
		return domain.PassedOver{}, err
	}
	ans, err := answerOf(ctx, tx, e.ID, org)
	if err != nil {
		return domain.PassedOver{}, err
	}
	members, err := invitedMembers(ctx, tx, e, org, ans)
	return domain.PassedOver{Answer: ans, Members: members}, err
}
