package onboarding

import (
	"errors"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// start handles /start [payload]: the menu for a registered user (with the
// question whether to add an invite's role, see offerInvite), else
// onboarding, with the role preset by configuration (coordinators) or by a
// valid invite in the payload. A running flow is dropped.
func (d Deps) start(t *engine.Turn) {
	if t.InFlow() != "" {
		t.EndFlow()
	}
	payload := strings.TrimSpace(t.Update().Args)
	a, registered := t.Actor()
	if t.Failed() {
		return
	}
	if registered {
		if payload == "" || !d.offerInvite(t, a, payload) {
			t.ShowMenu(false)
		}
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

// lookUp returns the invite of the deep-link payload code when it can be
// used now. Any other payload is explained (in a sentence for a registered
// user when registered) and false returned; a store error too.
func (d Deps) lookUp(t *engine.Turn, code string, registered bool) (domain.Invite, bool) {
	if !validPayload(code) {
		t.Note(keyInviteInvalid, map[string]any{"Registered": registered})
		return domain.Invite{}, false
	}
	inv, err := d.Invites.InviteByCode(t.Ctx(), code)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Note(keyInviteUnknown, map[string]any{"Registered": registered})
	case err != nil:
		t.Fail(err)
	case !inv.Role.Known():
		t.Note(keyInviteUnknown, map[string]any{"Registered": registered})
	default:
		if st := inv.Status(t.Now()); st != domain.InviteOpen {
			t.Note(stateKeys[st], map[string]any{"Registered": registered})
			return domain.Invite{}, false
		}
		return inv, true
	}
	return domain.Invite{}, false
}

// stateKeys are the sentences of invites that can no longer be used.
var stateKeys = map[domain.InviteState]string{
	domain.InviteUsed: keyInviteUsed, domain.InviteExpired: keyInviteExpired, domain.InviteRevoked: keyInviteRevoked,
}

// applyInvite presets the role in data from a valid invite of the payload
// (and the municipality or organisation of a colleague's invite); any
// other payload is explained and onboarding goes on as usual. It reports
// false on a store error.
func (d Deps) applyInvite(t *engine.Turn, code string, data map[string]string) bool {
	inv, ok := d.lookUp(t, code, false)
	if !ok {
		return !t.Failed()
	}
	data[dataRole], data[dataInvite] = string(inv.Role), code
	switch {
	case inv.MunicipalityID != 0:
		data[dataScoped], data[dataMunicipality], data[dataState] = "1", inv.Name, inv.State
	case inv.OrganisationID != 0:
		data[dataScoped], data[dataOrganisation] = "1", inv.Name
	}
	t.Note(keyInviteValid, map[string]any{"Role": t.RoleName(inv.Role), "Name": inv.Name})
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
