package flows

import (
	"strings"
)

// Menu screens: the argument of actMenu buttons.
const (
	screenMenu       = "menu"
	screenProfile    = "profile"
	screenLanguage   = "language"
	screenPrivacy    = "privacy"
	screenHelp       = "help"
	screenDelete     = "delete"
	screenRequest    = "request"
	screenMyRequests = "requests"
	screenQueue      = "queue"
)

// showMenu shows the main menu of the user's roles.
func (t *turn) showMenu(inPlace bool) {
	t.present(t.menuScreen(), inPlace)
}

// menuScreen is the main menu: "Beratung beantragen" and "Meine Anfragen"
// for municipal contacts, then what exists for every role: the profile,
// the language, privacy and help.
func (t *turn) menuScreen() screen {
	var rows [][]button
	if t.canRequest() {
		rows = append(rows, []button{t.menuButtonOf(keyBtnRequest, screenRequest)},
			[]button{t.menuButtonOf(keyBtnMyRequests, screenMyRequests)})
	}
	if t.e.cfg.Requests != nil && t.hasRole(RoleCoordinator) {
		rows = append(rows, []button{t.menuButtonOf(keyBtnQueue, screenQueue)})
	}
	return screen{
		text: t.tr(keyMenuTitle, map[string]any{"Roles": t.roleNames(t.sess.Roles)}),
		rows: append(rows,
			[]button{t.menuButtonOf(keyBtnProfile, screenProfile), t.menuButtonOf(keyBtnLanguage, screenLanguage)},
			[]button{t.menuButtonOf(keyBtnPrivacy, screenPrivacy), t.menuButtonOf(keyBtnHelp, screenHelp)},
		),
	}
}

func (t *turn) menuButtonOf(labelKey, screen string) button {
	return button{label: t.tr(labelKey, nil), action: actMenu, arg: screen}
}

// backToMenu is the button row under the screens the menu opens.
func (t *turn) backToMenu() []button { return []button{t.menuButtonOf(keyBtnMenu, screenMenu)} }

// roleNames returns the translated names of roles, comma-separated.
func (t *turn) roleNames(roles []Role) string {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, t.tr(roleKey(r), nil))
	}
	return strings.Join(names, ", ")
}

// menuButton opens what a menu button names, in the pressed message.
func (t *turn) menuButton(arg string) {
	switch arg {
	case screenMenu:
		t.showMenu(true)
	case screenHelp:
		t.replace(screen{text: t.tr(keyHelpText, nil), rows: [][]button{t.backToMenu()}})
	case screenProfile:
		if lines, ok := t.userLines(); ok {
			t.replace(screen{text: t.tr(keyProfileTitle, nil) + "\n" + lines, rows: [][]button{t.backToMenu()}})
		} else if t.err == nil {
			t.note(keyHintNotRegistered)
		}
	case screenPrivacy:
		if s, ok := t.privacyScreen(); ok {
			t.replace(s)
		}
	case screenLanguage:
		t.startFlow(t.e.flows[flowLanguage], nil, true)
	case screenDelete:
		t.startFlow(t.e.flows[flowDelete], nil, true)
	case screenRequest:
		t.startRequest(true)
	case screenMyRequests:
		t.myRequests(true)
	case screenQueue:
		t.showQueue(true)
	default:
		if !t.requestButton(arg) {
			t.staleButton()
		}
	}
}

// help shows the help: with a way back to the menu for a registered user,
// before the current question again inside a flow.
func (t *turn) help() {
	switch {
	case t.sess.Flow != "":
		t.note(keyHelpText)
		t.reprompt()
	case t.registered():
		t.show(screen{text: t.tr(keyHelpText, nil), rows: [][]button{t.backToMenu()}})
	default:
		t.note(keyHelpText)
	}
}
