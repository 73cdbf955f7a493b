package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The associations' answers to events, their invitations and the
// organiser's figures.

// answerCols are the columns of the answer a (LEFT JOINed: NULLs for none)
// of organisation o, as answerScan reads them, with the name of the member
// who gave it (empty once deleted).
const answerCols = `o.id, o.name, COALESCE(a.reply, ''), COALESCE(a.persons, 0), COALESCE(a.needs, '{}'),
	COALESCE(a.interpreting, ''), COALESCE(a.answered_by, 0), a.answered_at,
	COALESCE((SELECT ub.name FROM users ub WHERE ub.id = a.answered_by AND ub.deleted_at IS NULL), ''),
	COALESCE(a.seats, 0), COALESCE(a.offered, 0), a.waiting_since, a.offer_until, a.attended`

// answerScan holds what answerCols scan into until fill.
type answerScan struct {
	reply             string
	needs             []string
	at, since, offers *time.Time
}

// dest returns the scan targets of answerCols for ans.
func (x *answerScan) dest(ans *domain.OrgAnswer) []any {
	return []any{&ans.OrganisationID, &ans.OrganisationName, &x.reply, &ans.Persons, &x.needs,
		&ans.Interpreting, &ans.AnsweredBy, &x.at, &ans.AnsweredByName, &ans.Seats, &ans.Offered, &x.since, &x.offers,
		&ans.Attended}
}

// fill completes ans of event eventID after the scan.
func (x *answerScan) fill(ans *domain.OrgAnswer, eventID int64) {
	ans.EventID, ans.Reply, ans.AnsweredAt = eventID, domain.EventReply(x.reply), deref(x.at)
	ans.WaitingSince, ans.OfferUntil = deref(x.since), deref(x.offers)
	ans.Needs = convert[domain.EventNeed](x.needs)
	if len(ans.Needs) == 0 {
		ans.Needs = nil
	}
}

// answerOf reads organisation orgID's answer to event eventID inside tx
// (Reply "" for none).
func answerOf(ctx context.Context, tx pgx.Tx, eventID, orgID int64) (domain.OrgAnswer, error) {
	var (
		ans domain.OrgAnswer
		x   answerScan
	)
	err := tx.QueryRow(ctx, `SELECT `+answerCols+` FROM organisations o
		LEFT JOIN event_answers a ON a.event_id = $1 AND a.organisation_id = o.id WHERE o.id = $2`,
		eventID, orgID).Scan(x.dest(&ans)...)
	x.fill(&ans, eventID)
	return ans, err
}

// invitedMembers reads the invitations of event e for organisation orgID
// to those still its members (registered), by user id, with answer as
// their answer.
func invitedMembers(ctx context.Context, tx pgx.Tx, e domain.Event, orgID int64, answer domain.OrgAnswer) ([]domain.EventInvitation, error) {
	rows, _ := tx.Query(ctx, `SELECT i.id, i.organisation_id, o.name, i.user_id, u.chat_id, o.invite_lang
		FROM event_invitations i JOIN users u ON u.id = i.user_id AND u.deleted_at IS NULL
		JOIN organisations o ON o.id = i.organisation_id
		JOIN organisation_members m ON m.organisation_id = i.organisation_id AND m.user_id = i.user_id
		WHERE i.event_id = $1 AND i.organisation_id = $2 ORDER BY i.user_id`, e.ID, orgID)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.EventInvitation, error) {
		inv := domain.EventInvitation{Event: e, Answer: answer}
		return inv, scanInvitation(row, &inv)
	})
}

