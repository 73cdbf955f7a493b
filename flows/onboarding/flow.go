package onboarding

import (
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// flowName is stored in sessions: keep it.
const flowName = "onboarding"

// Keys of the onboarding answers in the session.
const (
	dataConsent       = "consent"        // consent time, RFC 3339
	dataConsentChoice = "consent_choice" // the answer: what was agreed to (ConsentQuestion.Given)
	dataRole          = "role"
	dataInvite        = "invite" // invite code that preset the role
	dataScoped        = "scoped" // "1": the invite preset the municipality or organisation too
	dataName          = "name"
	dataMunicipality  = "municipality"
	dataState         = "state"
	dataFunction      = "function"
	dataOrganisation  = "organisation"
	dataCity          = "city"
	dataTopics        = "topics"      // the association's topics (engine.Values)
	dataInviteLang    = "invite_lang" // the language its invitations come in
)

// selfChosen are the roles a user may pick without an invite; advisors
// and coordinators come by invite (the role question says how to get one).
var selfChosen = []domain.Role{domain.RoleMunicipal, domain.RoleOrganisation}

// flow registers a new user: language, consent, role (unless an invite or
// the configuration presets it), name, the role's profile, then the
// summary and UserStore.Register.
func (d Deps) flow() *engine.Flow {
	consent := engine.ChoiceStep(dataConsent, keyFieldConsent,
		func(t *engine.Turn) string { return d.Consent.Text(t) + "\n\n" + t.T(keyConsentPrompt, nil) },
		d.Consent.Choices,
		func(t *engine.Turn, v string) {
			now := t.Now().UTC()
			if _, ok := d.Consent.Given(v, now); ok {
				t.Set(dataConsent, now.Format(time.RFC3339Nano))
				t.Set(dataConsentChoice, v)
				return
			}
			t.EndFlow()
			t.Note(keyDeclined, nil)
		})
	consent.InSummary = false
	role := engine.ChoiceStep(dataRole, keyFieldRole,
		func(t *engine.Turn) string { return t.T(keyRolePrompt, nil) },
		func(t *engine.Turn) [][]engine.Choice {
			var rows [][]engine.Choice
			for _, r := range selfChosen {
				rows = append(rows, []engine.Choice{{Label: t.RoleName(r), Value: string(r)}})
			}
			return rows
		},
		func(t *engine.Turn, v string) {
			if old := t.Get(dataRole); old != "" && old != v { // the Bundesland asked was of the other role's place
				t.Del(dataState)
			}
			t.Set(dataRole, v)
		})
	role.Skip = preset
	return &engine.Flow{
		Name: flowName,
		Steps: []engine.Step{
			engine.LanguageStep(keyLangPrompt),
			consent,
			role,
			nameStep(),
			unscoped(forRole(domain.RoleMunicipal, engine.TextStep(dataMunicipality, engine.KeyFieldMunicipality, keyMunicipalityPrompt, nil, engine.CleanText))),
			unscoped(forRole(domain.RoleOrganisation, engine.TextStep(dataOrganisation, keyFieldOrganisation, keyOrganisationPrompt, nil, engine.CleanText))),
			unscoped(forRole(domain.RoleOrganisation, engine.TextStep(dataCity, keyFieldCity, keyCityPrompt,
				func(t *engine.Turn) map[string]any { return map[string]any{"Organisation": t.Get(dataOrganisation)} }, engine.CleanText))),
			unscoped(forRole(domain.RoleMunicipal, stateStep(), domain.RoleOrganisation)),
			forRole(domain.RoleMunicipal, engine.TextStep(dataFunction, engine.KeyFieldFunction, keyFunctionPrompt, nil, engine.CleanText)),
			unscoped(forRole(domain.RoleOrganisation, engine.MultiSelectStep(engine.MultiSelectSpec{
				Name: dataTopics, Label: engine.KeyFieldTopics, PromptKey: keyTopicsPrompt, Min: 1, PerRow: 2,
				Options: func(t *engine.Turn) []engine.Choice { return engine.TopicChoices(t, domain.InterestTopics) },
			}))),
			unscoped(forRole(domain.RoleOrganisation, engine.ChoiceStep(dataInviteLang, engine.KeyFieldInviteLang,
				func(t *engine.Turn) string { return t.T(keyInviteLangPrompt, nil) }, engine.LangChoices, nil))),
		},
		Summary: summary,
		Finish:  d.finish,
	}
}

// preset reports whether the role was set before the flow began (an
// invite, or the configuration for coordinators).
func preset(t *engine.Turn) bool { return t.Get(dataInvite) != "" || t.ConfiguredCoordinator() }

// forRole makes st asked only when the chosen role is r (or one of more).
func forRole(r domain.Role, st engine.Step, more ...domain.Role) engine.Step {
	roles := append([]domain.Role{r}, more...)
	st.Skip = func(t *engine.Turn) bool { return !slices.Contains(roles, domain.Role(t.Get(dataRole))) }
	return st
}

// unscoped makes st skipped, besides when it is skipped anyway, when the
// invite preset the municipality or organisation it asks for.
func unscoped(st engine.Step) engine.Step {
	skip := st.Skip
	st.Skip = func(t *engine.Turn) bool { return t.Get(dataScoped) != "" || skip != nil && skip(t) }
	return st
}

// stateStep asks for the Bundesland of the municipality, or of the
// association's city.
func stateStep() engine.Step {
	return engine.StateStep(dataState, keyFieldState, func(t *engine.Turn) string {
		place := t.Get(dataMunicipality)
		if domain.Role(t.Get(dataRole)) == domain.RoleOrganisation {
			place = t.Get(dataCity)
		}
		return t.T(keyStatePrompt, map[string]any{"Place": place})
	})
}

// summary adds the role to the summary when it was preset, and the
// municipality (with its Bundesland) or organisation an invite preset;
// they have no edit button.
func summary(t *engine.Turn, lines string) string {
	line := func(label, value string) string {
		return t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(label, nil), "Value": value})
	}
	var fixed []string
	if preset(t) {
		fixed = append(fixed, line(keyFieldRole, t.RoleName(domain.Role(t.Get(dataRole)))))
	}
	if t.Get(dataScoped) != "" {
		if t.Get(dataMunicipality) != "" {
			fixed = append(fixed, line(engine.KeyFieldMunicipality, t.Get(dataMunicipality)), line(keyFieldState, t.StateName(t.Get(dataState))))
		} else {
			fixed = append(fixed, line(keyFieldOrganisation, t.Get(dataOrganisation)))
		}
	}
	lines = engine.JoinLines(append(fixed, lines)...)
	return t.T(keySummary, map[string]any{"Lines": engine.HTML(lines)})
}

