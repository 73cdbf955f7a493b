package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// runJob runs the reports' job once, as the scheduler would.
func runJob(h *flowstest.H) {
	h.T.Helper()
	for _, j := range h.Engine.Jobs() {
		if j.Name == "reports" {
			if err := j.Run(context.Background()); err != nil {
				h.T.Fatal(err)
			}
			return
		}
	}
	h.T.Fatal("no reports job")
}

// A completed request that nobody rates is closed without a rating two
// weeks on, once, also when the job runs twice; both sides are told, and
// a late rating is refused politely.
func TestUnratedRequestClosesAfterTwoWeeks(t *testing.T) {
	h, r := assigned(t, false, "de")
	report(h, aylin, r, "de")
	h.Deliver()
	h.Press(muni, h.Plain("de", "btn.rp_confirm", nil))
	h.Deliver()

	h.Clock.Advance(13 * 24 * time.Hour)
	runJob(h)
	if s := status(h, r.ID); s != domain.StatusCompleted {
		t.Fatalf("status %s after 13 days", s)
	}
	h.ExpectDelivered(map[int64]int{})
	h.Clock.Advance(2 * 24 * time.Hour)
	runJob(h)
	runJob(h)
	if s := status(h, r.ID); s != domain.StatusClosed {
		t.Fatalf("status %s after 15 days", s)
	}
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 1})
	h.Expect(muni, h.Tr("de", "rp.to_requester_closed", map[string]any{"Ref": r.Ref}))
	events, err := h.DB.History(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.To != domain.StatusClosed || last.ActorID != 0 {
		t.Errorf("the last history row %+v, want closed by the system", last)
	}
	if toast := h.PressUnchanged(muni, h.Last(muni).ID, flowstest.Durable(t, "rp", "s4", r.ID)); toast != h.Plain("de", "rp.toast_rated", nil) {
		t.Errorf("a rating after closing: toast %q", toast)
	}
}

// A report that waits a week for the contact is shown to them once more
// with its buttons, once, also when the job runs twice; confirming it
// there closes every copy of the card.
func TestWaitingReportNudgedOnce(t *testing.T) {
	h, r := assigned(t, false, "de")
	report(h, aylin, r, "de")
	h.Deliver()
	h.Clock.Advance(6 * 24 * time.Hour)
	runJob(h)
	h.ExpectDelivered(map[int64]int{})
	h.Clock.Advance(2 * 24 * time.Hour)
	runJob(h)
	runJob(h)
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, "wartet seit 8 Tagen auf Ihre Bestätigung", "Bericht zu "+r.Ref, "= <b>7 h</b>")
	h.Press(muni, h.Plain("de", "btn.rp_confirm", nil))
	h.Deliver()
	if reps := reportsOf(h, r.ID); reps[0].Status != domain.ReportConfirmed {
		t.Fatalf("reports %+v", reps)
	}
	for _, m := range h.Msgr.Messages(muni.ID) {
		if strings.Contains(m.Text, "Bericht zu "+r.Ref) && len(m.Buttons) > 0 && !strings.Contains(m.Text, "Wie zufrieden") {
			t.Errorf("a copy of the card keeps its buttons: %q", m.Text)
		}
	}
	h.Clock.Advance(8 * 24 * time.Hour)
	runJob(h)
	h.ExpectDelivered(map[int64]int{})
}
