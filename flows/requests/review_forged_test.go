package requests_test

import (
	"strconv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Forged and replayed durable presses: the request id in the callback data
// is never trusted. Each refusal answers "not allowed" (the request's, or
// the engine's for an action or id it cannot run and for an unregistered
// user) and changes neither the request, the outbox, the session nor the
// chat.
func TestReviewForgedPresses(t *testing.T) {
	h := newHarness(t)
	owner := person{ID: 5801, LangHint: "de"}
	h.RegisterMunicipal(owner, "de")
	r := submitRequest(t, h, owner, "de")
	h.Deliver()

	other := person{ID: 5802, LangHint: "de"}
	registerMunicipalOf(h, other, "Bochum")
	adv := person{ID: 5803}
	registerAdvisor(h, adv)
	stranger := person{ID: 5804, LangHint: "de"}
	h.Send(stranger, "/start")
	coord := coordDE
	forbidden := h.Plain("de", "myrequests.forbidden", nil)
	refusedByEngine := h.Plain("de", "error.forbidden", nil)
	id := strconv.FormatInt(r.ID, 10)

	refused := func(t *testing.T, p person, data, toast string) {
		t.Helper()
		state := stateOf(t, h, r.ID)
		pressUnchanged(t, h, p, toast, func() string { return h.PressData(p, h.Last(p).ID, data) })
		if s := stateOf(t, h, r.ID); s != state {
			t.Errorf("the request changed: %+v, was %+v", s, state)
		}
	}
	for _, c := range []struct {
		name     string
		p        person
		act, arg string
		toast    string
	}{
		{"requester approves", owner, "ap", id, forbidden},
		{"requester asks", owner, "qu", id, forbidden},
		{"requester declines", owner, "de", id, forbidden},
		{"requester answers no question", owner, "an", id, forbidden},
		{"other municipality approves", other, "ap", id, forbidden},
		{"other municipality views", other, "vw", id, forbidden},
		{"other municipality answers", other, "an", id, forbidden},
		{"advisor views", adv, "vw", id, forbidden},
		{"advisor declines", adv, "de", id, forbidden},
		{"unregistered views", stranger, "vw", id, refusedByEngine},
		{"coordinator, unknown request", coord, "ap", "999999", forbidden},
		{"coordinator, nonsense id", coord, "de", "abc", refusedByEngine},
		{"coordinator, negative id", coord, "ap", "-3", refusedByEngine},
		{"coordinator, unknown action", coord, "zz", id, refusedByEngine},
		{"coordinator answers for the municipality", coord, "an", id, forbidden},
	} {
		t.Run(c.name, func(t *testing.T) { refused(t, c.p, durableData(t, c.act, c.arg), c.toast) })
	}
	t.Run("coordinator, unknown feature", func(t *testing.T) {
		data := "*:zz:ap:" + id
		refused(t, coord, data, refusedByEngine)
	})

	// After a question, only the requester's side may answer it.
	h.Press(coord, h.Plain("de", "btn.ask", nil))
	h.Send(coord, "Wer nimmt an der Beratung teil?")
	h.Press(coord, h.Plain("de", "btn.confirm", nil))
	h.Deliver()
	for _, c := range []struct {
		name  string
		p     person
		toast string
	}{{"other municipality", other, forbidden}, {"advisor", adv, forbidden}, {"coordinator", coord, forbidden},
		{"unregistered", stranger, refusedByEngine}} {
		t.Run(c.name+" answers the question", func(t *testing.T) { refused(t, c.p, durableData(t, "an", id), c.toast) })
	}
	if s := stateOf(t, h, r.ID); s.Status != domain.StatusQuestion {
		t.Fatalf("status %s", s.Status)
	}
}
