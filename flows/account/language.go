package account

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// flowLanguage is stored in sessions: keep it.
const flowLanguage = "language"

// languageFlow changes the language (/language, or the menu): in the
// session, and in Postgres when the user is registered.
func (d Deps) languageFlow() *engine.Flow {
	return &engine.Flow{
		Name:  flowLanguage,
		Title: keyBtnLanguage,
		Steps: []engine.Step{engine.LanguageStep(keyLanguagePrompt)},
		Finish: func(t *engine.Turn) {
			if t.Registered() {
				a, ok := t.Actor()
				if t.Failed() {
					return
				}
				if ok {
					err := d.Users.SetLanguage(t.Ctx(), a.ID, t.Lang())
					if errors.Is(err, domain.ErrNotFound) {
						t.Forget()
					} else if err != nil {
						t.Fail(err)
						return
					}
				}
			}
			t.EndFlow()
			t.Note(keyLanguageChanged, nil)
			if t.Registered() {
				t.ShowMenu(false)
			} else {
				t.Note(engine.KeyHintGoStart, nil)
			}
		},
	}
}
