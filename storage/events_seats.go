package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The seats of events and their waitlist (issue 14; the rules are in
// flows/domain/event_seats.go). Every change runs in a transaction that
// holds the event's row (eventBy with lockAnswer or lockUpdate), and the
// seats taken change only through takeSeats and releaseSeats: a
// conditional UPDATE that never lets them pass the capacity, with the
// table's CHECK as the last guard.

// takeSeats takes n seats of event id if they are free (always without a
// capacity) and reports whether it did.
func takeSeats(ctx context.Context, tx pgx.Tx, id int64, n int) (bool, error) {
	tag, err := tx.Exec(ctx, `UPDATE events SET seats_taken = seats_taken + $2
		WHERE id = $1 AND (capacity = 0 OR seats_taken + $2 <= capacity)`, id, n)
	return tag.RowsAffected() == 1, err
}

// releaseSeats gives n seats of event id back.
func releaseSeats(ctx context.Context, tx pgx.Tx, id int64, n int) error {
	if n == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `UPDATE events SET seats_taken = seats_taken - $2 WHERE id = $1`, id, n)
	return err
}

// writeAnswer stores ans as its organisation's answer to event e by
// actorID at now, after prev (Reply "" for none), with its seats: a yes
// keeps the seats it had (those offered become its own: a yes confirms
// them) up to its persons and gives back the rest; the persons beyond
// wait, keeping their place when they waited before. Every other reply
// gives its seats back. Without a capacity a yes takes every seat at
// once. The caller then promotes the waitlist (promote), which seats the
// answering association too when its waiting persons fit.
func writeAnswer(ctx context.Context, tx pgx.Tx, e domain.Event, prev, ans domain.OrgAnswer, actorID int64, now time.Time) error {
	have := 0
	if prev.Reply == domain.ReplyYes {
		have = prev.Seats + prev.Offered
	}
	seats := 0
	var since *time.Time
	if ans.Reply == domain.ReplyYes {
		seats = min(have, ans.Persons)
		if e.Capacity == 0 && ans.Persons > have {
			if _, err := takeSeats(ctx, tx, e.ID, ans.Persons-have); err != nil {
				return err
			}
			seats = ans.Persons
		}
		if seats < ans.Persons {
			since = &now
			if prev.Waiting() > 0 {
				since = &prev.WaitingSince
			}
		}
	}
	if err := releaseSeats(ctx, tx, e.ID, have-min(have, seats)); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO event_answers (event_id, organisation_id, reply, persons, needs, interpreting,
			answered_by, answered_at, seats, offered, waiting_since, offer_until)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, NULL)
		ON CONFLICT (event_id, organisation_id) DO UPDATE SET reply = EXCLUDED.reply, persons = EXCLUDED.persons,
			needs = EXCLUDED.needs, interpreting = EXCLUDED.interpreting, answered_by = EXCLUDED.answered_by,
			answered_at = EXCLUDED.answered_at, seats = EXCLUDED.seats, offered = 0,
			waiting_since = EXCLUDED.waiting_since, offer_until = NULL`,
		e.ID, ans.OrganisationID, string(ans.Reply), ans.Persons, texts(ans.Needs), ans.Interpreting, actorID, now,
		seats, since)
	return err
}

// waiter is an association on an event's waitlist, as promote reads it.
type waiter struct {
	org     int64
	waiting int // persons waiting
	have    int // persons holding or offered seats
}

// waitlistSQL reads the waitlist of event $1 in order: with new_first
// ($2), associations that have not attended an event of the organiser
// ($3) before first; then by the time they began to wait.
const waitlistSQL = `
SELECT a.organisation_id, a.persons - a.seats - a.offered, a.seats + a.offered
  FROM event_answers a
 WHERE a.event_id = $1 AND a.waiting_since IS NOT NULL
 ORDER BY $2::boolean AND EXISTS (
           SELECT 1 FROM event_answers p JOIN events pe ON pe.id = p.event_id
            WHERE p.organisation_id = a.organisation_id AND pe.organiser_id = $3 AND pe.id <> $1 AND p.attended),
          a.waiting_since, a.organisation_id
   FOR UPDATE OF a`

// promote seats the waitlist of event e at now while seats are free: the
// first association in order whose waiting persons fit (with fairness,
// at most FairMax persons while another association waits) is offered
// them until domain.OfferEnd. The answering association (answering, or
// 0) gets them at once, and when nobody else waits it takes as many as
// are free (a part of its persons): while others wait it fits as a whole
// or waits, like them, so that nobody passes those who waited longer with
// a part. Within the last 2 hours before the start every promotion gets
// the seats at once. It passes over the list until nobody more fits and
// returns the promoted associations other than the answering one.
func promote(ctx context.Context, tx pgx.Tx, e domain.Event, now time.Time, answering int64) ([]domain.SeatOffer, error) {
	if e.Capacity == 0 {
		return nil, nil
	}
	var taken int
	if err := tx.QueryRow(ctx, `SELECT seats_taken FROM events WHERE id = $1`, e.ID).Scan(&taken); err != nil || taken >= e.Capacity {
		return nil, err // full: nobody to seat, and the waitlist is not read
	}
	rows, _ := tx.Query(ctx, waitlistSQL, e.ID, e.Seating.NewFirst, e.OrganiserID)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (waiter, error) {
		var w waiter
		return w, row.Scan(&w.org, &w.waiting, &w.have)
	})
	if err != nil {
		return nil, err
	}
	end := domain.OfferEnd(now, e.Start, e.Seating.ConfirmHours)
	var promoted []int64
	for granted := true; granted; {
		granted = false
		for i := range list {
			w := &list[i]
			if w.waiting == 0 {
				continue
			}
			grant := w.waiting
			if e.Seating.FairMax > 0 && othersWait(list, w.org) {
				grant = min(grant, e.Seating.FairMax-w.have)
			}
			if w.org == answering && !othersWait(list, w.org) { // nobody waits: a yes takes what is free, the rest wait
				grant = min(grant, e.Capacity-taken)
			}
			if grant <= 0 || grant > e.Capacity-taken {
				continue
			}
			ok, err := takeSeats(ctx, tx, e.ID, grant)
			if err != nil {
				return nil, err
			} else if !ok { // the row is held: the seats counted above are free
				return nil, fmt.Errorf("promote on event %d: %d seats not free", e.ID, grant)
			}
			if err := seat(ctx, tx, e.ID, w.org, grant, w.org == answering || end.IsZero(), end); err != nil {
				return nil, err
			}
			taken, w.waiting, w.have, granted = taken+grant, w.waiting-grant, w.have+grant, true
			if w.org != answering {
				promoted = append(promoted, w.org)
			}
		}
	}
	return promotedOffers(ctx, tx, e, promoted)
}

// othersWait reports whether an association other than org waits.
func othersWait(list []waiter, org int64) bool {
	for _, w := range list {
		if w.org != org && w.waiting > 0 {
			return true
		}
	}
	return false
}

// seat gives n waiting persons of organisation org seats of event id: at
// once, or offered until end (an earlier offer's end stays); the answer
// leaves the waitlist when nobody of it waits any more.
func seat(ctx context.Context, tx pgx.Tx, id, org int64, n int, now bool, end time.Time) error {
	set, args := `offered = offered + $3, offer_until = COALESCE(offer_until, $4)`, []any{id, org, n, end}
	if now {
		set, args = `seats = seats + $3`, args[:3]
	}
	_, err := tx.Exec(ctx, `UPDATE event_answers SET `+set+`,
			waiting_since = CASE WHEN persons - seats - offered - $3 > 0 THEN waiting_since END
		WHERE event_id = $1 AND organisation_id = $2`, args...)
	return err
}

// promotedOffers reads the answers and invited members of the promoted
// organisations (each once, in order).
func promotedOffers(ctx context.Context, tx pgx.Tx, e domain.Event, orgs []int64) ([]domain.SeatOffer, error) {
	var out []domain.SeatOffer
	seen := map[int64]bool{}
	for _, org := range orgs {
		if seen[org] {
			continue
		}
		seen[org] = true
		ans, err := answerOf(ctx, tx, e.ID, org)
		if err != nil {
			return nil, err
		}
		members, err := invitedMembers(ctx, tx, e, org, ans)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.SeatOffer{Answer: ans, Members: members})
	}
	return out, nil
}
