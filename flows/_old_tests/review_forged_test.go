package flows_test

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// Forged and replayed durable presses: the request id in the callback data
// is never trusted. Each refusal answers "not allowed" and changes neither
// the request, the outbox, the session nor the chat.
func TestReviewForgedPresses(t *testing.T) {
	h, _ := newRequestHarness(t)
	owner := person{ID: 5801, LangHint: "de"}
	registerMunicipal(h, owner, "de")
	r := submitRequest(t, h, owner, "de")
	deliver(t, h)

	other := person{ID: 5802, LangHint: "de"}
	a := municipal
	a.lang, a.muni = "de", "Bochum"
	onboard(h, other, a, "")
	confirm(h, other, "de")
	adv := person{ID: 5803}
	registerAdvisor(h, adv)
	stranger := person{ID: 5804, LangHint: "de"}
	h.send(stranger, "/start")
	coord := person{ID: coordinatorID}
	forbidden := h.tr("de", "myrequests.forbidden", nil)
	id := strconv.FormatInt(r.ID, 10)

	refused := func(t *testing.T, p person, act, arg string) {
		t.Helper()
		data, err := flows.CallbackData("*", act, arg)
		if err != nil {
			t.Fatal(err)
		}
		before, calls, state := h.session(p), h.msgr.callCount(), stateOf(t, h, r.ID)
		if got := h.pressData(p, h.last(p).ID, data); got != forbidden {
			t.Errorf("toast %q, want %q", got, forbidden)
		}
		h.noError()
		after := h.session(p)
		after.Version = before.Version
		if !reflect.DeepEqual(before, after) {
			t.Errorf("the session changed:\nbefore %+v\nafter  %+v", before, after)
		}
		if n := h.msgr.callCount(); n != calls {
			t.Errorf("%d messages sent or edited", n-calls)
		}
		if s := stateOf(t, h, r.ID); s != state {
			t.Errorf("the request changed: %+v, was %+v", s, state)
		}
	}
	for _, c := range []struct {
		name     string
		p        person
		act, arg string
	}{
		{"requester approves", owner, "ap", id},
		{"requester asks", owner, "qu", id},
		{"requester declines", owner, "de", id},
		{"requester answers no question", owner, "an", id},
		{"other municipality approves", other, "ap", id},
		{"other municipality views", other, "vw", id},
		{"other municipality answers", other, "an", id},
		{"advisor views", adv, "vw", id},
		{"advisor declines", adv, "de", id},
		{"unregistered views", stranger, "vw", id},
		{"coordinator, unknown request", coord, "ap", "999999"},
		{"coordinator, nonsense id", coord, "de", "abc"},
		{"coordinator, negative id", coord, "ap", "-3"},
		{"coordinator, unknown action", coord, "zz", id},
		{"coordinator answers for the municipality", coord, "an", id},
	} {
		t.Run(c.name, func(t *testing.T) { refused(t, c.p, c.act, c.arg) })
	}

	// After a question, only the requester's side may answer it.
	h.press(coord, h.tr("de", "btn.ask", nil))
	h.send(coord, "Wer nimmt an der Beratung teil?")
	h.press(coord, h.tr("de", "btn.confirm", nil))
	deliver(t, h)
	for _, c := range []struct {
		name string
		p    person
	}{{"other municipality", other}, {"advisor", adv}, {"coordinator", coord}, {"unregistered", stranger}} {
		t.Run(c.name+" answers the question", func(t *testing.T) { refused(t, c.p, "an", id) })
	}
	if s := stateOf(t, h, r.ID); s.Status != flows.StatusQuestion {
		t.Fatalf("status %s", s.Status)
	}
}

// A role taken away counts at the next press, not when the session ends.
func TestReviewRoleCheckedInTheStore(t *testing.T) {
	h, rs := newRequestHarness(t)
	owner := person{ID: 5811, LangHint: "de"}
	registerMunicipal(h, owner, "de")
	r := submitRequest(t, h, owner, "de")
	deliver(t, h)
	coord := person{ID: coordinatorID}
	rs.mu.Lock()
	rs.demoted = userID(t, h, coord)
	rs.mu.Unlock()
	before := stateOf(t, h, r.ID)
	if got := h.press(coord, h.tr("de", "btn.approve", nil)); got != h.tr("de", "myrequests.forbidden", nil) {
		t.Errorf("toast %q", got)
	}
	if s := stateOf(t, h, r.ID); s != before {
		t.Errorf("a former coordinator changed the request: %+v", s)
	}
}
