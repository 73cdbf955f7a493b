package appointments_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The request's detail shows its appointments, to the coordinators and
// the requester side: the agreed one with its time and place, an open
// proposal, the cancelled ones as a count; with the first agreed one the
// request is "Termin vereinbart", in the detail and in "Meine Anfragen".
// The advisor calls off a proposal from /termine: the contact's proposal
// says so and keeps no buttons.
func TestDetailShowsAppointments(t *testing.T) {
	h, r := accepted(t)
	agreeOne(h, r)
	h.Send(muni, "/anfragen")
	h.Expect(muni, r.Ref, "Termin vereinbart")

	proposeOne(h, r) // a second, called off
	toMuni := shown(h, muni, "Terminvorschlag für "+r.Ref)
	h.Send(aylin, "/termine")
	h.Expect(aylin, "⏳ Vorschlag mit 1 Option")
	h.Press(aylin, h.Plain("de", "btn.ap_cancel_proposal", map[string]any{"Ref": r.Ref}))
	h.Send(aylin, "Doch nicht nötig")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.Expect(aylin, "Der Terminvorschlag für "+r.Ref+" ist abgesagt.")
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	wantText(h, muni, "Der Terminvorschlag für "+r.Ref+" ist abgesagt.\nGrund: Doch nicht nötig")
	settledAs(h, muni, toMuni.ID, "📅 Terminvorschlag für "+r.Ref+"\n✕ Abgesagt.")
	proposeOne(h, r) // a third, open

	for _, p := range []person{coord, muni} {
		h.Send(p, "/menu")
		h.PressData(p, h.Last(p).ID, flowstest.Durable(t, "rq", "vw", r.ID))
		h.NoError()
		h.Expect(p, "Termin vereinbart", "<b>Termine:</b>\n✅ Mi, 02.12.2026, 14:00–16:00 Uhr, Rathaus Hattingen\n"+
			"⏳ Vorschlag offen (1 Option)\n✕ 1 abgesagt")
	}
	h.Send(witten, "/menu")
	if toast := h.PressData(witten, h.Last(witten).ID, flowstest.Durable(t, "rq", "vw", r.ID)); toast != h.Plain("de", "myrequests.forbidden", nil) {
		t.Errorf("another municipality viewing: toast %q", toast)
	}
}
