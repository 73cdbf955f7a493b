package contacts_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// speaksFor reports whether p speaks for the municipality of their first
// link, as the next turn reads it.
func speaksFor(t *testing.T, h *flowstest.H, p flowstest.Person) bool {
	t.Helper()
	a, err := h.DB.ActorByTelegramID(context.Background(), p.ID)
	if err != nil || len(a.Municipalities) == 0 {
		t.Fatalf("actor %d: %+v, %v", p.ID, a, err)
	}
	return a.SpeaksFor(a.Municipalities[0])
}

// A self-registered contact waits; each coordinator gets the card with
// both decisions; confirming asks first, then takes effect at once, the
// contact is told in their language, and the other coordinator's copy
// finds it decided and says by whom.
func TestConfirmFromTheNotice(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			coordDE, coordEN := h.RegisterCoordinators()
			coord, other, otherLang := coordDE, coordEN, "en"
			if lang == "en" {
				coord, other, otherLang = coordEN, coordDE, "de"
			}
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			p := flowstest.Person{ID: 6101, LangHint: lang}
			h.RegisterMunicipal(p, lang) // checks that both coordinators were told
			h.Expect(p, tr("onb.pending_check", map[string]any{"Municipality": "Hattingen"}))
			if speaksFor(t, h, p) {
				t.Fatal("a self-registered contact speaks for the municipality")
			}

			state := h.Plain(lang, "state.NW", nil)
			h.Expect(coord, "Erika Mustermann</b>, Integrationsbeauftragte", "Hattingen ("+state+")")
			h.ExpectButtons(coord, label("btn.contact_verify"), label("btn.contact_reject"))

			// Confirm asks first; back shows the card again, unchanged.
			notice, _ := h.Find(coord, label("btn.contact_verify"))
			h.Press(coord, label("btn.contact_verify"))
			ask := tr("contacts.ask_verify", map[string]any{"Name": "Erika Mustermann", "Municipality": "Hattingen"})
			if m := h.Message(coord, notice); !contains(m.Text, ask) {
				t.Fatalf("the question is not in the notice:\n%s", m.Text)
			}
			h.Press(coord, label("btn.back"))
			h.ExpectButtons(coord, label("btn.contact_verify"), label("btn.contact_reject"))
			h.ExpectDelivered(map[int64]int{})
			if speaksFor(t, h, p) {
				t.Fatal("asking confirmed the contact")
			}

			otherNotice, rejectData := h.Find(other, h.Plain(otherLang, "btn.contact_reject", nil))
			h.Press(coord, label("btn.contact_verify"))
			toast := h.Press(coord, label("btn.contact_verify_yes"))
			if want := h.Plain(lang, "contacts.toast_verified", map[string]any{"Name": "Erika Mustermann"}); toast != want {
				t.Errorf("toast %q, want %q", toast, want)
			}
			m := h.Message(coord, notice)
			if !contains(m.Text, "Erika Mustermann") || !contains(m.Text, label("contacts.by_you")) || len(m.Buttons) != 1 {
				t.Errorf("the notice after confirming:\n%s\n%+v", m.Text, m.Buttons)
			}
			if !speaksFor(t, h, p) {
				t.Fatal("the confirmed contact does not speak for the municipality")
			}
			h.ExpectDelivered(map[int64]int{p.ID: 1})
			h.Expect(p, tr("contacts.told_verified", map[string]any{"Municipality": "Hattingen"}))

			// The other coordinator's copy lost its decisions with the
			// delivery above; a press made before that edit arrived finds the
			// link decided and says by whom.
			if got := h.Message(other, otherNotice).Buttons; len(got) != 1 || len(got[0]) != 1 ||
				got[0][0].Label != h.Plain(otherLang, "btn.contact_list", nil) {
				t.Errorf("the other coordinator's notice after the decision has %+v, want only the list", got)
			}
			toast = h.PressData(other, otherNotice, rejectData)
			h.NoError()
			if !contains(toast, "Jana Koordination") {
				t.Errorf("reject on the other copy: toast %q does not say who decided", toast)
			}
			if m := h.Message(other, otherNotice); len(m.Buttons) != 1 || !contains(m.Text, "Jana Koordination") {
				t.Errorf("the other copy after reject:\n%s\n%+v", m.Text, m.Buttons)
			}
			h.ExpectDelivered(map[int64]int{})

			// The contact's profile says so.
			h.Send(p, "/menu")
			h.Press(p, label("btn.profile"))
			h.Expect(p, tr("profile.contact_verified", nil))
		})
	}
}

// A confirmation replayed from the question (an old message, a double
// tap) after a rejection changes nothing and tells nobody.
func TestDecisionIsTakenOnce(t *testing.T) {
	h := flowstest.New(t)
	coord, other := h.RegisterCoordinators()
	p := flowstest.Person{ID: 6201, LangHint: "de"}
	h.RegisterMunicipal(p, "de")

	h.Press(coord, h.Plain("de", "btn.contact_verify", nil))
	yes, yesData := h.Find(coord, h.Plain("de", "btn.contact_verify_yes", nil))
	h.Press(other, h.Plain("en", "btn.contact_reject", nil))
	h.Press(other, h.Plain("en", "btn.contact_reject_yes", nil))
	h.ExpectDelivered(map[int64]int{p.ID: 1})
	h.Expect(p, h.Tr("de", "contacts.told_rejected", map[string]any{"Municipality": "Hattingen"}))

	toast := h.PressData(coord, yes, yesData)
	h.NoError()
	if !contains(toast, "Jana Koordination") {
		t.Errorf("late confirmation: toast %q does not say who decided", toast)
	}
	if speaksFor(t, h, p) {
		t.Error("a late confirmation overturned the rejection")
	}
	h.ExpectDelivered(map[int64]int{})
	c := contactOf(t, h, p)
	if c.Status != domain.ContactRejected {
		t.Errorf("link %+v, want rejected", c)
	}
}

// contactOf returns p's first link as stored.
func contactOf(t *testing.T, h *flowstest.H, p flowstest.Person) domain.Contact {
	t.Helper()
	uid := h.UserID(p)
	for id := int64(1); id < 100; id++ {
		c, err := h.DB.ContactByID(context.Background(), id)
		if err == nil && c.UserID == uid {
			return c
		}
	}
	t.Fatalf("no link of %d", p.ID)
	return domain.Contact{}
}
