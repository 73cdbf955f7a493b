package requests_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the request tests check in Postgres, in the outbox and around a
// refused press.

// checkStoredRequest checks the one request of p against the standard
// answers and returns it.
func checkStoredRequest(t *testing.T, h *flowstest.H, p person) domain.Request {
	t.Helper()
	u, err := h.User(p)
	if err != nil {
		t.Fatal(err)
	}
	list, err := h.DB.ListByRequester(context.Background(), u.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("requests of the contact: %d, %v; want 1", len(list), err)
	}
	r := list[0]
	want := domain.RequestDraft{RequesterID: u.ID, MunicipalityID: r.MunicipalityID, Department: "Integration & Soziales",
		ContactFunction: "Integrationsbeauftragte", Topic: domain.TopicOther, TopicOther: "Mehrsprachige Bürgerberatung",
		Description: "Wir planen Sprechstunden für <5 Personen & möchten\n\nmehrsprachig beraten.",
		Goal:        "Ein tragfähiges Konzept", Format: domain.FormatOnSite, Place: "Rathaus Hattingen, Raum 4",
		Associations: "Verein <Brücke> e.V.", Tandem: true, Urgency: domain.UrgencyHigh}
	got := r.RequestDraft
	if strings.Join(got.Languages, "|") != "Arabisch|Türkisch" {
		t.Errorf("languages %q", got.Languages)
	}
	if got.Earliest.Format("2006-01-02") != "2026-12-01" || got.Latest.Format("2006-01-02") != "2027-01-15" {
		t.Errorf("timeframe %v – %v", got.Earliest, got.Latest)
	}
	got.Languages, got.Earliest, got.Latest = nil, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored draft\n%+v\nwant\n%+v", got, want)
	}
	if r.Ref != "MG-2026-0001" || r.Status != domain.StatusSubmitted || r.Municipality != "Hattingen" {
		t.Errorf("request %s %s %s", r.Ref, r.Status, r.Municipality)
	}
	return r
}

// checkCoordinatorNotes checks that the outbox holds exactly one
// notification of the request for each configured coordinator, in their
// language, user text escaped, with durable decision buttons. It claims
// them.
func checkCoordinatorNotes(t *testing.T, h *flowstest.H) {
	t.Helper()
	ctx := context.Background()
	if n, err := h.DB.PendingOutbox(ctx); err != nil || n != 2 {
		t.Errorf("outbox holds %d messages (%v), want 2", n, err)
	}
	out, err := h.DB.ClaimOutbox(ctx, 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	count := map[int64]int{}
	for _, m := range out {
		count[m.ChatID]++
		lang := map[int64]string{coordDE.ID: "de", coordEN.ID: "en"}[m.ChatID]
		for _, s := range []string{"MG-2026-0001", "Hattingen", h.Tr(lang, "urgency.high", nil),
			h.Tr(lang, "topic.other_topic", nil) + ": Mehrsprachige Bürgerberatung", "&lt;5 Personen &amp; möchten mehrsprachig"} {
			if !strings.Contains(m.Message.Text, s) {
				t.Errorf("note to %d lacks %q:\n%s", m.ChatID, s, m.Message.Text)
			}
		}
		var labels []string
		for _, row := range m.Message.Buttons {
			for _, b := range row {
				labels = append(labels, b.Label)
				if !strings.HasPrefix(b.Data, "*:rq:") {
					t.Errorf("note to %d: button %q carries %q, want a durable button of the requests", m.ChatID, b.Label, b.Data)
				}
			}
		}
		want := []string{h.Plain(lang, "btn.approve", nil), h.Plain(lang, "btn.ask", nil),
			h.Plain(lang, "btn.decline", nil), h.Plain(lang, "btn.details", nil)}
		if !slices.Equal(labels, want) {
			t.Errorf("note to %d has buttons %q, want %q", m.ChatID, labels, want)
		}
	}
	if len(out) != 2 || count[coordDE.ID] != 1 || count[coordEN.ID] != 1 {
		t.Errorf("outbox: %v, want one to each coordinator", count)
	}
}

// requestState is what a refused action must leave unchanged.
type requestState struct {
	Status  domain.Status
	Events  int
	Pending int
}

// stateOf returns the status and the number of history rows of request id,
// and the number of notifications waiting in the outbox.
func stateOf(t *testing.T, h *flowstest.H, id int64) requestState {
	t.Helper()
	ctx := context.Background()
	r, err := h.DB.RequestByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := h.DB.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	n, err := h.DB.PendingOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return requestState{Status: r.Status, Events: len(ev), Pending: n}
}

// pressUnchanged runs press, a press of p, and fails unless it is answered
// with the toast want and changes neither p's session nor any chat.
func pressUnchanged(t *testing.T, h *flowstest.H, p person, want string, press func() string) {
	t.Helper()
	before, calls := h.Session(p), h.Msgr.CallCount()
	if got := press(); got != want {
		t.Errorf("toast %q, want %q", got, want)
	}
	if h.Err != nil {
		t.Fatalf("Handle: %v", h.Err)
	}
	after := h.Session(p)
	after.Version = before.Version
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the press changed the session:\nbefore %+v\nafter  %+v", before, after)
	}
	if n := h.Msgr.CallCount(); n != calls {
		t.Errorf("the press sent or edited %d messages", n-calls)
	}
}

// staleUnchanged presses data on message id and checks that the toast says
// "no longer current" and that neither the session nor the chat changed.
func staleUnchanged(t *testing.T, h *flowstest.H, p person, id int, data string) {
	t.Helper()
	want := h.Plain(h.Session(p).Lang, "flow.stale", nil)
	pressUnchanged(t, h, p, want, func() string { return h.PressData(p, id, data) })
}

// refusedUnchanged presses a forged menu argument and checks the toast and
// that neither the session nor the chat changed.
func refusedUnchanged(t *testing.T, h *flowstest.H, p person, arg, toast string) {
	t.Helper()
	pressUnchanged(t, h, p, toast, func() string { return menuArg(t, h, p, arg) })
}
