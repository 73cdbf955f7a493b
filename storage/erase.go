package storage

import (
	"context"
	"encoding/json"
	"html"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The erasure of a user (issue 15, point 2). Per table, what is the
// person's and goes, and what is someone else's record and stays:
//
//   - users: the row stays (foreign keys point at it) with its id only:
//     no name, no consent, and -id as Telegram and chat id, so that it
//     identifies nobody and a later /start makes a new row.
//   - roles, municipal links, memberships, the advisor profile, the
//     invitations to events and reminders sent: deleted. Invites they
//     made and nobody used: deleted.
//   - requests they made are the municipality's record (department,
//     description, goal, place, target groups stay, for the colleagues
//     and the office); how to reach them and their function are theirs
//     and are blanked.
//   - free texts they wrote are blanked: notes of request history rows,
//     decline notes of offers, notes of appointments they
//     proposed last, reasons of cancellations they made (and of
//     reschedules of appointments they were party to), notes of their
//     reports, questions they asked about reports, comments of ratings
//     they gave, the contact of events they organise, the interpreting
//     wish of answers they gave. Ratings of requests they advised alone
//     are theirs (an advisor's rating is their personal data) and are
//     deleted; one of a tandem stays for the partner without its comment.
//   - report versions not confirmed are deleted (nothing to bill); the
//     confirmed ones are copied to billing_records, locked, and lose their
//     note (the exception the trigger of migration 021 allows).
//   - drafts of events they organise are deleted; their other events stay
//     (cancelled before if upcoming), without the contact.
//   - the outbox rows to their chat, the messages shown there and the
//     chat's block record are deleted; messages to others that name them
//     (not sent yet, or kept as sent) lose the name.

// EraseUser erases userID (see domain.ErasureStore).
func (s *Store) EraseUser(ctx context.Context, userID int64) (domain.Erasure, error) {
	return s.EraseUserWith(ctx, userID, nil)
}

// EraseUserWith is EraseUser writing notify's notifications in the same
// transaction.
func (s *Store) EraseUserWith(ctx context.Context, userID int64, notify func(domain.Erasure) []domain.Notification) (domain.Erasure, error) {
	return s.erase(ctx, userID, nil, notify)
}

// erase is EraseUserWith; with due set, only a user warned twice whose
// named day is at or before due is erased (the inactive users' job), else
// ErrNotFound: a contact since (TouchUser takes the warnings off) keeps
// them, and the check holds the user's row until the erasure commits.
func (s *Store) erase(ctx context.Context, userID int64, due *time.Time, notify func(domain.Erasure) []domain.Notification) (domain.Erasure, error) {
	now := s.now()
	e := domain.Erasure{UserID: userID}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var name string
		var telegramID int64
		if err := tx.QueryRow(ctx, `SELECT name, telegram_id, chat_id FROM users WHERE id = $1 AND deleted_at IS NULL
			AND ($2::timestamptz IS NULL OR erase_warnings = 2 AND erase_after <= $2) FOR UPDATE`,
			userID, due).Scan(&name, &telegramID, &e.ChatID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE users SET name = '', consent_at = NULL, deleted_at = $2,
			telegram_id = -id, chat_id = -id WHERE id = $1`, userID, now); err != nil {
			return err
		}
		if err := s.lockBilling(ctx, tx, userID, name, now, &e); err != nil {
			return err
		}
		if err := eraseRecords(ctx, tx, userID, []int64{e.ChatID, telegramID}); err != nil {
			return err
		}
		if err := unname(ctx, tx, name); err != nil {
			return err
		}
		if err := audit(ctx, tx, now, userID, "user.erase", userSubject(userID),
			map[string]any{"billing_records": e.Billing}); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, e)
	})
	if err != nil {
		return domain.Erasure{}, mapErr("erase user", err)
	}
	return e, nil
}

// advisedSQL selects the requests $1 held a seat of or reported on.
const advisedSQL = `SELECT request_id FROM reports WHERE advisor_id = $1
	UNION SELECT request_id FROM request_seats WHERE advisor_id = $1`

// partnerSQL finds another advisor of rating t's request: one holding a
// seat or having reported.
const partnerSQL = `SELECT 1 FROM reports p WHERE p.request_id = t.request_id AND p.advisor_id <> $1
	UNION ALL SELECT 1 FROM request_seats s WHERE s.request_id = t.request_id AND s.advisor_id <> $1`

// eraseRecords deletes and blanks what is userID's (see the list above);
// chats are the chat and Telegram ids the user had.
func eraseRecords(ctx context.Context, tx pgx.Tx, userID int64, chats []int64) error {
	for _, q := range []string{
		`DELETE FROM user_roles WHERE user_id = $1`,
		`DELETE FROM user_consents WHERE user_id = $1`,
		`DELETE FROM municipal_contacts WHERE user_id = $1`,
		`DELETE FROM organisation_members WHERE user_id = $1`,
		`DELETE FROM advisor_profiles WHERE user_id = $1`,
		`DELETE FROM event_invitations WHERE user_id = $1`,
		`DELETE FROM event_reminders WHERE user_id = $1`,
		`DELETE FROM report_reminders WHERE advisor_id = $1`,
		`DELETE FROM invites WHERE created_by = $1 AND used_by IS NULL`,
		`UPDATE requests SET contact_reach = '', contact_function = '' WHERE requester_id = $1`,
		`UPDATE request_events SET note = '' WHERE actor_user_id = $1 AND note <> ''`,
		`UPDATE offers SET decline_note = '' WHERE advisor_id = $1 AND decline_note <> ''`,
		// The note is the latest round's proposer's (as in the export).
		`UPDATE appointments a SET note = '' WHERE note <> '' AND ` + noteAuthor + ` = $1`,
		// A cancellation's reason is the canceller's; who gave a reschedule's
		// is not stored, so that goes if they were a party.
		`UPDATE appointments SET reason = '' WHERE reason <> '' AND CASE WHEN cancelled_by IS NOT NULL
		   THEN cancelled_by = $1 ELSE $1 IN (created_by, agreed_by) END`,
		// Ratings of requests they advised, before their reports go: theirs
		// alone are deleted; one of a tandem keeps its stars (the partner's)
		// and loses its comment (about both).
		`DELETE FROM report_ratings t WHERE request_id IN (` + advisedSQL + `) AND NOT EXISTS (` + partnerSQL + `)`,
		`UPDATE report_ratings t SET comment = '' WHERE comment <> '' AND request_id IN (` + advisedSQL + `)`,
		`UPDATE report_ratings SET comment = '' WHERE rater_id = $1 AND comment <> ''`,
		`DELETE FROM reports WHERE advisor_id = $1 AND status <> 'confirmed'`,
		`UPDATE reports SET note = '' WHERE advisor_id = $1 AND note <> ''`,
		`UPDATE reports SET question = '-' WHERE question_by = $1 AND status <> 'confirmed'`,
		`DELETE FROM events WHERE organiser_id = $1 AND status = 'draft'`,
		`UPDATE events SET contact = '' WHERE organiser_id = $1 AND contact <> ''`,
		`UPDATE event_answers SET interpreting = '', answered_by = NULL WHERE answered_by = $1`,
	} {
		if _, err := tx.Exec(ctx, q, userID); err != nil {
			return err
		}
	}
	for _, q := range []string{
		`DELETE FROM outbox WHERE chat_id = ANY($1)`,
		`DELETE FROM shown_messages WHERE chat_id = ANY($1)`,
		`DELETE FROM blocked_chats WHERE chat_id = ANY($1)`,
	} {
		if _, err := tx.Exec(ctx, q, chats); err != nil {
			return err
		}
	}
	return nil
}

// minNamed is the shortest name unname looks for: shorter ones would
// match inside other words.
const minNamed = 3

// unname takes name out of the messages to others: the outbox's texts,
// captions and button labels, and the buttons of messages shown.
func unname(ctx context.Context, tx pgx.Tx, name string) error {
	name = strings.TrimSpace(name)
	if len([]rune(name)) < minNamed {
		return nil
	}
	const gone = "…"
	forms := []string{name}
	if esc := html.EscapeString(name); esc != name {
		forms = append(forms, esc)
	}
	for _, f := range forms {
		js, err := json.Marshal(f)
		if err != nil {
			return err
		}
		inJSON := string(js[1 : len(js)-1])
		if _, err := tx.Exec(ctx, `UPDATE outbox SET text = replace(text, $1, $3),
			doc_caption = replace(doc_caption, $1, $3), buttons = replace(buttons::text, $2, $3)::jsonb
			WHERE strpos(text, $1) > 0 OR strpos(doc_caption, $1) > 0 OR strpos(buttons::text, $2) > 0`,
			f, inJSON, gone); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE shown_messages SET buttons = replace(buttons::text, $1, $2)::jsonb
			WHERE strpos(buttons::text, $1) > 0`, inJSON, gone); err != nil {
			return err
		}
	}
	return nil
}

