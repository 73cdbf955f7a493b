package onboarding

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// choiceTelegramName is the value of the button that takes the name from
// the Telegram profile; the name itself is read from the update (it may
// be longer than callback data allows).
const choiceTelegramName = "tg"

// nameStep asks for the name. When the Telegram profile's name (first and
// last name) passes the name rules, a button offers it; a typed name works
// as ever. The button's name is checked again when pressed.
func nameStep() engine.Step {
	st := engine.TextStep(dataName, engine.KeyFieldName, keyNamePrompt, nil, engine.CleanName)
	typed := st.Handle
	st.Prompt = func(t *engine.Turn) engine.Prompt {
		p := engine.Prompt{Text: t.T(keyNamePrompt, nil)}
		if name, ok := telegramName(t); ok {
			p.Text += "\n" + t.T(keyNameOffer, nil)
			p.Choices = [][]engine.Choice{{{Label: name, Value: choiceTelegramName}}}
		}
		return p
	}
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if !in.Pressed {
			return typed(t, in)
		}
		name, problem := engine.CleanName(fullName(t)) // the one button: the Telegram name
		if problem == "" {
			t.Set(dataName, name)
		}
		return problem
	}
	return st
}

// telegramName returns the name of the user's Telegram profile, cleaned by
// the name rules; false when it does not pass them.
func telegramName(t *engine.Turn) (string, bool) {
	name, problem := engine.CleanName(fullName(t))
	return name, problem == ""
}

// fullName is the Telegram profile's first and last name.
func fullName(t *engine.Turn) string {
	u := t.Update()
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}
