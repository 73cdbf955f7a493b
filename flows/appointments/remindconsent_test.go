package appointments_test

import (
	"testing"
	"time"
)

// The reminders go only to participants who consent to them: the contact
// switches them off on the consents screen and gets no 24 h reminder,
// switches them on again and gets the 2 h one; the advisor gets both.
func TestRemindersOnlyWithConsent(t *testing.T) {
	h, r := accepted(t)
	h.Send(aylin, "/termine")
	h.Press(aylin, h.Plain("de", "btn.ap_propose", map[string]any{"Ref": r.Ref}))
	h.Send(aylin, "02.12.2026 14:00")
	h.Press(aylin, h.Plain("de", "btn.ap_2h", nil))
	h.Press(aylin, "Rathaus Hattingen")
	h.Press(aylin, h.Plain("de", "btn.ap_no_more", nil))
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Press(muni, "1. Mi, 02.12.2026, 14:00–16:00 Uhr")
	h.ExpectDelivered(map[int64]int{aylin.ID: 2, muni.ID: 1})

	reminders := h.Plain("de", "consent.name_reminders", nil)
	h.Send(muni, "/privacy")
	h.Press(muni, h.Plain("de", "btn.consents", nil))
	h.Press(muni, h.Plain("de", "btn.consent_off", map[string]any{"Name": reminders}))

	h.Clock.Advance(time.Date(2026, 12, 1, 13, 30, 0, 0, time.UTC).Sub(h.Clock.Now()))
	runReminders(h)
	h.ExpectDelivered(map[int64]int{aylin.ID: 1})
	h.Expect(aylin, "Erinnerung: morgen, Mi, 02.12.2026, 14:00–16:00 Uhr")

	h.Press(muni, h.Plain("de", "btn.consent_on", map[string]any{"Name": reminders}))
	h.Clock.Advance(22 * time.Hour)
	runReminders(h)
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 1})
	h.Expect(muni, "Erinnerung: in 2 Stunden, Mi, 02.12.2026, 14:00–16:00 Uhr")
}
