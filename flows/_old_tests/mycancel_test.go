package flows_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestMyRequestsCancelWithConfirmation(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h, _ := newRequestHarness(t)
			tr := func(key string, data map[string]any) string { return h.tr(lang, key, data) }
			p := person{ID: 5201, LangHint: lang}
			registerMunicipal(h, p, lang)
			r := submitRequest(t, h, p, lang)
			drainOutbox(t, h) // the notes of the submit

			h.press(p, tr("btn.my_requests", nil))
			h.press(p, "MG-2026-0001 – "+tr("status.submitted", nil))
			h.press(p, tr("btn.withdraw", nil))
			h.expect(p, tr("myrequests.cancel_prompt", map[string]any{"Ref": "MG-2026-0001"}))
			h.press(p, tr("btn.withdraw_no", nil))
			h.expect(p, tr("myrequests.detail_title", map[string]any{"Ref": "MG-2026-0001"}))
			if st := stateOf(t, h, r.ID); st.Status != flows.StatusSubmitted || st.Events != 1 || st.Pending != 0 {
				t.Fatalf("after No: %+v", st)
			}

			h.press(p, tr("btn.withdraw", nil))
			prompt := h.last(p)
			yes := prompt.Buttons[0][0]
			h.press(p, tr("btn.withdraw_yes", nil))
			h.expect(p, tr("myrequests.cancelled", map[string]any{"Ref": "MG-2026-0001"}),
				tr("status.cancelled", nil))
			if strings.Contains(strings.Join(h.buttons(p), "|"), tr("btn.withdraw", nil)) {
				t.Errorf("a withdrawn request offers withdrawal: %q", h.buttons(p))
			}
			ctx := context.Background()
			got, err := h.db.RequestByID(ctx, r.ID)
			if err != nil || got.Status != flows.StatusCancelled {
				t.Fatalf("status %s, %v; want cancelled", got.Status, err)
			}
			ev, err := h.db.History(ctx, r.ID)
			if err != nil || len(ev) != 2 {
				t.Fatalf("history %+v, %v", ev, err)
			}
			last := ev[1]
			if last.Kind != flows.EventStatus || last.From != flows.StatusSubmitted || last.To != flows.StatusCancelled ||
				last.ActorID != userID(t, h, p) {
				t.Errorf("history row %+v", last)
			}

			notes := drainOutbox(t, h)
			count := map[int64]int{}
			for _, m := range notes {
				count[m.ChatID]++
				l := map[int64]string{coordinatorID: "de", coordinator2ID: "en"}[m.ChatID]
				want := h.tr(l, "myrequests.notify_cancelled", map[string]any{"Ref": "MG-2026-0001", "Municipality": "Hattingen"})
				if m.Message.Text != want {
					t.Errorf("note to %d:\n%s\nwant\n%s", m.ChatID, m.Message.Text, want)
				}
			}
			if len(notes) != 2 || count[coordinatorID] != 1 || count[coordinator2ID] != 1 {
				t.Errorf("outbox after cancel: %v, want one to each coordinator", count)
			}

			// The confirmation pressed again is no longer current.
			pressUnchanged(h, p, prompt.ID, yes.Data)
		})
	}
}

func TestMyRequestsCancelTooLate(t *testing.T) {
	ctx := context.Background()
	approveToAssigned := func(h *harness, id, by int64) {
		h.t.Helper()
		for _, s := range [][2]flows.Status{{flows.StatusSubmitted, flows.StatusApproved},
			{flows.StatusApproved, flows.StatusMatching}, {flows.StatusMatching, flows.StatusAssigned}} {
			if _, err := h.db.Transition(ctx, id, by, []flows.Status{s[0]}, s[1], flows.EventStatus, "", nil); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	decline := func(h *harness, id, by int64) {
		h.t.Helper()
		if _, err := h.db.Transition(ctx, id, by, []flows.Status{flows.StatusSubmitted}, flows.StatusDeclined,
			flows.EventStatus, "Nicht im Programm", nil); err != nil {
			h.t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		move   func(*harness, int64, int64)
		status flows.Status
		atYes  bool // the status moves on between the question and Yes
	}{
		{"assigned before withdraw", approveToAssigned, flows.StatusAssigned, false},
		{"declined before withdraw", decline, flows.StatusDeclined, false},
		{"declined before yes", decline, flows.StatusDeclined, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, _ := newRequestHarness(t)
			p := person{ID: 5301, LangHint: "de"}
			registerMunicipal(h, p, "de")
			r := submitRequest(t, h, p, "de")
			coord := userID(t, h, person{ID: coordinatorID})
			h.press(p, h.tr("de", "btn.my_requests", nil))
			h.press(p, "MG-2026-0001 – "+h.tr("de", "status.submitted", nil))
			if c.atYes {
				h.press(p, h.tr("de", "btn.withdraw", nil))
			}
			c.move(h, r.ID, coord)
			before := stateOf(t, h, r.ID)
			if c.atYes {
				h.press(p, h.tr("de", "btn.withdraw_yes", nil))
			} else {
				h.press(p, h.tr("de", "btn.withdraw", nil))
			}
			status := h.tr("de", "status."+string(c.status), nil)
			h.expect(p, h.tr("de", "myrequests.too_late", map[string]any{"Ref": "MG-2026-0001", "Status": status}))
			if strings.Contains(strings.Join(h.buttons(p), "|"), h.tr("de", "btn.withdraw", nil)) {
				t.Errorf("withdrawal still offered: %q", h.buttons(p))
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
	flows.RequestStore
	t         *testing.T
	id, coord int64
}

func (s *racingStore) Coordinators(ctx context.Context) ([]flows.User, error) {
	if _, err := s.RequestStore.Transition(ctx, s.id, s.coord, []flows.Status{flows.StatusSubmitted},
		flows.StatusDeclined, flows.EventStatus, "Nicht im Programm", nil); err != nil {
		s.t.Errorf("decline: %v", err)
	}
	return s.RequestStore.Coordinators(ctx)
}

func TestMyRequestsCancelLosesRace(t *testing.T) {
	h, rs := newRequestHarness(t)
	p := person{ID: 5401, LangHint: "en"}
	registerMunicipal(h, p, "en")
	r := submitRequest(t, h, p, "en")
	h.press(p, h.tr("en", "btn.my_requests", nil))
	h.press(p, "MG-2026-0001 – "+h.tr("en", "status.submitted", nil))
	h.press(p, h.tr("en", "btn.withdraw", nil))
	rs.RequestStore = &racingStore{RequestStore: h.db, t: t, id: r.ID, coord: userID(t, h, person{ID: coordinatorID})}
	h.press(p, h.tr("en", "btn.withdraw_yes", nil))
	h.expect(p, h.tr("en", "myrequests.too_late", map[string]any{"Ref": "MG-2026-0001",
		"Status": h.tr("en", "status.declined", nil)}))
	if st := stateOf(t, h, r.ID); st.Status != flows.StatusDeclined || st.Events != 2 {
		t.Errorf("state %+v, want declined with 2 events", st)
	}
}
