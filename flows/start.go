package flows

import (
	"errors"
	"strings"
)

// command handles a /command.
func (t *turn) command() {
	inFlow := t.sess.Flow != ""
	switch t.u.Command {
	case cmdStart:
		t.start()
	case cmdCancel:
		if inFlow {
			t.cancelFlow()
		} else {
			t.note(keyFlowNothingToCancel)
		}
	case cmdHelp:
		t.help()
	case cmdPrivacy:
		t.privacy()
	case cmdRequest:
		t.startRequest(false)
	case cmdMyRequests:
		t.myRequests(false)
	case cmdQueue:
		t.showQueue(false)
	case cmdMenu, cmdLanguage:
		switch {
		case inFlow:
			t.note(keyFlowBusy)
			t.reprompt()
		case t.u.Command == cmdLanguage:
			t.startFlow(t.e.flows[flowLanguage], nil, false)
		case t.registered():
			t.showMenu(false)
		default:
			t.note(keyHintNotRegistered)
		}
	default:
		t.note(keyHintUnknownCommand)
		t.reprompt()
	}
}

// start handles /start [payload]: the menu for a registered user, else
// onboarding, with the role preset by configuration (coordinators) or by a
// valid invite in the payload. A running flow is dropped.
func (t *turn) start() {
	if t.sess.Flow != "" {
		t.endFlow()
	}
	payload := strings.TrimSpace(t.u.Args)
	if t.registered() {
		if payload != "" {
			t.note(keyInviteRegistered)
		}
		t.showMenu(false)
		return
	}
	data := map[string]string{}
	switch {
	case t.coordinator():
		data[dataRole] = string(RoleCoordinator)
	case payload != "":
		if !t.applyInvite(payload, data) {
			return
		}
	}
	t.startFlow(t.e.flows[flowOnboarding], data, false)
}

// applyInvite looks the deep-link payload up as an invite code. A valid
// unused invite presets the role in data; any other payload is explained
// and onboarding goes on as usual. It reports false on a Store error.
func (t *turn) applyInvite(code string, data map[string]string) bool {
	if !validPayload(code) {
		t.note(keyInviteInvalid)
		return true
	}
	inv, err := t.e.cfg.Store.InviteByCode(t.ctx, code)
	switch {
	case errors.Is(err, ErrNotFound):
		t.note(keyInviteUnknown)
	case err != nil:
		t.fail(err)
		return false
	case !inv.UsedAt.IsZero():
		t.note(keyInviteUsed)
	case !t.now.Before(inv.ExpiresAt):
		t.note(keyInviteExpired)
	case roleKey(inv.Role) == string(inv.Role): // a role this version does not know
		t.note(keyInviteUnknown)
	default:
		data[dataRole], data[dataInvite] = string(inv.Role), code
		t.notes = append(t.notes, t.tr(keyInviteValid, map[string]any{"Role": t.tr(roleKey(inv.Role), nil)}))
	}
	return true
}

// validPayload reports whether s is a Telegram deep-link payload: 1-64 of
// A-Z a-z 0-9 _ -.
func validPayload(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
