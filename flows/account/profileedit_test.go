package account_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// "Mein Profil" edits each field the user told: the name, the function,
// the municipality (which then waits for the office again, and the office
// is told), the organisation with its city; a bad answer changes nothing.
func TestProfileEditsEachField(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			coordDE, coordEN := h.RegisterCoordinators()
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			edit := func(fieldKey string) string {
				return h.Plain(lang, "btn.edit_field", map[string]any{"Field": h.Plain(lang, fieldKey, nil)})
			}
			p := flowstest.Person{ID: 6401, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.DecideContact(p, domain.ContactVerified)
			h.Send(p, "/menu")
			h.Press(p, h.Plain(lang, "btn.profile", nil))
			h.ExpectButtons(p, edit("field.name"), edit("field.function"), edit("field.municipality"))

			h.Press(p, edit("field.name"))
			h.Expect(p, tr("edit.name", map[string]any{"Current": "Erika Mustermann"}))
			h.SendRefused(p, "R2-D2", tr("invalid.name_chars", nil))
			h.Send(p, "Erika Muster-Schmidt")
			h.Expect(p, tr("edit.saved", nil), "Erika Muster-Schmidt")

			h.Press(p, edit("field.function"))
			h.Send(p, "Leiterin Integration & Teilhabe")
			h.Expect(p, tr("edit.saved", nil), "Leiterin Integration &amp; Teilhabe")

			h.Press(p, edit("field.municipality"))
			h.Send(p, "Bochum")
			h.Press(p, h.Plain(lang, "state.NW", nil))
			h.Expect(p, tr("edit.moved", map[string]any{"Municipality": "Bochum"}), "Bochum", tr("profile.contact_pending", nil))
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			h.Expect(coordDE, "Erika Muster-Schmidt</b>, Leiterin Integration &amp; Teilhabe", "Bochum")
			a, err := h.DB.ActorByTelegramID(context.Background(), p.ID)
			if err != nil || a.Name != "Erika Muster-Schmidt" || len(a.Verified) != 0 || len(a.Municipalities) != 1 {
				t.Errorf("after the edits: %+v, %v", a, err)
			}

			o := flowstest.Person{ID: 6402, LangHint: lang}
			ans := flowstest.Organisation
			ans.Lang = lang
			h.Register(o, ans)
			h.Send(o, "/menu")
			h.Press(o, h.Plain(lang, "btn.profile", nil))
			h.Press(o, edit("field.organisation"))
			h.Send(o, "Brücke & Partner e.V.")
			h.Send(o, "Dortmund")
			h.Expect(o, tr("edit.saved", nil), "Brücke &amp; Partner e.V., Dortmund")
		})
	}
}
