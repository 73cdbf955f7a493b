package retention_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/retention"
)

// answered writes an event of organiser that ended at ends, invited three
// associations (a member each: people), which said yes with 3 persons
// (and came), maybe and no; the yes got a reminder. It returns the id.
func answered(h *flowstest.H, organiser int64, people []int64, ends time.Time) int64 {
	h.T.Helper()
	id := event(h, organiser, "published", ends.AddDate(0, -1, 0), ends)
	h.Exec(`UPDATE events SET seats_taken = 3 WHERE id = $1`, id)
	for i, reply := range []string{"yes", "maybe", "no"} {
		org := h.QueryInt(`INSERT INTO organisations (name, city, state, topics) VALUES ($1, 'Dortmund', 'NW', '{culture}')
			RETURNING id`, "Verein "+reply)
		h.Exec(`INSERT INTO event_invitations (event_id, organisation_id, user_id, invited_at) VALUES ($1, $2, $3, $4)`,
			id, org, people[i], ends.AddDate(0, -1, 0))
		persons, attended := 0, any(nil)
		if reply == "yes" {
			persons, attended = 3, true
			h.Exec(`INSERT INTO event_reminders (event_id, user_id, kind, sequence, sent_at) VALUES ($1, $2, '48h', 0, $3)`,
				id, people[i], ends.AddDate(0, 0, -2))
		}
		h.Exec(`INSERT INTO event_answers (event_id, organisation_id, reply, persons, seats, answered_by, answered_at, attended)
			VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`, id, org, reply, persons, people[i], ends.AddDate(0, 0, -7), attended)
	}
	return id
}

// lists counts the invitations, answers and reminders of event id.
func lists(h *flowstest.H, id int64) int {
	h.T.Helper()
	return count(h, `SELECT (SELECT count(*) FROM event_invitations WHERE event_id = $1)
		+ (SELECT count(*) FROM event_answers WHERE event_id = $1) + (SELECT count(*) FROM event_reminders WHERE event_id = $1)`, id)
}

// The invitations, answers and reminders of an event go six months after
// it ended; the event stays with its figures (invited, yes, maybe, no,
// persons, attended, seats taken), kept in the same step. An event that
// ended a day short of six months keeps its lists until two days on.
func TestAnswerListsGoSixMonthsAfterTheEvent(t *testing.T) {
	h, l := newH(t)
	h.RegisterCoordinators()
	h.RegisterMunicipal(muni, "de")
	people := []int64{h.UserID(coord), h.UserID(person{ID: flowstest.Coordinator2ID}), h.UserID(muni)}
	now := h.Clock.Now()
	old := answered(h, people[0], people, now.AddDate(0, -6, -1))
	young := answered(h, people[0], people, now.AddDate(0, -6, 1))
	l.take()
	ctx := context.Background()
	figures := func() (domain.EventCounts, domain.EventFigures) {
		t.Helper()
		c, err := h.DB.Counts(ctx, old)
		if err != nil {
			t.Fatal(err)
		}
		st, err := h.DB.Statistics(ctx, now.AddDate(-2, 0, 0), now.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		c.Members = 0 // the invited members are not kept, only the associations
		return c, st.Events
	}
	counts, stats := figures()

	h.RunJob(retention.JobAnswers)
	h.RunJob(retention.JobAnswers)
	runTwiceAtOnce(h, retention.JobAnswers)
	if n := lists(h, old); n != 0 || !exists(h, "events", old) {
		t.Fatalf("the old event: %d rows of its lists left, event there %v", n, exists(h, "events", old))
	}
	if n := lists(h, young); n != 7 {
		t.Fatalf("the young event: %d rows of its lists, want 7", n)
	}
	want := map[string]int{"final_invited": 3, "final_yes": 1, "final_maybe": 1, "final_no": 1, "final_persons": 3,
		"final_attended": 1, "seats_taken": 3}
	for col, n := range want {
		if got := count(h, `SELECT `+col+` FROM events WHERE id = $1`, old); got != n {
			t.Errorf("%s of the old event = %d, want %d", col, got, n)
		}
	}
	// The organiser's figures and the office's statistics read what was kept.
	if c, st := figures(); !reflect.DeepEqual(c, counts) || st != stats {
		t.Errorf("after the purge: event figures %+v, statistics %+v; before: %+v, %+v", c, st, counts, stats)
	}
	if n := count(h, `SELECT count(*) FROM events WHERE id = $1 AND answers_purged_at IS NULL AND final_invited IS NULL`, young); n != 1 {
		t.Errorf("the young event has figures kept already")
	}
	line := "retention: answer lists of past events removed count="
	expectLog(h, l, []string{line + "1", line + "0", line + "0", line + "0"}, "Verein", "Sommerfest", "Erika")

	h.Clock.Advance(2 * day)
	h.RunJob(retention.JobAnswers)
	if n := lists(h, young); n != 0 {
		t.Errorf("two days on, %d rows of the young event's lists left", n)
	}
	expectLog(h, l, []string{line + "1"})
}
