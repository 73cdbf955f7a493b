package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The organiser's figures of an event and the answers of its invited
// organisations.

// countsSQL reads the figures of event $1: no row for an unknown event.
// Persons counts the persons of every yes (seated or waiting); the seats
// taken, the persons waiting and the associations recorded as come or not
// come follow (issue 14). Six months after the event the retention job
// deletes the answers and keeps their figures on the event (final_*):
// those are read then.
var countsSQL = `
SELECT (SELECT count(*) FROM (` + invitedOrgs("e.id") + `) o),
       (SELECT count(*) FROM event_invitations WHERE event_id = e.id),
       count(a.reply) FILTER (WHERE a.reply = 'yes'),
       COALESCE(sum(a.persons) FILTER (WHERE a.reply = 'yes'), 0),
       count(a.reply) FILTER (WHERE a.reply = 'maybe'),
       count(a.reply) FILTER (WHERE a.reply = 'no'),
       count(a.reply) FILTER (WHERE a.reply = 'yes' AND 'interpreting' = ANY(a.needs)),
       count(a.reply) FILTER (WHERE a.reply = 'yes' AND 'childcare' = ANY(a.needs)),
       count(a.reply) FILTER (WHERE a.reply = 'yes' AND 'step_free' = ANY(a.needs)),
       e.seats_taken,
       COALESCE(sum(a.persons - a.seats - a.offered) FILTER (WHERE a.waiting_since IS NOT NULL), 0),
       count(a.reply) FILTER (WHERE a.waiting_since IS NOT NULL),
       count(a.reply) FILTER (WHERE a.attended),
       count(a.reply) FILTER (WHERE NOT a.attended),
       e.answers_purged_at IS NOT NULL, COALESCE(e.final_invited, 0), COALESCE(e.final_yes, 0),
       COALESCE(e.final_persons, 0), COALESCE(e.final_maybe, 0), COALESCE(e.final_no, 0),
       COALESCE(e.final_attended, 0), COALESCE(e.final_absent, 0)
  FROM events e LEFT JOIN event_answers a ON a.event_id = e.id
 WHERE e.id = $1
 GROUP BY e.id`

// invitedOrgs selects the organisations invited to the event ev (an SQL
// expression): those with an invitation, and those whose answer stays
// after the erasure of their only member invited (/loeschen deletes the
// member's invitation, not the association's answer).
func invitedOrgs(ev string) string {
	return `SELECT organisation_id FROM event_invitations WHERE event_id = ` + ev +
		` UNION SELECT organisation_id FROM event_answers WHERE event_id = ` + ev
}

// Counts returns the figures of event id (see domain.EventStore).
func (s *Store) Counts(ctx context.Context, id int64) (domain.EventCounts, error) {
	var (
		c                               domain.EventCounts
		interpreting, childcare, noStep int
		purged                          bool
		f                               domain.EventCounts // the figures kept when the answers went
	)
	err := s.pool.QueryRow(ctx, countsSQL, id).Scan(&c.Organisations, &c.Members, &c.Yes, &c.Persons, &c.Maybe, &c.No,
		&interpreting, &childcare, &noStep, &c.SeatsTaken, &c.WaitingPersons, &c.WaitingOrgs, &c.Came, &c.NotCame,
		&purged, &f.Organisations, &f.Yes, &f.Persons, &f.Maybe, &f.No, &f.Came, &f.NotCame)
	if err != nil {
		return domain.EventCounts{}, mapErr(fmt.Sprintf("counts of event %d", id), err)
	}
	if purged {
		c.Organisations, c.Yes, c.Persons, c.Maybe, c.No, c.Came, c.NotCame =
			f.Organisations, f.Yes, f.Persons, f.Maybe, f.No, f.Came, f.NotCame
	}
	c.NoAnswer = c.Organisations - c.Yes - c.Maybe - c.No
	c.Needs = map[domain.EventNeed]int{domain.NeedInterpreting: interpreting, domain.NeedChildcare: childcare,
		domain.NeedStepFree: noStep}
	return c, nil
}

// AnswersOf returns the answers of event id's invited organisations (see
// domain.EventStore).
func (s *Store) AnswersOf(ctx context.Context, id int64) ([]domain.OrgAnswer, error) {
	var out []domain.OrgAnswer
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := eventBy(ctx, tx, id, noLock); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT `+answerCols+`
			FROM organisations o LEFT JOIN event_answers a ON a.event_id = $1 AND a.organisation_id = o.id
			WHERE o.id IN (`+invitedOrgs("$1")+`)
			ORDER BY o.name, o.id`, id)
		var err error
		out, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.OrgAnswer, error) {
			var (
				ans domain.OrgAnswer
				x   answerScan
			)
			if err := row.Scan(x.dest(&ans)...); err != nil {
				return ans, err
			}
			x.fill(&ans, id)
			return ans, nil
		})
		return err
	})
	if err != nil {
		return nil, mapErr(fmt.Sprintf("answers of event %d", id), err)
	}
	return out, nil
}
