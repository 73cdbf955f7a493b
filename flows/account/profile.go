package account

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// profile shows what is stored about the user, in the pressed message.
func (d Deps) profile(t *engine.Turn, _ string) {
	s, ok := d.profileScreen(t)
	switch {
	case ok:
		t.Replace(s)
	case !t.Failed():
		t.Note(engine.KeyHintNotRegistered, nil)
	}
}

// profileScreen is what is stored about the user, with a button to edit
// each field they told. It reports false when there is no record or the
// store failed (see Failed).
func (d Deps) profileScreen(t *engine.Turn) (engine.Screen, bool) {
	lines, ok := d.userLines(t)
	if !ok {
		return engine.Screen{}, false
	}
	edit := func(labelKey, field string) engine.Button {
		return engine.ScreenButton(t.Plain(keyBtnEditField, map[string]any{"Field": t.Plain(labelKey, nil)}), screenEdit, field)
	}
	rows := [][]engine.Button{{edit(engine.KeyFieldName, fieldName), t.MenuButton(keyBtnLanguage, screenLanguage)}}
	a, _ := t.Actor()
	if a.Has(domain.RoleMunicipal) {
		rows = append(rows, []engine.Button{edit(engine.KeyFieldMunicipality, fieldMunicipality), edit(engine.KeyFieldFunction, fieldFunction)})
	}
	if len(a.Organisations) > 0 {
		rows = append(rows, []engine.Button{edit(engine.KeyFieldOrganisation, fieldOrganisation), edit(engine.KeyFieldState, fieldOrgState)},
			[]engine.Button{edit(engine.KeyFieldTopics, fieldTopics), edit(engine.KeyFieldInviteLang, fieldInviteLang)})
	}
	return engine.Screen{Text: t.T(keyProfileTitle, nil) + "\n" + lines, Rows: append(rows, t.BackToMenu())}, true
}

// contactStatusKeys say where the office stands on a municipal link.
var contactStatusKeys = map[domain.ContactStatus]string{
	domain.ContactPending:  keyProfileContactPending,
	domain.ContactVerified: keyProfileContactVerified,
	domain.ContactRejected: keyProfileContactRejected,
}

// userLines renders what is stored about the acting user, one line a
// field. It reports false when there is no record or on a store error
// (recorded with Fail).
func (d Deps) userLines(t *engine.Turn) (string, bool) {
	a, ok := t.Actor()
	if !ok {
		return "", false
	}
	line := func(labelKey string, v any) string {
		return t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(labelKey, nil), "Value": v})
	}
	lines := []string{
		line(engine.KeyFieldName, a.Name),
		line(keyFieldRoles, t.RoleNames(a.Roles)),
		line(engine.KeyFieldLanguage, t.LangName(a.Lang)),
	}
	muns, orgs, err := d.Users.Profiles(t.Ctx(), a.ID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		t.Fail(err)
		return "", false
	}
	for _, m := range muns {
		lines = append(lines, t.T(keyProfileMunicipal, map[string]any{
			"Name": m.Municipality, "State": t.StateName(m.State), "Function": m.Function}))
		if k, ok := contactStatusKeys[m.Status]; ok {
			lines = append(lines, t.T(k, nil))
		}
	}
	for _, o := range orgs {
		state := ""
		if o.State != "" {
			state = t.StateName(o.State)
		}
		lines = append(lines, t.T(keyProfileOrganisation, map[string]any{"Name": o.Name, "City": o.City, "State": state,
			"Topics": engine.TopicNames(t, o.Topics), "InviteLang": t.LangName(o.InviteLang)}))
	}
	if !a.ConsentAt.IsZero() {
		lines = append(lines, line(keyFieldConsentAt, t.DateTime(a.ConsentAt)))
	}
	return engine.JoinLines(lines...), true
}