// Answer stores an organisation's one answer (see domain.EventStore). The
// event's row is locked (FOR NO KEY UPDATE), so that a change of the event
// (issue 14) and the answers to it follow each other, and the persons of
// the yes answers read after the change are those at its commit (the
// seats left that every card shows).
func (s *Store) Answer(ctx context.Context, actorID int64, ans domain.OrgAnswer, notify func(domain.EventAnswerChange) []domain.Notification) (domain.EventAnswerChange, error) {
	op := fmt.Sprintf("answer event %d for organisation %d", ans.EventID, ans.OrganisationID)
	now := s.now()
	var ch domain.EventAnswerChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := eventBy(ctx, tx, ans.EventID, lockAnswer)
		if err != nil {
			return err
		}
		// The time is read once the event's row is held: the answers to
		// one event are stamped (and wait) in the order they take it.
		now = s.now()
		a, err := actorByID(ctx, tx, actorID)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && !domain.CanAnswerEvent(a, ans.OrganisationID) {
			return domain.ErrForbidden
		} else if err != nil {
			return err
		}
		var invited bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM event_invitations WHERE event_id = $1 AND organisation_id = $2)`,
			e.ID, ans.OrganisationID).Scan(&invited); err != nil {
			return err
		}
		switch {
		case !invited:
			return domain.ErrForbidden
		case e.Status != domain.EventPublished || e.Started(now):
			return domain.ErrConflict
		}
		if err := domain.ValidateAnswer(e, ans); err != nil {
			return err
		}
		if ch.Previous, err = answerOf(ctx, tx, e.ID, ans.OrganisationID); err != nil {
			return err
		}
		if err := writeAnswer(ctx, tx, e, ch.Previous, ans, actorID, now); err != nil {
			return err
		}
		if ch.Promoted, err = promote(ctx, tx, e, now, ans.OrganisationID); err != nil {
			return err
		}
		if ch.Answer, err = answerOf(ctx, tx, e.ID, ans.OrganisationID); err != nil {
			return err
		}
		if e, err = eventBy(ctx, tx, e.ID, noLock); err != nil { // the seats taken after the change
			return err
		}
		ch.Persons = e.SeatsTaken
		if err := audit(ctx, tx, now, actorID, "event.answer", eventSubject(e.ID), map[string]any{"event_id": e.ID,
			"organisation_id": ans.OrganisationID, "reply": ans.Reply, "persons": ans.Persons, "seats": ch.Answer.Seats,
			"promoted": len(ch.Promoted)}); err != nil {
			return err
		}
		ch.Event = e
		if ch.Members, err = invitedMembers(ctx, tx, e, ans.OrganisationID, ch.Answer); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, ch)
	})
	if err != nil {
		return domain.EventAnswerChange{}, mapErr(op, err)
	}
	return ch, nil
}

// invitationSQL selects the invitations i of users u with the event e
// and the answer a, as scanInvitations reads them; a WHERE on i follows.
const invitationSQL = `SELECT i.id, i.organisation_id, o.name, i.user_id, u.chat_id, o.invite_lang, ` + eventCols + `, ` + answerCols + `
	FROM event_invitations i JOIN events e ON e.id = i.event_id JOIN users u ON u.id = i.user_id
	JOIN organisations o ON o.id = i.organisation_id
	LEFT JOIN event_answers a ON a.event_id = i.event_id AND a.organisation_id = i.organisation_id`

// scanInvitations collects the rows of invitationSQL.
func scanInvitations(rows pgx.Rows) ([]domain.EventInvitation, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.EventInvitation, error) {
		var (
			inv domain.EventInvitation
			x   answerScan
		)
		ev := &eventRow{}
		if err := scanInvitation(row, &inv, append(ev.dest(), x.dest(&inv.Answer)...)...); err != nil {
			return inv, err
		}
		inv.Event = ev.event()
		x.fill(&inv.Answer, inv.Event.ID)
		return inv, nil
	})
}

// InvitationOf returns userID's invitation id (see domain.EventStore).
func (s *Store) InvitationOf(ctx context.Context, userID, id int64) (domain.EventInvitation, error) {
	rows, _ := s.pool.Query(ctx, invitationSQL+` WHERE i.id = $1 AND i.user_id = $2 AND e.status <> 'draft'`, id, userID)
	all, err := scanInvitations(rows)
	if err == nil && len(all) == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return domain.EventInvitation{}, mapErr(fmt.Sprintf("invitation %d of user %d", id, userID), err)
	}
	return all[0], nil
}

// InvitationsFor returns userID's invitations for the associations they
// are still a member of (see domain.EventStore).
func (s *Store) InvitationsFor(ctx context.Context, userID int64) (upcoming, past []domain.EventInvitation, err error) {
	rows, _ := s.pool.Query(ctx, invitationSQL+`
		JOIN organisation_members m ON m.organisation_id = i.organisation_id AND m.user_id = i.user_id
		WHERE i.user_id = $1 AND e.status <> 'draft' ORDER BY e.starts_at, e.id`, userID)
	all, err := scanInvitations(rows)
	if err != nil {
		return nil, nil, mapErr(fmt.Sprintf("invitations of user %d", userID), err)
	}
	now := s.now()
	for _, inv := range all {
		if inv.Event.End.After(now) {
			upcoming = append(upcoming, inv)
		} else {
			past = append(past, inv)
		}
	}
	slices.Reverse(past)
	return upcoming, past, nil
}
