package flows_test

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// refusedUnchanged presses a forged menu argument and checks the toast and
// that neither the session nor the chat changed.
func refusedUnchanged(h *harness, p person, arg, toast string) {
	h.t.Helper()
	before, calls := h.session(p), h.msgr.callCount()
	if got := menuArg(h, p, arg); got != toast {
		h.t.Errorf("press %q: toast %q, want %q", arg, got, toast)
	}
	after := h.session(p)
	after.Version = before.Version
	if !reflect.DeepEqual(before, after) {
		h.t.Errorf("press %q changed the session:\nbefore %+v\nafter  %+v", arg, before, after)
	}
	if n := h.msgr.callCount(); n != calls {
		h.t.Errorf("press %q sent or edited %d messages", arg, n-calls)
	}
}

func TestMyRequestsForgedPresses(t *testing.T) {
	h, _ := newRequestHarness(t)
	owner := person{ID: 5501, LangHint: "de"}
	registerMunicipal(h, owner, "de")
	r := submitRequest(t, h, owner, "de")
	id := strconv.FormatInt(r.ID, 10)
	forbidden, stale := h.tr("de", "myrequests.forbidden", nil), h.tr("de", "flow.stale", nil)

	other := person{ID: 5502, LangHint: "de"}
	a := municipal
	a.lang, a.muni = "de", "Bochum"
	onboard(h, other, a, "")
	confirm(h, other, "de")
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
			refusedUnchanged(h, c.p, c.arg, c.toast)
		})
	}
	if after := stateOf(t, h, r.ID); after != before {
		t.Errorf("forged presses changed the request: %+v, was %+v", after, before)
	}

	// A stale press (an old nonce) is no longer current.
	s := h.session(owner)
	data, err := flows.CallbackData(strconv.FormatUint(uint64(s.Nonce+1), 36), "m", "ry."+id)
	if err != nil {
		t.Fatal(err)
	}
	pressUnchanged(h, owner, s.Prompt, data)

	// A colleague of the same municipality sees it and may withdraw it; the
	// requester is told through the outbox.
	colleague := person{ID: 5504, LangHint: "en"}
	registerMunicipal(h, colleague, "en")
	menuArg(h, colleague, "rd."+id)
	h.expect(colleague, h.tr("en", "myrequests.detail_title", map[string]any{"Ref": "MG-2026-0001"}),
		"– Hattingen: ")
	h.expectButtons(colleague, h.tr("en", "btn.withdraw", nil))
	drainOutbox(t, h)
	h.press(colleague, h.tr("en", "btn.withdraw", nil))
	h.press(colleague, h.tr("en", "btn.withdraw_yes", nil))
	h.expect(colleague, h.tr("en", "myrequests.cancelled", map[string]any{"Ref": "MG-2026-0001"}))
	toOwner := 0
	for _, m := range drainOutbox(t, h) {
		if m.ChatID == owner.ID {
			toOwner++
			want := h.tr("de", "myrequests.notify_colleague", map[string]any{"Ref": "MG-2026-0001", "Municipality": "Hattingen"})
			if m.Message.Text != want {
				t.Errorf("note to the requester:\n%s\nwant\n%s", m.Message.Text, want)
			}
		}
	}
	if toOwner != 1 {
		t.Errorf("%d notes to the requester, want 1", toOwner)
	}

	// A coordinator sees the request but cannot withdraw it.
	coord := person{ID: coordinatorID}
	menuArg(h, coord, "rd."+id)
	h.expect(coord, "MG-2026-0001", h.tr("de", "status.cancelled", nil))
	refusedUnchanged(h, coord, "ry."+id, forbidden)
}