// lockBilling copies what billing needs of userID's confirmed report
// versions into billing_records (name as billed), locked until the end of
// the retention period, and counts them into e.
func (s *Store) lockBilling(ctx context.Context, tx pgx.Tx, userID int64, name string, now time.Time, e *domain.Erasure) error {
	confirmed, err := s.confirmedOf(ctx, tx, userID)
	if err != nil {
		return err
	}
	for _, c := range confirmed {
		if _, err := tx.Exec(ctx, `INSERT INTO billing_records (report_id, request_ref, advisor_name, version, dates,
			prep_minutes, session_minutes, followup_minutes, km, km_rate_cents, ticket_cents, other_cents,
			confirmed_at, locked_until, created_at)
			SELECT p.id, $2, $3, p.version, p.dates, p.prep_minutes, p.session_minutes, p.followup_minutes, p.km,
			       p.km_rate_cents, p.ticket_cents, p.other_cents, p.confirmed_at, $4, $5
			  FROM reports p WHERE p.id = $1
			ON CONFLICT (report_id) DO NOTHING`, c.id, c.ref, name, c.lockedUntil, now); err != nil {
			return err
		}
		e.Billing++
		if c.lockedUntil.After(e.LockedUntil) {
			e.LockedUntil = c.lockedUntil
		}
	}
	return nil
}

// PurgeBillingRecords deletes the billing records locked until a day
// before now's day (in the programme's zone), with the confirmed report
// versions they copy (the erased advisor's last rows; the lock trigger
// guards updates only, and the record goes by its foreign key's cascade),
// and returns how many went.
func (s *Store) PurgeBillingRecords(ctx context.Context, now time.Time) (int, error) {
	d := now.In(s.zone)
	today := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	tag, err := s.pool.Exec(ctx, `DELETE FROM reports WHERE id IN
		(SELECT report_id FROM billing_records WHERE locked_until < $1)`, today)
	if err != nil {
		return 0, mapErr("purge billing records", err)
	}
	return int(tag.RowsAffected()), nil
}
