package retention_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/retention"
)

type person = flowstest.Person

var (
	coord = person{ID: flowstest.CoordinatorID}
	muni  = person{ID: 7001, FirstName: "Erika", LangHint: "de"}
)

// event writes an event of organiser with status, last changed at changed
// and ending at ends, and returns its id.
func event(h *flowstest.H, organiser int64, status string, changed, ends time.Time) int64 {
	h.T.Helper()
	return h.QueryInt(`INSERT INTO events (organiser_id, status, title, starts_at, ends_at, place, city, state, topics,
			created_at, updated_at, published_at)
		VALUES ($1, $2::text, 'Sommerfest der Vereine', $4, $5, 'Rathausplatz 1', 'Dortmund', 'NW', '{culture}',
			$3, $3, CASE WHEN $2::text = 'draft' THEN NULL ELSE $3::timestamptz END) RETURNING id`,
		organiser, status, changed, ends.Add(-2*time.Hour), ends)
}

// exists reports whether table has a row with id.
func exists(h *flowstest.H, table string, id int64) bool {
	h.T.Helper()
	return count(h, `SELECT count(*) FROM `+table+` WHERE id = $1`, id) == 1
}

// Event drafts go 30 days after their last change, once: a draft changed
// 29 days ago and a published event stay; two days on, the younger draft
// goes too. Running again, or twice at once, removes nothing more.
func TestEventDraftsGoAfter30Days(t *testing.T) {
	h, l := newH(t)
	h.RegisterCoordinators()
	org, now := h.UserID(coord), h.Clock.Now()
	old := event(h, org, "draft", now.AddDate(0, 0, -31), now.AddDate(0, 1, 0))
	young := event(h, org, "draft", now.AddDate(0, 0, -29), now.AddDate(0, 1, 0))
	published := event(h, org, "published", now.AddDate(0, 0, -90), now.AddDate(0, 0, -80))
	l.take()

	h.RunJob(retention.JobDrafts)
	if exists(h, "events", old) || !exists(h, "events", young) || !exists(h, "events", published) {
		t.Fatalf("after the job: old %v, young %v, published %v; want only the old draft gone",
			exists(h, "events", old), exists(h, "events", young), exists(h, "events", published))
	}
	h.RunJob(retention.JobDrafts)
	runTwiceAtOnce(h, retention.JobDrafts)
	line := "retention: event drafts removed count="
	expectLog(h, l, []string{line + "1", line + "0", line + "0", line + "0"}, "Sommerfest", "Rathausplatz")

	h.Clock.Advance(2 * day)
	runTwiceAtOnce(h, retention.JobDrafts)
	if exists(h, "events", young) || !exists(h, "events", published) {
		t.Fatalf("two days on: young %v, published %v", exists(h, "events", young), exists(h, "events", published))
	}
	got := l.take()
	if len(got) != 2 || !(got[0] == line+"1" && got[1] == line+"0" || got[0] == line+"0" && got[1] == line+"1") {
		t.Errorf("two runs at once logged %q, want one draft removed once", got)
	}
}

// Outbox messages go 30 days after they were sent or given up (also those
// given up for a block; the chat's block record stays while it lasts);
// pending ones stay whatever their age.
func TestOutboxGoesThirtyDaysAfterSentOrGivenUp(t *testing.T) {
	h, l := newH(t)
	now := h.Clock.Now()
	row := func(chat int64, sent, failed *time.Time, blocked bool) int64 {
		return h.QueryInt(`INSERT INTO outbox (chat_id, text, created_at, not_before, sent_at, failed_at, blocked)
			VALUES ($1, 'Hallo Erika', $2, $2, $3, $4, $5) RETURNING id`, chat, now.AddDate(0, 0, -60), sent, failed, blocked)
	}
	at := func(days int) *time.Time { t := now.AddDate(0, 0, -days); return &t }
	gone := []int64{row(1, at(31), nil, false), row(2, nil, at(31), false), row(3, nil, at(31), true)}
	kept := []int64{row(1, at(29), nil, false), row(2, nil, at(29), false), row(4, nil, nil, false)}
	h.Exec(`INSERT INTO blocked_chats (chat_id, blocked_at, reason) VALUES (3, $1, 'Forbidden: bot was blocked by the user')`,
		*at(31))

	h.RunJob(retention.JobOutbox)
	h.RunJob(retention.JobOutbox)
	runTwiceAtOnce(h, retention.JobOutbox)
	for _, id := range gone {
		if exists(h, "outbox", id) {
			t.Errorf("outbox %d is still there", id)
		}
	}
	for _, id := range kept {
		if !exists(h, "outbox", id) {
			t.Errorf("outbox %d is gone", id)
		}
	}
	if n := count(h, `SELECT count(*) FROM blocked_chats WHERE chat_id = 3`); n != 1 {
		t.Errorf("the record of a chat still blocked went")
	}
	line := "retention: outbox messages removed count="
	expectLog(h, l, []string{line + "3", line + "0", line + "0", line + "0"}, "Hallo", "Erika")

	h.Clock.Advance(2 * day)
	h.RunJob(retention.JobOutbox)
	for _, id := range kept[:2] {
		if exists(h, "outbox", id) {
			t.Errorf("outbox %d is still there two days on", id)
		}
	}
	if !exists(h, "outbox", kept[2]) {
		t.Errorf("a pending message went")
	}
	expectLog(h, l, []string{line + "2"})
}

// The jobs run daily at night.
func TestJobsRunDailyAtNight(t *testing.T) {
	h, _ := newH(t)
	want := map[string]bool{retention.JobDrafts: true, retention.JobOutbox: true, retention.JobRequests: true,
		retention.JobAnswers: true, retention.JobBilling: true, retention.JobInactive: true}
	for _, j := range h.Engine.Jobs() {
		if want[j.Name] {
			delete(want, j.Name)
			if f := strings.Fields(j.Spec); len(f) != 5 || f[1] != "3" || f[2] != "*" || f[3] != "*" || f[4] != "*" {
				t.Errorf("job %s runs at %q, want daily at 3 o'clock", j.Name, j.Spec)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("jobs not registered: %v", want)
	}
}
