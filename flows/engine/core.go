package engine

import (
	"log/slog"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The engine's own commands and screens: the main menu, built from what
// the features registered, the help, built from the commands, and /cancel.

// Screens of the engine.
const (
	ScreenMenu = "menu"
	ScreenHelp = "help"
)

// registerCore adds the engine's commands, screens and menu entry.
func registerCore(r *Registry) {
	r.Command(Command{Name: "menu", Desc: keyCmdMenu, Order: 20, Run: func(t *Turn) {
		switch {
		case t.flowRuns() && t.Registered():
			t.parkFlow()
			t.ShowMenu(false)
		case t.Busy():
		case t.Registered():
			t.ShowMenu(false)
		default:
			t.Note(keyHintNotRegistered, nil)
		}
	}})
	r.Command(Command{Name: "help", Desc: keyCmdHelp, Order: 60, Run: (*Turn).help})
	r.Command(Command{Name: "cancel", Desc: keyCmdCancel, Order: 80, Run: func(t *Turn) {
		switch {
		case t.sess.Flow != "":
			t.cancelFlow()
		case t.Registered():
			t.Note(keyFlowNothingToCancel, nil)
			t.ShowMenu(false)
		default:
			t.Note(keyFlowNothingToCancel, nil)
			t.Note(keyHintNotRegistered, nil)
		}
	}})
	r.Screen(ScreenMenu, func(t *Turn, _ string) { t.ShowMenu(true) })
	r.Screen(screenResume, func(t *Turn, _ string) { t.resumeFlow(true) })
	r.Screen(ScreenHelp, func(t *Turn, _ string) {
		t.Replace(Screen{Text: t.helpText(), Rows: [][]Button{t.BackToMenu()}})
	})
	r.Menu(MenuEntry{Row: 90, Col: 2, Label: keyBtnHelp, Screen: ScreenHelp})
}

// ShowMenu shows the main menu of the user's roles, in the pressed message
// when inPlace.
func (t *Turn) ShowMenu(inPlace bool) { t.Present(t.menuScreen(), inPlace) }

// menuScreen is the main menu: the registered entries the user's roles
// see, in their rows.
func (t *Turn) menuScreen() Screen {
	var rows [][]Button
	if t.parked() {
		rows = append(rows, []Button{ScreenButton(t.Plain(keyBtnResume, map[string]any{"Flow": t.flowTitle()}), screenResume, "")})
	}
	lastRow := 0
	var waiting []string
	for _, e := range t.e.reg.menu { // sorted by New
		if !t.sees(e.Roles) {
			continue
		}
		b := t.MenuButton(e.Label, e.Screen)
		if n := t.waiting(e); n > 0 {
			b.Label = t.Plain(keyMenuCounted, map[string]any{"Label": b.Label, "N": n})
			waiting = append(waiting, t.T(e.WaitingText, map[string]any{"N": n}))
		}
		if len(rows) > 0 && e.Row == lastRow {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		} else {
			rows = append(rows, []Button{b})
		}
		lastRow = e.Row
	}
	text := t.T(keyMenuTitle, map[string]any{"Roles": t.RoleNames(t.sess.Roles)})
	if len(waiting) > 0 {
		text += "\n\n" + t.T(keyMenuWaiting, map[string]any{"Lines": HTML(JoinLines(waiting...))})
	}
	return Screen{Text: text, Rows: rows}
}

// waiting counts what waits behind menu entry e; 0 without a counter or
// after a store error (logged: the menu shows without the count).
func (t *Turn) waiting(e MenuEntry) int {
	if e.Waiting == nil {
		return 0
	}
	n, err := e.Waiting(t)
	if err != nil {
		t.e.cfg.Log.Warn("menu: count what waits", slog.String("entry", e.Label), slog.String("err", err.Error()))
		return 0
	}
	return n
}

// sees reports whether the user's roles (as the session caches them)
// include one of roles; nil roles are for everyone.
func (t *Turn) sees(roles []domain.Role) bool {
	return roles == nil || slices.ContainsFunc(roles, t.hasRole)
}

// MenuButton is a button labelled with the text labelKey that opens screen.
func (t *Turn) MenuButton(labelKey, screen string) Button {
	return ScreenButton(t.Plain(labelKey, nil), screen, "")
}

// BackToMenu is the button row under the screens the menu opens.
func (t *Turn) BackToMenu() []Button { return []Button{t.MenuButton(keyBtnMenu, ScreenMenu)} }

// RoleName returns the translated name of role r.
func (t *Turn) RoleName(r domain.Role) string {
	if k, ok := roleKeys[r]; ok {
		return t.Plain(k, nil)
	}
	return string(r)
}

// RoleNames returns the translated names of roles, comma-separated.
func (t *Turn) RoleNames(roles []domain.Role) string {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, t.RoleName(r))
	}
	return strings.Join(names, ", ")
}

// StateName returns the translated name of the Bundesland code, or code
// itself when it is unknown.
func (t *Turn) StateName(code string) string { return t.e.texts.StateName(t.Lang(), code) }

// help shows the help: with a way back to the menu for a registered user,
// before the current question again inside a flow.
func (t *Turn) help() {
	switch {
	case t.flowRuns():
		t.NoteText(t.helpText())
		t.Reprompt()
	case t.Registered():
		t.Show(Screen{Text: t.helpText(), Rows: [][]Button{t.BackToMenu()}})
	default:
		t.NoteText(t.helpText())
	}
}

// helpText explains MiGlobe and lists the commands for the user's roles
// (all of them before registration), each with its name in the user's
// language and its description.
func (t *Turn) helpText() string {
	var lines []string
	for _, c := range t.e.reg.commands {
		if !t.Registered() || t.sees(c.Roles) {
			lines = append(lines, t.T(keyHelpCommand, map[string]any{"Name": c.NameIn(t.Lang()), "Desc": t.Plain(c.Desc, nil)}))
		}
	}
	return t.T(keyHelpText, map[string]any{"Commands": HTML(strings.Join(lines, "\n"))})
}
