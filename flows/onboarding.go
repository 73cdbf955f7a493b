package flows

import (
	"errors"
	"log/slog"
	"time"
)

// Keys of the onboarding answers in Session.Data.
const (
	dataLang         = "lang"
	dataConsent      = "consent" // consent time, RFC 3339
	dataRole         = "role"
	dataInvite       = "invite" // invite code that preset the role
	dataName         = "name"
	dataMunicipality = "municipality"
	dataState        = "state"
	dataFunction     = "function"
	dataOrganisation = "organisation"
	dataCity         = "city"
)

const flowOnboarding = "onboarding"

// onboardingFlow registers a new user: language, consent, role (unless an
// invite or the configuration presets it), name, the role's profile, then
// the summary and Store.Register. Nothing reaches the Store before confirm.
func onboardingFlow() *flow {
	consent := choiceStep(dataConsent, keyFieldConsent,
		func(t *turn) string { return t.tr(keyOnbConsentPrompt, nil) },
		func(t *turn) [][]choice {
			return [][]choice{{{t.tr(keyBtnConsentYes, nil), "yes"}}, {{t.tr(keyBtnConsentNo, nil), "no"}}}
		},
		func(t *turn, v string) {
			if v == "yes" {
				t.set(dataConsent, t.now.UTC().Format(time.RFC3339Nano))
				return
			}
			t.endFlow()
			t.note(keyOnbDeclined)
		})
	consent.inSummary = false
	role := choiceStep(dataRole, keyFieldRole,
		func(t *turn) string { return t.tr(keyOnbRolePrompt, nil) },
		func(t *turn) [][]choice {
			var rows [][]choice
			for _, r := range []Role{RoleMunicipal, RoleAdvisor, RoleOrganisation} {
				rows = append(rows, []choice{{t.tr(roleKey(r), nil), string(r)}})
			}
			return rows
		}, nil)
	role.skip = func(t *turn) bool { return t.get(dataInvite) != "" || t.coordinator() }
	return &flow{
		name: flowOnboarding,
		steps: []step{
			langStep(keyOnbLangPrompt),
			consent,
			role,
			textStep(dataName, keyFieldName, keyOnbNamePrompt, nil, cleanName),
			forRole(RoleMunicipal, textStep(dataMunicipality, keyFieldMunicipality, keyOnbMunicipalityPrompt, nil, cleanText)),
			forRole(RoleMunicipal, stateStep()),
			forRole(RoleMunicipal, textStep(dataFunction, keyFieldFunction, keyOnbFunctionPrompt, nil, cleanText)),
			forRole(RoleOrganisation, textStep(dataOrganisation, keyFieldOrganisation, keyOnbOrganisationPrompt, nil, cleanText)),
			forRole(RoleOrganisation, textStep(dataCity, keyFieldCity, keyOnbCityPrompt,
				func(t *turn) map[string]any { return map[string]any{"Organisation": t.get(dataOrganisation)} }, cleanText)),
		},
		summary: onboardingSummary,
		finish:  finishOnboarding,
	}
}

// forRole makes st asked only when the chosen role is r.
func forRole(r Role, st step) step {
	st.skip = func(t *turn) bool { return Role(t.get(dataRole)) != r }
	return st
}

// stateStep asks for the Bundesland with 16 buttons, two in a row.
func stateStep() step {
	return choiceStep(dataState, keyFieldState,
		func(t *turn) string {
			return t.tr(keyOnbStatePrompt, map[string]any{"Municipality": t.get(dataMunicipality)})
		},
		func(t *turn) [][]choice {
			var rows [][]choice
			for i := 0; i < len(states); i += 2 {
				rows = append(rows, []choice{
					{t.tr(states[i].key, nil), states[i].code},
					{t.tr(states[i+1].key, nil), states[i+1].code},
				})
			}
			return rows
		}, nil)
}

// onboardingSummary adds the role to the summary when it was preset (it has
// no edit button then).
func onboardingSummary(t *turn, lines string) string {
	if t.get(dataInvite) != "" || t.coordinator() {
		role := t.tr(keyFlowLine, map[string]any{
			"Label": t.tr(keyFieldRole, nil), "Value": t.tr(roleKey(Role(t.get(dataRole))), nil)})
		lines = joinLines(role, lines)
	}
	return t.tr(keyOnbSummary, map[string]any{"Lines": HTML(lines)})
}

// finishOnboarding registers the user in one Store transaction and shows the
// main menu. An invite that was used or expired meanwhile is dropped and the
// role asked instead.
func finishOnboarding(t *turn) {
	consentAt, err := time.Parse(time.RFC3339Nano, t.get(dataConsent))
	if err != nil { // cannot happen with answers this flow stored; ask again
		delete(t.sess.Data, dataConsent)
		t.advance(false)
		return
	}
	r := Registration{
		TelegramID: t.u.UserID, ChatID: t.u.ChatID, Name: t.get(dataName), Lang: t.lang(),
		ConsentAt: consentAt, Role: Role(t.get(dataRole)), InviteCode: t.get(dataInvite),
	}
	switch r.Role {
	case RoleMunicipal:
		r.Municipal = &MunicipalProfile{Municipality: t.get(dataMunicipality), State: t.get(dataState), Function: t.get(dataFunction)}
	case RoleOrganisation:
		r.Organisation = &OrganisationProfile{Name: t.get(dataOrganisation), City: t.get(dataCity)}
	}
	u, err := t.e.cfg.Store.Register(t.ctx, r)
	if r.InviteCode != "" && (errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict)) {
		delete(t.sess.Data, dataInvite)
		delete(t.sess.Data, dataRole)
		t.note(keyInviteLost)
		t.advance(false)
		return
	}
	if err != nil {
		t.fail(err)
		return
	}
	t.e.cfg.Log.Info("user registered", slog.Int64("user_id", u.ID), slog.String("role", string(r.Role)))
	t.sess.UserID, t.sess.Roles = u.ID, u.Roles
	t.endFlow()
	t.note(keyOnbDone)
	t.showMenu(false)
}
