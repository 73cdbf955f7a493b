package consent

import (
	"log/slog"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// showConsents shows, in the pressed message, each purpose with the
// version agreed to and when (or that it is off), and a switch for each
// optional purpose with its current text; note (a key, "" for none) comes
// first.
func (d Deps) showConsents(t *engine.Turn, note string) {
	a, ok := t.Admit(func(domain.Actor) bool { return true }, engine.KeyForbidden)
	if !ok {
		return
	}
	list, err := d.Consents.ConsentsOf(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	latest := map[string]domain.Consent{}
	for _, c := range list { // oldest first: the last of a purpose is its current answer
		latest[c.Purpose] = c
	}
	var lines []string
	var rows [][]engine.Button
	for _, p := range domain.Purposes {
		c, given := latest[p]
		name := t.Plain(nameKeys[p], nil)
		switch {
		case given && c.Holds():
			lines = append(lines, t.T(keyGivenLine, map[string]any{"Name": name, "Version": c.Version, "When": t.DateTime(c.GivenAt)}))
		case given:
			lines = append(lines, t.T(keyOffLine, map[string]any{"Name": name, "When": t.DateTime(*c.WithdrawnAt)}))
		default:
			lines = append(lines, t.T(keyNoneLine, map[string]any{"Name": name}))
		}
		if !domain.Optional(p) {
			continue
		}
		lines = append(lines, t.T(TextKey(p, d.version(p)), nil))
		on := given && c.Holds()
		label, param := keyBtnOn, p+".on"
		if on {
			label, param = keyBtnOff, p+".off"
		}
		rows = append(rows, []engine.Button{engine.ScreenButton(t.Plain(label, map[string]any{"Name": name}), screenSet, param)})
	}
	text := t.T(keyScreen, map[string]any{"Lines": engine.HTML(strings.Join(lines, "\n"))})
	if note != "" {
		text = t.T(note, nil) + "\n\n" + text
	}
	t.ShowOrReplace(engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())})
}

// set turns an optional purpose on (the current version of its text) or
// off, as the screen's switch says, and shows the screen again. A
// parameter the screen cannot have made is refused and changes nothing.
func (d Deps) set(t *engine.Turn, param string) {
	purpose, state, _ := strings.Cut(param, ".")
	a, ok := t.Admit(func(domain.Actor) bool {
		return domain.Optional(purpose) && (state == "on" || state == "off")
	}, engine.KeyForbidden)
	if !ok {
		return
	}
	var err error
	if state == "on" {
		_, err = d.Consents.GiveConsent(t.Ctx(), a.ID, purpose, d.version(purpose))
	} else {
		_, err = d.Consents.WithdrawConsent(t.Ctx(), a.ID, purpose)
	}
	if err != nil {
		t.Fail(err)
		return
	}
	t.Log().Info("consent changed", slog.Int64("user_id", a.ID), slog.String("purpose", purpose), slog.String("to", state))
	d.showConsents(t, keySaved)
}
