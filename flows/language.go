package flows

import "errors"

const flowLanguage = "language"

// langStep asks for the language with one button per translation, each
// labelled in its own language. Choosing switches the conversation at once.
func langStep(promptKey string) step {
	return choiceStep(dataLang, keyFieldLanguage,
		func(t *turn) string { return t.tr(promptKey, map[string]any{"Name": t.u.FirstName}) },
		func(t *turn) [][]choice {
			texts := t.e.cfg.Texts
			var row []choice
			for _, l := range texts.Langs() {
				row = append(row, choice{texts.T(l, keyLangName, nil), l})
			}
			return [][]choice{row}
		},
		func(t *turn, v string) {
			t.sess.Lang = v
			t.set(dataLang, v)
		})
}

// languageFlow changes the language (/language, or the menu): in the
// session, and in the Store when the user is registered.
func languageFlow() *flow {
	return &flow{
		name:  flowLanguage,
		steps: []step{langStep(keyLanguagePrompt)},
		finish: func(t *turn) {
			if t.registered() {
				err := t.e.cfg.Store.SetLanguage(t.ctx, t.sess.UserID, t.sess.Lang)
				if errors.Is(err, ErrNotFound) {
					t.forget()
				} else if err != nil {
					t.fail(err)
					return
				}
			}
			t.endFlow()
			t.note(keyLanguageChanged)
			if t.registered() {
				t.showMenu(false)
			} else {
				t.note(keyHintGoStart)
			}
		},
	}
}

// forget drops what the session knows about a user whose record is gone
// (deleted elsewhere); the language stays for the answer.
func (t *turn) forget() {
	t.sess.UserID, t.sess.Roles = 0, nil
}
