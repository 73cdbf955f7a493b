package retention_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/retention"
)

var chidi = person{ID: 7003, FirstName: "Chidi", LangHint: "en"}

// moveTo moves the clock to when.
func moveTo(h *flowstest.H, when time.Time) { h.Clock.Advance(when.Sub(h.Clock.Now())) }

// warnings is the number of inactivity warnings out for user id.
func warnings(h *flowstest.H, id int64) int {
	h.T.Helper()
	return count(h, `SELECT erase_warnings FROM users WHERE id = $1`, id)
}

// inactiveLog is what a run of the inactivity job logs.
func inactiveLog(first, second, erased string) []string {
	return []string{"retention: inactive users warned first=" + first + " second=" + second,
		"retention: inactive users erased count=" + erased}
}

// Users who do not get in touch for two years are warned 30 days and 7
// days before (each once, in their language, with the day) and then
// erased; a user who writes between the warnings keeps the account and is
// warned no more until two years after that contact.
func TestInactiveUsersAreWarnedTwiceThenErased(t *testing.T) {
	h, l := newH(t)
	h.RegisterMunicipal(muni, "de")
	h.RegisterMunicipal(chidi, "en")
	erika, chidiID := h.UserID(muni), h.UserID(chidi)
	start := h.Clock.Now()
	if n := count(h, `SELECT count(*) FROM users WHERE last_seen_at = $1`, start); n != 2 {
		t.Fatalf("%d users seen at registration, want 2", n)
	}
	h.Deliver()
	l.take()
	secrets := []string{"Erika", "Mustermann", "Hattingen", "7001", "7003", "Chidi"}
	end := start.AddDate(2, 0, 0) // two years after the last contact
	run := func() { h.RunJob(retention.JobInactive) }

	moveTo(h, end.AddDate(0, 0, -31))
	run()
	h.ExpectDelivered(map[int64]int{})
	expectLog(h, l, inactiveLog("0", "0", "0"), secrets...)

	moveTo(h, end.AddDate(0, 0, -30))
	run()
	run()
	runTwiceAtOnce(h, retention.JobInactive)
	h.ExpectDelivered(map[int64]int{muni.ID: 1, chidi.ID: 1})
	h.Expect(muni, h.Tr("de", "rt.warn_first", map[string]any{"Date": "24.11.2028"}))
	h.Expect(chidi, h.Tr("en", "rt.warn_first", map[string]any{"Date": "24 Nov 2028"}))
	h.ExpectButtons(muni, h.Plain("de", "btn.rt_keep", nil))
	got := l.take()
	if len(got) != 8 || got[0] != inactiveLog("2", "0", "0")[0] {
		t.Errorf("four runs logged %q, want the first to warn two users and no other to warn", got)
	}
	for _, line := range got[2:] {
		if line != inactiveLog("0", "0", "0")[0] && line != inactiveLog("0", "0", "0")[1] {
			t.Errorf("a later run logged %q", line)
		}
	}

	moveTo(h, end.AddDate(0, 0, -8))
	run()
	h.ExpectDelivered(map[int64]int{})
	moveTo(h, end.AddDate(0, 0, -7))
	run()
	runTwiceAtOnce(h, retention.JobInactive)
	h.ExpectDelivered(map[int64]int{muni.ID: 1, chidi.ID: 1})
	h.Expect(muni, h.Tr("de", "rt.warn_second", map[string]any{"Date": "24.11.2028"}))
	h.Expect(chidi, h.Tr("en", "rt.warn_second", map[string]any{"Date": "24 Nov 2028"}))
	l.take()

	moveTo(h, end.AddDate(0, 0, -3))
	h.Send(muni, "/menu") // any contact keeps the account
	if n := warnings(h, erika); n != 0 {
		t.Fatalf("after a contact %d warnings are out, want none", n)
	}
	moveTo(h, end.AddDate(0, 0, -1))
	run()
	if _, err := h.DB.UserByID(context.Background(), chidiID); err != nil {
		t.Fatalf("erased a day early: %v", err)
	}
	expectLog(h, l, inactiveLog("0", "0", "0"), secrets...)

	moveTo(h, end)
	run()
	run()
	runTwiceAtOnce(h, retention.JobInactive)
	if _, err := h.DB.UserByID(context.Background(), chidiID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("the inactive user after the day: %v, want erased", err)
	}
	if n := count(h, `SELECT count(*) FROM users WHERE id = $1 AND name = '' AND consent_at IS NULL`, chidiID); n != 1 {
		t.Errorf("the erased user's name or consent is still there")
	}
	if _, err := h.DB.UserByID(context.Background(), erika); err != nil {
		t.Fatalf("the user who got in touch was erased: %v", err)
	}
	h.ExpectDelivered(map[int64]int{})
	got = l.take()
	if len(got) != 8 || got[1] != inactiveLog("0", "0", "1")[1] {
		t.Errorf("four runs logged %q, want the first to erase one user", got)
	}
	for _, line := range got[2:] {
		if line != inactiveLog("0", "0", "0")[0] && line != inactiveLog("0", "0", "0")[1] {
			t.Errorf("a later run logged %q", line)
		}
	}

	// Erika's two years start again at her contact.
	moveTo(h, end.AddDate(0, 0, -3).AddDate(2, 0, 0).AddDate(0, 0, -31))
	run()
	h.ExpectDelivered(map[int64]int{})
	moveTo(h, end.AddDate(0, 0, -3).AddDate(2, 0, 0).AddDate(0, 0, -30))
	run()
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
}

