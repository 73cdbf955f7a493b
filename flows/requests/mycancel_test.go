package requests_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestMyRequestsCancelWithConfirmation(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			p := person{ID: 5201, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.DrainOutbox() // the notes of the submit

			h.Press(p, label("btn.my_requests"))
			h.Press(p, "MG-2026-0001 – "+label("status.submitted"))
			h.Press(p, label("btn.withdraw"))
			h.Expect(p, tr("myrequests.cancel_prompt", map[string]any{"Ref": "MG-2026-0001"}))
			h.Press(p, label("btn.withdraw_no"))
			h.Expect(p, tr("myrequests.detail_title", map[string]any{"Ref": "MG-2026-0001"}))
			if st := stateOf(t, h, r.ID); st.Status != domain.StatusSubmitted || st.Events != 1 || st.Pending != 0 {
				t.Fatalf("after No: %+v", st)
			}

			h.Press(p, label("btn.withdraw"))
			prompt := h.Last(p)
			yes := prompt.Buttons[0][0]
			if yes.Label != label("btn.withdraw_yes") {
				t.Fatalf("first button of the question %q, want Yes", yes.Label)
			}
			h.Press(p, label("btn.withdraw_yes"))
			h.Expect(p, tr("myrequests.cancelled", map[string]any{"Ref": "MG-2026-0001"}),
				tr("status.cancelled", nil))
			if strings.Contains(strings.Join(h.Buttons(p), "|"), label("btn.withdraw")) {
				t.Errorf("a withdrawn request offers withdrawal: %q", h.Buttons(p))
			}
			ctx := context.Background()
			got, err := h.DB.RequestByID(ctx, r.ID)
			if err != nil || got.Status != domain.StatusCancelled {
				t.Fatalf("status %s, %v; want cancelled", got.Status, err)
			}
			ev, err := h.DB.History(ctx, r.ID)
			if err != nil || len(ev) != 2 {
				t.Fatalf("history %+v, %v", ev, err)
			}
			last := ev[1]
			if last.Kind != domain.EventStatus || last.From != domain.StatusSubmitted || last.To != domain.StatusCancelled ||
				last.ActorID != h.UserID(p) {
				t.Errorf("history row %+v", last)
			}

			notes := h.DrainOutbox()
			count := map[int64]int{}
			for _, m := range notes {
				count[m.ChatID]++
				l := map[int64]string{coordDE.ID: "de", coordEN.ID: "en"}[m.ChatID]
				want := h.Tr(l, "myrequests.notify_cancelled", map[string]any{"Ref": "MG-2026-0001", "Municipality": "Hattingen"})
				if m.Message.Text != want {
					t.Errorf("note to %d:\n%s\nwant\n%s", m.ChatID, m.Message.Text, want)
				}
			}
			if len(notes) != 2 || count[coordDE.ID] != 1 || count[coordEN.ID] != 1 {
				t.Errorf("outbox after cancel: %v, want one to each coordinator", count)
			}

			// The confirmation pressed again is no longer current.
			staleUnchanged(t, h, p, prompt.ID, yes.Data)
		})
	}
}

func TestMyRequestsCancelTooLate(t *testing.T) {
	ctx := context.Background()
	approveToAssigned := func(h *flowstest.H, id, by int64) {
		h.T.Helper()
		for _, s := range [][2]domain.Status{{domain.StatusSubmitted, domain.StatusApproved},
			{domain.StatusApproved, domain.StatusMatching}, {domain.StatusMatching, domain.StatusAssigned}} {
			if _, err := h.DB.Transition(ctx, id, by, []domain.Status{s[0]}, s[1], domain.EventStatus, "", nil); err != nil {
				h.T.Fatal(err)
			}
		}
	}
	decline := func(h *flowstest.H, id, by int64) {
		h.T.Helper()
		if _, err := h.DB.Transition(ctx, id, by, []domain.Status{domain.StatusSubmitted}, domain.StatusDeclined,
			domain.EventStatus, "Nicht im Programm", nil); err != nil {
			h.T.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		move   func(*flowstest.H, int64, int64)
		status domain.Status
		atYes  bool // the status moves on between the question and Yes
	}{
		{"assigned before withdraw", approveToAssigned, domain.StatusAssigned, false},
		{"declined before withdraw", decline, domain.StatusDeclined, false},
		{"declined before yes", decline, domain.StatusDeclined, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 5301, LangHint: "de"}
			h.RegisterMunicipal(p, "de")
			r := submitRequest(t, h, p, "de")
			h.Press(p, h.Plain("de", "btn.my_requests", nil))
			h.Press(p, "MG-2026-0001 – "+h.Plain("de", "status.submitted", nil))
			if c.atYes {
				h.Press(p, h.Plain("de", "btn.withdraw", nil))
			}
			c.move(h, r.ID, h.UserID(coordDE))
			before := stateOf(t, h, r.ID)
			if c.atYes {
				h.Press(p, h.Plain("de", "btn.withdraw_yes", nil))
			} else {
				h.Press(p, h.Plain("de", "btn.withdraw", nil))
			}
			status := h.Plain("de", "status."+string(c.status), nil)
			h.Expect(p, h.Tr("de", "myrequests.too_late", map[string]any{"Ref": "MG-2026-0001", "Status": status}))
			if strings.Contains(strings.Join(h.Buttons(p), "|"), h.Plain("de", "btn.withdraw", nil)) {
				t.Errorf("withdrawal still offered: %q", h.Buttons(p))
			}
			if after := stateOf(t, h, r.ID); after != before || after.Status != c.status {
				t.Errorf("state %+v, want %+v unchanged", after, before)
			}
		})
	}
}

// racingStore declines the request (as a coordinator would at the same
// moment) when the cancel asks for the coordinators, after its checks and
// before its Transition.
type racingStore struct {
	flows.Stores
	t         *testing.T
	id, coord int64
}

// Coordinators declines the request, then lists the coordinators.
func (s *racingStore) Coordinators(ctx context.Context) ([]domain.User, error) {
	if _, err := s.Stores.Transition(ctx, s.id, s.coord, []domain.Status{domain.StatusSubmitted},
		domain.StatusDeclined, domain.EventStatus, "Nicht im Programm", nil); err != nil {
		s.t.Errorf("decline: %v", err)
	}
	return s.Stores.Coordinators(ctx)
}

func TestMyRequestsCancelLosesRace(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5401, LangHint: "en"}
	h.RegisterMunicipal(p, "en")
	r := submitRequest(t, h, p, "en")
	h.Press(p, h.Plain("en", "btn.my_requests", nil))
	h.Press(p, "MG-2026-0001 – "+h.Plain("en", "status.submitted", nil))
	h.Press(p, h.Plain("en", "btn.withdraw", nil))
	h.Store.Stores = &racingStore{Stores: h.DB, t: t, id: r.ID, coord: h.UserID(coordDE)}
	h.Press(p, h.Plain("en", "btn.withdraw_yes", nil))
	h.Expect(p, h.Tr("en", "myrequests.too_late", map[string]any{"Ref": "MG-2026-0001",
		"Status": h.Plain("en", "status.declined", nil)}))
	if st := stateOf(t, h, r.ID); st.Status != domain.StatusDeclined || st.Events != 2 {
		t.Errorf("state %+v, want declined with 2 events", st)
	}
}
