package contacts_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The list of waiting contacts answers to /contacts beside /kontakte, in
// either language.
func TestContactsCommandInEitherLanguage(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			de, en := h.RegisterCoordinators()
			coord := map[string]flowstest.Person{"de": de, "en": en}[lang]
			for _, name := range []string{"/contacts", "/kontakte"} {
				h.Send(coord, name)
				h.Expect(coord, h.Tr(lang, "contacts.list_empty", nil))
			}
			p := flowstest.Person{ID: 6601, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.Send(p, "/contacts")
			h.Expect(p, h.Tr(lang, "contacts.list_refused", nil))
		})
	}
}
