package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Publishing an event: its audience, and the invitations written with
// their notifications in the transaction that publishes it.

// audienceMatch is the condition under which organisation o matches
// event e by its profile (orgMatchSQL, as domain.OrganisationMatches):
// the topics overlap and are not stopped, and o is in e's city or, unless
// f.CityOnly, in its Bundesland.
func audienceMatch(f domain.AudienceFilter) string {
	cityOnly := "false"
	if f.CityOnly {
		cityOnly = "true"
	}
	return orgMatchSQL("e.topics", "e.city", "e.state", cityOnly)
}

// notStoppedSQL is the condition under which organisation o has not
// stopped the invitations of event e: not all of them, nor every topic of
// e. Organisations added by hand (and the invitations written) keep to it
// too.
const notStoppedSQL = `NOT o.stopped_all AND NOT (e.topics <@ o.stopped_topics)`

// audienceSQL is the query of the audience of event $1, with the
// organisations of ids $2 added whatever their city and topics (but not
// when they stopped the event's invitations, notStoppedSQL), as
// audienceOrgCols, by name. Its WHERE is
// audienceMatch(f).
func audienceSQL(f domain.AudienceFilter) string {
	return `SELECT ` + audienceOrgCols + `
	  FROM events e JOIN organisations o ON true
	 WHERE e.id = $1 AND ((` + audienceMatch(f) + `) OR o.id = ANY($2) AND ` + notStoppedSQL + `)
	 ORDER BY o.name, o.id`
}

// audienceOrgCols are the columns of organisation o as an audience reads
// it (scanAudienceOrg): id, name, city, invitation language and the number
// of its members (registered, not deleted).
const audienceOrgCols = `o.id, o.name, o.city, o.invite_lang,
	       (SELECT count(*) FROM organisation_members m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
	         WHERE m.organisation_id = o.id)`

// scanAudienceOrg reads audienceOrgCols.
func scanAudienceOrg(row pgx.CollectableRow) (domain.AudienceOrg, error) {
	var o domain.AudienceOrg
	return o, row.Scan(&o.ID, &o.Name, &o.City, &o.InviteLang, &o.Members)
}

// audienceMembersSQL counts the registered members of the organisations
// $1 by the invitation language they would get, each member once, for the
// organisation with the lowest id (as invitationsSQL invites them).
const audienceMembersSQL = `
SELECT lang, count(*) FROM (
    SELECT DISTINCT ON (m.user_id) o.invite_lang AS lang
      FROM organisation_members m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
      JOIN organisations o ON o.id = m.organisation_id
     WHERE m.organisation_id = ANY($1)
     ORDER BY m.user_id, m.organisation_id) x
 GROUP BY lang`

// Audience returns the organisations event id matches (see
// domain.EventStore and audienceSQL) and the members they reach
// (audienceMembersSQL).
func (s *Store) Audience(ctx context.Context, id int64, f domain.AudienceFilter) ([]domain.AudienceOrg, domain.AudienceMembers, error) {
	op := fmt.Sprintf("audience of event %d", id)
	var out []domain.AudienceOrg
	members := domain.AudienceMembers{}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := eventBy(ctx, tx, id, noLock); err != nil {
			return err
		}
		add := f.Add
		if add == nil {
			add = []int64{}
		}
		rows, _ := tx.Query(ctx, audienceSQL(f), id, add)
		var err error
		if out, err = pgx.CollectRows(rows, scanAudienceOrg); err != nil {
			return err
		}
		ids := make([]int64, len(out))
		for i, o := range out {
			ids[i] = o.ID
		}
		rows, _ = tx.Query(ctx, audienceMembersSQL, ids)
		var lang string
		var n int
		_, err = pgx.ForEachRow(rows, []any{&lang, &n}, func() error {
			members[lang] = n
			return nil
		})
		return err
	})
	if err != nil {
		return nil, nil, mapErr(op, err)
	}
	return out, members, nil
}

