package requests_test

import (
	"strconv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Forged screen presses on "Meine Anfragen": the request id in the
// argument is never trusted; a refusal changes neither the request, the
// session nor the chat.
func TestMyRequestsForgedPresses(t *testing.T) {
	h := newHarness(t)
	owner := person{ID: 5501, LangHint: "de"}
	h.RegisterMunicipal(owner, "de")
	r := submitRequest(t, h, owner, "de")
	h.DrainOutbox() // the coordinators' notices of the request
	id := strconv.FormatInt(r.ID, 10)
	forbidden, stale := h.Plain("de", "myrequests.forbidden", nil), h.Plain("de", "flow.stale", nil)

	other := person{ID: 5502, LangHint: "de"}
	registerMunicipalOf(h, other, "Bochum")
	adv := person{ID: 5503}
	registerAdvisor(h, adv)

	before := stateOf(t, h, r.ID)
	for _, c := range []struct {
		name  string
		p     person
		arg   string
		toast string
	}{
		{"other municipality detail", other, "rd." + id, forbidden},
		{"other municipality ask", other, "rc." + id, forbidden},
		{"other municipality cancel", other, "ry." + id, forbidden},
		{"advisor detail", adv, "rd." + id, forbidden},
		{"advisor cancel", adv, "ry." + id, forbidden},
		{"unknown id", other, "rd.999999", forbidden},
		{"unknown id cancel", owner, "ry.999999", forbidden},
		{"nonsense id", owner, "rd.abc", stale},
		{"negative id", owner, "ry.-1", stale},
		{"unknown action", owner, "zz." + id, stale},
	} {
		t.Run(c.name, func(t *testing.T) {
			refusedUnchanged(t, h, c.p, c.arg, c.toast)
		})
	}
	if after := stateOf(t, h, r.ID); after != before {
		t.Errorf("forged presses changed the request: %+v, was %+v", after, before)
	}

	// A stale press (an old nonce) is no longer current.
	s := h.Session(owner)
	data, err := engine.CallbackData(strconv.FormatUint(uint64(s.Nonce+1), 36), "m", "ry."+id)
	if err != nil {
		t.Fatal(err)
	}
	staleUnchanged(t, h, owner, s.Prompt, data)

	// A colleague of the same municipality whom the office has not
	// confirmed yet sees nothing of it and changes nothing.
	colleague := person{ID: 5504, LangHint: "en"}
	h.RegisterMunicipal(colleague, "en")
	enForbidden := h.Plain("en", "myrequests.forbidden", nil)
	for _, arg := range []string{"rd." + id, "rc." + id, "ry." + id} {
		refusedUnchanged(t, h, colleague, arg, enForbidden)
	}
	if after := stateOf(t, h, r.ID); after != before {
		t.Errorf("an unconfirmed colleague changed the request: %+v, was %+v", after, before)
	}

	// Once confirmed, the colleague sees it and may withdraw it; the
	// requester is told through the outbox.
	h.DecideContact(colleague, domain.ContactVerified)
	menuArg(t, h, colleague, "rd."+id)
	h.Expect(colleague, h.Tr("en", "myrequests.detail_title", map[string]any{"Ref": "MG-2026-0001"}),
		"– Erika Mustermann (Hattingen): ")
	h.ExpectButtons(colleague, h.Plain("en", "btn.withdraw", nil))
	h.DrainOutbox()
	h.Press(colleague, h.Plain("en", "btn.withdraw", nil))
	h.Press(colleague, h.Plain("en", "btn.withdraw_yes", nil))
	h.Expect(colleague, h.Tr("en", "myrequests.cancelled", map[string]any{"Ref": "MG-2026-0001"}))
	toOwner := 0
	for _, m := range h.DrainOutbox() {
		if m.ChatID == owner.ID {
			toOwner++
			want := h.Tr("de", "myrequests.notify_colleague", map[string]any{"Ref": "MG-2026-0001", "Municipality": "Hattingen"})
			if m.Message.Text != want {
				t.Errorf("note to the requester:\n%s\nwant\n%s", m.Message.Text, want)
			}
		}
	}
	if toOwner != 1 {
		t.Errorf("%d notes to the requester, want 1", toOwner)
	}

	// A coordinator sees the request but cannot withdraw it.
	h.Send(coordDE, "/menu") // below the notices of the new contacts
	menuArg(t, h, coordDE, "rd."+id)
	h.Expect(coordDE, "MG-2026-0001", h.Tr("de", "status.cancelled", nil))
	refusedUnchanged(t, h, coordDE, "ry."+id, forbidden)
}
