package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Users inactive for long are warned twice and then erased (see
// domain.RetentionStore). users.last_seen_at is their last contact (NULL:
// none since they registered, created_at counts), erase_warnings the
// warnings sent, erase_after the day the last one named; TouchUser clears
// both. Each warning is a conditional UPDATE whose row count decides
// whether this run sends it, in one transaction with its outbox message.

// seenSQL is when a user was last seen.
const seenSQL = `COALESCE(u.last_seen_at, u.created_at)`

// due is a user a run may warn or erase, as the candidate query read them.
type due struct {
	user  domain.User
	since time.Time // last seen (first warning) or the day named (later)
}

// candidates reads the users of where (on users u; $1 its argument).
func (s *Store) candidates(ctx context.Context, op, when, where string, arg time.Time) ([]due, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+userCols+`, `+when+` FROM users u
		WHERE u.deleted_at IS NULL AND `+where+` ORDER BY u.id`, arg)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (due, error) {
		var (
			d       due
			consent *time.Time
			roles   []string
		)
		err := row.Scan(&d.user.ID, &d.user.TelegramID, &d.user.ChatID, &d.user.Name, &d.user.Lang, &consent, &roles, &d.since)
		if consent != nil {
			d.user.ConsentAt = *consent
		}
		d.user.Roles = toRoles(roles)
		return d, err
	})
	if err != nil {
		return nil, mapErr(op, err)
	}
	return list, nil
}

// warn records warning w of d.user, erasing after, when update (with $1 the
// user's id, $2 the day, $3 cond) still matches, and writes notify's
// messages with it. It reports whether it did.
func (s *Store) warn(ctx context.Context, update string, cond time.Time, w domain.InactiveUser,
	notify func(domain.InactiveUser) []domain.Notification) (bool, error) {
	var done bool
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, update, w.User.ID, w.EraseAfter, cond)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		done = true
		return notifyIn(ctx, tx, s.now(), notify, w)
	})
	if err != nil {
		return false, mapErr(fmt.Sprintf("warn inactive user %d", w.User.ID), err)
	}
	return done, nil
}

// WarnInactive sends plan's due warnings, each once (see
// domain.RetentionStore). The first goes to users not seen since
// plan.First before the end of the period; it names the period's end, or
// plan.First from now when the job comes late (a user never goes without
// the time the warnings promise). The second goes plan.Second before the
// named day, which it moves to plan.Second from now when it comes late.
func (s *Store) WarnInactive(ctx context.Context, plan domain.InactivityPlan,
	notify func(domain.InactiveUser) []domain.Notification) (int, int, error) {
	firstDue := plan.Inactive.Before(plan.Now.Add(plan.First))
	list, err := s.candidates(ctx, "inactive users", seenSQL, `u.erase_warnings = 0 AND `+seenSQL+` <= $1`, firstDue)
	if err != nil {
		return 0, 0, err
	}
	var first, second int
	for _, d := range list {
		w := domain.InactiveUser{User: d.user, Warning: 1,
			EraseAfter: later(plan.Inactive.After(d.since), plan.Now.Add(plan.First))}
		ok, err := s.warn(ctx, `UPDATE users u SET erase_warnings = 1, erase_after = $2
			WHERE u.id = $1 AND u.deleted_at IS NULL AND u.erase_warnings = 0 AND `+seenSQL+` <= $3`, firstDue, w, notify)
		if err != nil {
			return first, second, err
		}
		if ok {
			first++
		}
	}
	secondDue := plan.Now.Add(plan.Second)
	if list, err = s.candidates(ctx, "warned users", "u.erase_after", `u.erase_warnings = 1 AND u.erase_after <= $1`, secondDue); err != nil {
		return first, second, err
	}
	for _, d := range list {
		w := domain.InactiveUser{User: d.user, Warning: 2, EraseAfter: later(d.since, secondDue)}
		ok, err := s.warn(ctx, `UPDATE users SET erase_warnings = 2, erase_after = $2
			WHERE id = $1 AND deleted_at IS NULL AND erase_warnings = 1 AND erase_after <= $3`, secondDue, w, notify)
		if err != nil {
			return first, second, err
		}
		if ok {
			second++
		}
	}
	return first, second, nil
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// EraseInactive erases the users warned twice whose named day has come
// (see domain.RetentionStore), each with /loeschen's erasure in one
// transaction that first checks, under the user's row lock, that they are
// still due: a user who got in touch since (TouchUser took the warnings
// off), or whom another run or their own /loeschen erased, is skipped. A
// failed erasure leaves the warnings as they were, so the next run tries
// again instead of warning afresh.
func (s *Store) EraseInactive(ctx context.Context, now time.Time) (int, error) {
	list, err := s.candidates(ctx, "users to erase", "u.erase_after", `u.erase_warnings = 2 AND u.erase_after <= $1`, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range list {
		// Their Redis state is gone already: sessions expire after at most
		// MaxSessionTTL.
		switch _, err := s.erase(ctx, d.user.ID, &now, nil); {
		case errors.Is(err, domain.ErrNotFound): // back in touch, or erased meanwhile
		case err != nil:
			return n, err
		default:
			n++
		}
	}
	return n, nil
}