// invitationsSQL writes one invitation of event $1 at $2 per registered member
// of the organisations $3 that have not stopped its invitations
// (notStoppedSQL) in one statement (a member of two of them is
// invited for the one with the lower id) and returns those it wrote, with
// the organisation's name and invitation language and the member's chat. An
// invitation that exists already is not written again.
const invitationsSQL = `
WITH ins AS (
    INSERT INTO event_invitations (event_id, organisation_id, user_id, invited_at)
    SELECT DISTINCT ON (m.user_id) $1::bigint, m.organisation_id, m.user_id, $2::timestamptz
      FROM organisation_members m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
      JOIN organisations o ON o.id = m.organisation_id JOIN events e ON e.id = $1
     WHERE m.organisation_id = ANY($3) AND ` + notStoppedSQL + `
     ORDER BY m.user_id, m.organisation_id
    ON CONFLICT (event_id, user_id) DO NOTHING
    RETURNING id, organisation_id, user_id)
SELECT ins.id, ins.organisation_id, o.name, ins.user_id, u.chat_id, o.invite_lang
  FROM ins JOIN users u ON u.id = ins.user_id JOIN organisations o ON o.id = ins.organisation_id
 ORDER BY ins.organisation_id, ins.user_id`

// scanInvitation reads the invitation columns of invitationsSQL into inv.
func scanInvitation(row pgx.Row, inv *domain.EventInvitation, more ...any) error {
	return row.Scan(append([]any{&inv.ID, &inv.OrganisationID, &inv.OrganisationName, &inv.UserID, &inv.ChatID, &inv.Lang}, more...)...)
}

// Publish publishes a draft to the members of orgIDs (see
// domain.EventStore). The event's row is locked first, so that of two
// publishes at once the second finds it published and writes nothing.
func (s *Store) Publish(ctx context.Context, id, actorID int64, orgIDs []int64, notify func(domain.EventInvitation) []domain.Notification) (int, error) {
	op := fmt.Sprintf("publish event %d", id)
	if len(orgIDs) == 0 {
		return 0, opErr(op, fmt.Errorf("%w: no organisations", domain.ErrInvalid))
	}
	now := s.now()
	var n int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := managedEvent(ctx, tx, id, actorID, lockUpdate)
		if err != nil {
			return err
		}
		if e.Status != domain.EventStateDraft || e.Started(now) {
			return domain.ErrConflict
		}
		tag, err := tx.Exec(ctx, `UPDATE events SET status = 'published', published_at = $2, updated_at = $2
			WHERE id = $1 AND status = 'draft'`, id, now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return domain.ErrConflict
		}
		e.Status, e.PublishedAt, e.UpdatedAt = domain.EventPublished, now, now
		rows, _ := tx.Query(ctx, invitationsSQL, id, now, orgIDs)
		invs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.EventInvitation, error) {
			inv := domain.EventInvitation{Event: e}
			return inv, scanInvitation(row, &inv)
		})
		if err != nil {
			return err
		}
		n = len(invs)
		if err := audit(ctx, tx, now, actorID, "event.publish", eventSubject(id),
			map[string]any{"event_id": id, "organisations": len(orgIDs), "invitations": n}); err != nil {
			return err
		}
		if notify == nil {
			return nil
		}
		var notes []domain.Notification
		for _, inv := range invs {
			notes = append(notes, notify(inv)...)
		}
		return enqueue(ctx, tx, now, notes)
	})
	if err != nil {
		return 0, mapErr(op, err)
	}
	return n, nil
}

// mayManage returns domain.ErrForbidden unless actorID is a registered
// user who may manage e (domain.CanManageEvent), read inside tx.
func mayManage(ctx context.Context, tx pgx.Tx, actorID int64, e domain.Event) error {
	a, err := actorByID(ctx, tx, actorID)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return domain.ErrForbidden
	case err != nil:
		return err
	case !domain.CanManageEvent(a, e):
		return domain.ErrForbidden
	}
	return nil
}

// managedEvent reads event id inside tx with lock (eventBy) for actorID,
// who must be allowed to manage it (mayManage): pgx.ErrNoRows for an
// unknown event, domain.ErrForbidden for an actor who may not.
func managedEvent(ctx context.Context, tx pgx.Tx, id, actorID int64, lock string) (domain.Event, error) {
	e, err := eventBy(ctx, tx, id, lock)
	if err != nil {
		return e, err
	}
	return e, mayManage(ctx, tx, actorID, e)
}
