package flows_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

// submitRequest walks p through the request flow (the standard answers)
// and returns the stored request.
func submitRequest(t *testing.T, h *harness, p person, lang string) flows.Request {
	t.Helper()
	requestUntilSummary(h, p, lang, nil)
	h.press(p, h.tr(lang, "btn.confirm", nil))
	h.expect(p, h.tr(lang, "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
	return checkStoredRequest(t, h, p)
}

// userID returns the users.id of p.
func userID(t *testing.T, h *harness, p person) int64 {
	t.Helper()
	u, err := h.user(p)
	if err != nil {
		t.Fatalf("user %d: %v", p.ID, err)
	}
	return u.ID
}

// menuArg presses, on p's current prompt with its current nonce, a menu
// button with argument arg, as a forged callback would, and returns the toast.
func menuArg(h *harness, p person, arg string) string {
	h.t.Helper()
	s := h.session(p)
	if s.Prompt == 0 {
		h.t.Fatalf("chat %d has no current prompt", p.ID)
	}
	data, err := flows.CallbackData(strconv.FormatUint(uint64(s.Nonce), 36), "m", arg)
	if err != nil {
		h.t.Fatal(err)
	}
	toast := h.pressData(p, s.Prompt, data)
	h.noError()
	return toast
}

// drainOutbox claims every queued notification, marks it sent and returns
// them all, oldest first per chat.
func drainOutbox(t *testing.T, h *harness) []flows.Outgoing {
	t.Helper()
	ctx := context.Background()
	var all []flows.Outgoing
	for range 20 {
		out, err := h.db.ClaimOutbox(ctx, 100, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) == 0 {
			return all
		}
		for _, m := range out {
			if err := h.db.MarkOutboxSent(ctx, m, 0); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, out...)
	}
	t.Fatal("outbox does not drain")
	return nil
}

// requestState is what a refused action must leave unchanged.
type requestState struct {
	Status  flows.Status
	Events  int
	Pending int
}

func stateOf(t *testing.T, h *harness, id int64) requestState {
	t.Helper()
	ctx := context.Background()
	r, err := h.db.RequestByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := h.db.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	n, err := h.db.PendingOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return requestState{Status: r.Status, Events: len(ev), Pending: n}
}

func TestMyRequestsListAndDetail(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h, _ := newRequestHarness(t)
			tr := func(key string, data map[string]any) string { return h.tr(lang, key, data) }
			p := person{ID: 5101, LangHint: lang}
			registerMunicipal(h, p, lang)
			r := submitRequest(t, h, p, lang)

			// A question of the office shows in the history, by the office.
			coord := userID(t, h, person{ID: coordinatorID})
			if _, err := h.db.Transition(context.Background(), r.ID, coord, []flows.Status{flows.StatusSubmitted},
				flows.StatusQuestion, flows.EventQuestion, "Wie viele <Personen>?", nil); err != nil {
				t.Fatal(err)
			}

			h.press(p, tr("btn.my_requests", nil))
			status := tr("status.question", nil)
			list := h.expect(p, tr("myrequests.title", nil), "MG-2026-0001", status,
				tr("topic.other_topic", nil)+": Mehrsprachige Bürgerberatung", start.In(berlin(t)).Format(tr("format.date", nil)))
			if list.Edits == 0 {
				t.Error("the list did not replace the menu in place")
			}
			if strings.Contains(list.Text, tr("myrequests.more", nil)[:10]) {
				t.Errorf("list of one says there are more:\n%s", list.Text)
			}
			h.expectButtons(p, "MG-2026-0001 – "+status, tr("btn.menu", nil))

			h.press(p, "MG-2026-0001 – "+status)
			h.expect(p, tr("myrequests.detail_title", map[string]any{"Ref": "MG-2026-0001"}),
				"Hattingen", "Integration &amp; Soziales", "&lt;5 Personen &amp; möchten", tr("mode.on_site", nil),
				tr("history.submitted", map[string]any{"Date": h.texts.DateTime(lang, start, berlin(t)),
					"Who": tr("history.by_you", nil)}),
				tr("history.by_office", nil)+": ", "Wie viele &lt;Personen&gt;?", status)
			h.expectButtons(p, tr("btn.withdraw", nil), tr("btn.my_requests", nil), tr("btn.menu", nil))
			h.press(p, tr("btn.menu", nil))
			h.expect(p, tr("menu.title", map[string]any{"Roles": tr("role.municipal_contact", nil)}))

			// The command shows the list as a new message.
			before := len(h.msgr.messages(p.ID))
			h.send(p, "/anfragen")
			if len(h.msgr.messages(p.ID)) != before+1 {
				t.Error("/anfragen sent no new message")
			}
			h.expect(p, tr("myrequests.title", nil), "MG-2026-0001")
		})
	}
}

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestMyRequestsEmptyAndLong(t *testing.T) {
	h, _ := newRequestHarness(t)
	p := person{ID: 5102, LangHint: "de"}
	registerMunicipal(h, p, "de")
	h.send(p, "/anfragen")
	h.expect(p, h.tr("de", "myrequests.empty", nil))
	h.expectButtons(p, h.tr("de", "btn.request", nil), h.tr("de", "btn.menu", nil))

	r := submitRequest(t, h, p, "de")
	for i := range 11 {
		if _, _, err := h.db.SubmitRequest(context.Background(), r.RequestDraft, fmt.Sprintf("more-%d", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	h.send(p, "/anfragen")
	h.expect(p, h.tr("de", "myrequests.more", map[string]any{"Shown": 10, "Count": 12}), "MG-2026-0012", "MG-2026-0003")
	if strings.Contains(h.last(p).Text, "MG-2026-0002") {
		t.Error("the list shows more than the newest 10")
	}
	if n := len(h.buttons(p)); n != 11 {
		t.Errorf("%d buttons, want 10 requests and the menu: %q", n, h.buttons(p))
	}

	// Others are told who has requests.
	a := person{ID: 5103}
	registerAdvisor(h, a)
	h.send(a, "/anfragen")
	h.expect(a, h.tr("de", "myrequests.refused", nil))
}