// finish registers the user in one store transaction and shows the main
// menu. An invite that was used or expired meanwhile is dropped and the
// role asked instead.
func (d Deps) finish(t *engine.Turn) {
	consentAt, err := time.Parse(time.RFC3339Nano, t.Get(dataConsent))
	consents, ok := d.Consent.Given(t.Get(dataConsentChoice), consentAt)
	if err != nil || !ok { // cannot happen with answers this flow stored; ask again
		t.Del(dataConsent)
		t.Advance(false)
		return
	}
	u, scoped := t.Update(), t.Get(dataScoped) != ""
	r := domain.Registration{
		TelegramID: u.UserID, ChatID: u.ChatID, Name: t.Get(dataName), Lang: t.Lang(),
		ConsentAt: consentAt, Consents: consents, Role: domain.Role(t.Get(dataRole)), InviteCode: t.Get(dataInvite),
	}
	switch r.Role {
	case domain.RoleMunicipal:
		r.Municipal = &domain.MunicipalProfile{Municipality: t.Get(dataMunicipality), State: t.Get(dataState), Function: t.Get(dataFunction)}
	case domain.RoleOrganisation:
		var topics []domain.Topic
		for _, v := range engine.Values(t.Get(dataTopics)) {
			topics = append(topics, domain.Topic(v))
		}
		r.Organisation = &domain.OrganisationProfile{Name: t.Get(dataOrganisation), City: t.Get(dataCity),
			State: t.Get(dataState), Topics: topics, InviteLang: t.Get(dataInviteLang)}
	}
	var notify func(domain.Contact) []domain.Notification
	if r.Role == domain.RoleMunicipal && !scoped && d.Announce != nil {
		var ok bool
		if notify, ok = d.Announce(t); !ok {
			return
		}
	}
	user, err := d.Users.Register(t.Ctx(), r, notify)
	if r.InviteCode != "" && (errors.Is(err, domain.ErrNotFound) || errors.Is(err, domain.ErrConflict)) {
		drop := []string{dataInvite, dataRole}
		if scoped { // the invite's municipality or organisation goes with it
			drop = append(drop, dataScoped, dataMunicipality, dataState, dataOrganisation)
		}
		for _, k := range drop {
			t.Del(k)
		}
		t.Note(keyInviteLost, nil)
		t.Advance(false)
		return
	}
	if err != nil {
		t.Fail(err)
		return
	}
	t.Log().Info("user registered", slog.Int64("user_id", user.ID), slog.String("role", string(r.Role)))
	t.SetUser(user)
	t.EndFlow()
	t.Note(keyDone, nil)
	switch {
	case r.Role == domain.RoleMunicipal && !scoped:
		t.Note(keyPendingCheck, map[string]any{"Municipality": r.Municipal.Municipality})
	case r.Role == domain.RoleMunicipal:
		t.Note(keyJoinedMunicipality, map[string]any{"Municipality": r.Municipal.Municipality})
	}
	t.ShowMenu(false)
}