// "Konto behalten" under a warning keeps the account with one tap; the
// same button with another user's id (forged) is refused and changes
// nothing.
func TestKeepButtonCancelsTheErasure(t *testing.T) {
	h, _ := newH(t)
	h.RegisterMunicipal(muni, "de")
	h.RegisterMunicipal(chidi, "en")
	erika := h.UserID(muni)
	h.Deliver()
	moveTo(h, h.Clock.Now().AddDate(2, 0, 0).AddDate(0, 0, -30))
	h.RunJob(retention.JobInactive)
	h.ExpectDelivered(map[int64]int{muni.ID: 1, chidi.ID: 1})

	h.Clock.Advance(time.Hour)
	warning := h.Last(chidi).ID
	if toast := h.PressUnchanged(chidi, warning, flowstest.Durable(t, "rt", "keep", erika)); toast != h.Plain("en", "error.forbidden", nil) {
		t.Errorf("a forged press: toast %q", toast)
	}
	if n := warnings(h, erika); n != 1 {
		t.Errorf("a forged press changed Erika's warnings to %d", n)
	}
	h.Press(muni, h.Plain("de", "btn.rt_keep", nil))
	h.Expect(muni, h.Tr("de", "rt.kept", nil))
	if n := warnings(h, erika); n != 0 {
		t.Errorf("after the tap %d warnings are out", n)
	}
}

// A registered user's contact is recorded once a day: the first update of
// a day writes last_seen_at, the others cost no query at all, also when
// the session is lost (the actor's query brings the last contact).
func TestContactIsRecordedOnceADay(t *testing.T) {
	h, _ := newH(t)
	h.RegisterMunicipal(muni, "de")
	id, start := h.UserID(muni), h.Clock.Now()
	calls := h.Store.Calls("TouchUser")
	for range 3 {
		h.Clock.Advance(time.Hour)
		h.Send(muni, "/menu")
	}
	if n := h.Store.Calls("TouchUser") - calls; n != 0 {
		t.Errorf("%d touches within the day of the registration, want none", n)
	}
	if n := count(h, `SELECT count(*) FROM users WHERE id = $1 AND last_seen_at = $2`, id, start); n != 1 {
		t.Errorf("last_seen_at moved within the day")
	}
	h.Clock.Advance(day)
	now := h.Clock.Now()
	for range 3 {
		h.Send(muni, "/menu")
		h.Clock.Advance(time.Minute)
	}
	h.LoseSessions() // a new session learns the last contact with the actor
	h.Send(muni, "/menu")
	if n := h.Store.Calls("TouchUser") - calls; n != 1 {
		t.Errorf("%d touches the next day, want 1", n)
	}
	if n := count(h, `SELECT count(*) FROM users WHERE id = $1 AND last_seen_at = $2`, id, now); n != 1 {
		t.Errorf("last_seen_at is not the first contact of the next day")
	}
}

// A user already inactive for longer when the job first runs (the
// feature's start) is warned with 30 days to go, not erased at once; the
// second warning comes 7 days before that day, the erasure on it.
func TestLongInactiveUserGetsTheFullWarningTime(t *testing.T) {
	h, _ := newH(t)
	h.RegisterMunicipal(muni, "de")
	h.Deliver()
	h.Exec(`UPDATE users SET last_seen_at = $1`, h.Clock.Now().AddDate(-3, 0, 0))
	h.RunJob(retention.JobInactive)
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, h.Tr("de", "rt.warn_first", map[string]any{"Date": "24.12.2026"}))

	moveTo(h, h.Clock.Now().AddDate(0, 0, 22))
	h.RunJob(retention.JobInactive)
	h.ExpectDelivered(map[int64]int{})
	moveTo(h, h.Clock.Now().AddDate(0, 0, 1))
	h.RunJob(retention.JobInactive)
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, h.Tr("de", "rt.warn_second", map[string]any{"Date": "24.12.2026"}))
	moveTo(h, h.Clock.Now().AddDate(0, 0, 6))
	h.RunJob(retention.JobInactive)
	if _, err := h.DB.UserByID(context.Background(), h.UserID(muni)); err != nil {
		t.Fatalf("erased a day before the day named: %v", err)
	}
	id := h.UserID(muni)
	moveTo(h, h.Clock.Now().AddDate(0, 0, 1))
	h.RunJob(retention.JobInactive)
	if n := count(h, `SELECT count(*) FROM users WHERE id = $1 AND deleted_at IS NOT NULL AND name = ''`, id); n != 1 {
		t.Errorf("not erased on the day named")
	}
}
