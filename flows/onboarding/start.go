package onboarding

import (
	"errors"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// start handles /start [payload]: the menu for a registered user, else
// onboarding, with the role preset by configuration (coordinators) or by a
// valid invite in the payload. A running flow is dropped.
func (d Deps) start(t *engine.Turn) {
	if t.InFlow() != "" {
		t.EndFlow()
	}
	payload := strings.TrimSpace(t.Update().Args)
	if t.Registered() {
		if payload != "" {
			t.Note(keyInviteRegistered, nil)
		}
		t.ShowMenu(false)
		return
	}
	data := map[string]string{}
	switch {
	case t.ConfiguredCoordinator():
		data[dataRole] = string(domain.RoleCoordinator)
	case payload != "":
		if !d.applyInvite(t, payload, data) {
			return
		}
	}
	t.StartFlow(flowName, data, false)
}

// applyInvite looks the deep-link payload up as an invite code. A valid
// unused invite presets the role in data; any other payload is explained
// and onboarding goes on as usual. It reports false on a store error.
func (d Deps) applyInvite(t *engine.Turn, code string, data map[string]string) bool {
	if !validPayload(code) {
		t.Note(keyInviteInvalid, nil)
		return true
	}
	inv, err := d.Invites.InviteByCode(t.Ctx(), code)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Note(keyInviteUnknown, nil)
	case err != nil:
		t.Fail(err)
		return false
	case !inv.UsedAt.IsZero():
		t.Note(keyInviteUsed, nil)
	case !t.Now().Before(inv.ExpiresAt):
		t.Note(keyInviteExpired, nil)
	case !inv.Role.Known():
		t.Note(keyInviteUnknown, nil)
	default:
		data[dataRole], data[dataInvite] = string(inv.Role), code
		t.Note(keyInviteValid, map[string]any{"Role": t.RoleName(inv.Role)})
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
