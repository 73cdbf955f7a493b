package account

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Editing "Mein Profil": each field the user told at registration has a
// button on the profile; it asks that one question (with the current
// value) and stores the answer. A new municipality waits for the office's
// confirmation again, which the office is told of.

// flowProfile is stored in sessions: keep it.
const flowProfile = "profile"

// screenEdit starts editing the field named in its parameter.
const screenEdit = "profile_edit"

// Fields of the profile that can be edited, and the flow's answers.
const (
	fieldName         = "name"
	fieldFunction     = "function"
	fieldMunicipality = "municipality"
	fieldOrganisation = "organisation"
	fieldOrgState     = "org_state"   // the association's Bundesland
	fieldTopics       = "topics"      // the association's topics
	fieldInviteLang   = "invite_lang" // the language of its invitations

	dataField   = "field"   // which field is edited
	dataCurrent = "current" // its value before, for the question
	dataValue   = "value"   // the new value (a name, a function, a municipality, an organisation)
	dataState   = "state"   // the new municipality's Bundesland
	dataCity    = "city"    // the organisation's new city
	dataTopics  = "topics"  // the association's new topics (engine.Values)
	dataLang    = "lang"    // the association's new invitation language
)

// profileFlow asks the question of the edited field: one step, or two for
// a municipality (its Bundesland) and an organisation (its city).
func (d Deps) profileFlow() *engine.Flow {
	current := func(t *engine.Turn) map[string]any { return map[string]any{"Current": t.Get(dataCurrent)} }
	editing := func(fields ...string) func(t *engine.Turn) bool {
		return func(t *engine.Turn) bool {
			for _, f := range fields {
				if t.Get(dataField) == f {
					return false
				}
			}
			return true
		}
	}
	step := func(st engine.Step, fields ...string) engine.Step {
		st.Skip = editing(fields...)
		return st
	}
	return &engine.Flow{
		Name:  flowProfile,
		Title: keyBtnProfile,
		Steps: []engine.Step{
			step(engine.TextStep(dataValue+"_n", engine.KeyFieldName, keyEditName, current, engine.CleanName), fieldName),
			step(engine.TextStep(dataValue+"_f", engine.KeyFieldFunction, keyEditFunction, current, engine.CleanText), fieldFunction),
			step(engine.TextStep(dataValue+"_m", engine.KeyFieldMunicipality, keyEditMunicipality, current, engine.CleanText), fieldMunicipality),
			step(engine.StateStep(dataState, engine.KeyFieldState, func(t *engine.Turn) string {
				if t.Get(dataField) == fieldOrgState {
					return t.T(keyEditOrgState, current(t))
				}
				return t.T(keyEditState, map[string]any{"Municipality": t.Get(dataValue + "_m")})
			}), fieldMunicipality, fieldOrgState),
			step(engine.TextStep(dataValue+"_o", engine.KeyFieldOrganisation, keyEditOrganisation, current, engine.CleanText), fieldOrganisation),
			step(engine.TextStep(dataCity, engine.KeyFieldCity, keyEditCity, nil, engine.CleanText), fieldOrganisation),
			step(engine.MultiSelectStep(engine.MultiSelectSpec{
				Name: dataTopics, Label: engine.KeyFieldTopics, PromptKey: keyEditTopics, Min: 1, PerRow: 2,
				Options: func(t *engine.Turn) []engine.Choice { return engine.TopicChoices(t, domain.InterestTopics) },
			}), fieldTopics),
			step(engine.ChoiceStep(dataLang, engine.KeyFieldInviteLang,
				func(t *engine.Turn) string { return t.T(keyEditInviteLang, current(t)) }, engine.LangChoices, nil), fieldInviteLang),
		},
		Finish: d.finishEdit,
	}
}

// startEdit starts editing the field named by param, in the pressed
// message, with its current value.
func (d Deps) startEdit(t *engine.Turn, param string) {
	a, ok := t.Actor()
	if !ok {
		if !t.Failed() {
			t.StaleButton()
		}
		return
	}
	muns, orgs, err := d.Users.Profiles(t.Ctx(), a.ID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		t.Fail(err)
		return
	}
	var cur string
	data := map[string]string{}
	switch {
	case param == fieldName:
		cur = a.Name
	case param == fieldFunction && len(muns) > 0:
		cur = muns[0].Function
	case param == fieldMunicipality && len(muns) > 0:
		cur = muns[0].Municipality + " (" + t.StateName(muns[0].State) + ")"
	case param == fieldOrganisation && len(orgs) > 0:
		cur = orgs[0].Name + ", " + orgs[0].City
	case param == fieldOrgState && len(orgs) > 0:
		cur = t.Plain(keyEditNone, nil)
		if orgs[0].State != "" {
			cur = t.StateName(orgs[0].State)
		}
	case param == fieldTopics && len(orgs) > 0:
		cur = engine.TopicNames(t, orgs[0].Topics)
		var values []string
		for _, tp := range orgs[0].Topics {
			values = append(values, string(tp))
		}
		engine.PresetSelection(data, dataTopics, values)
	case param == fieldInviteLang && len(orgs) > 0:
		cur = t.LangName(orgs[0].InviteLang)
	default:
		t.StaleButton()
		return
	}
	data[dataField], data[dataCurrent] = param, cur
	t.StartFlow(flowProfile, data, true)
}

// finishEdit stores the edited field and shows the profile again.
func (d Deps) finishEdit(t *engine.Turn) {
	a, ok := t.Actor()
	if !ok {
		if !t.Failed() {
			t.EndFlow()
			t.Note(engine.KeyHintNotRegistered, nil)
		}
		return
	}
	var err error
	moved := false
	switch t.Get(dataField) {
	case fieldName:
		err = d.Profiles.SetName(t.Ctx(), a.ID, t.Get(dataValue+"_n"))
	case fieldFunction:
		err = d.Profiles.SetFunction(t.Ctx(), a.ID, t.Get(dataValue+"_f"))
	case fieldOrganisation:
		err = d.Profiles.SetOrganisation(t.Ctx(), a.ID, t.Get(dataValue+"_o"), t.Get(dataCity))
	case fieldOrgState:
		err = d.Profiles.SetOrganisationState(t.Ctx(), a.ID, t.Get(dataState))
	case fieldTopics:
		var topics []domain.Topic
		for _, v := range engine.Values(t.Get(dataTopics)) {
			topics = append(topics, domain.Topic(v))
		}
		err = d.Profiles.SetOrganisationTopics(t.Ctx(), a.ID, topics)
	case fieldInviteLang:
		err = d.Profiles.SetInviteLang(t.Ctx(), a.ID, t.Get(dataLang))
	case fieldMunicipality:
		var notify func(domain.Contact) []domain.Notification
		if d.Announce != nil {
			if notify, ok = d.Announce(t); !ok {
				return
			}
		}
		moved, err = d.Profiles.MoveMunicipality(t.Ctx(), a.ID, t.Get(dataValue+"_m"), t.Get(dataState), notify)
	}
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		t.Fail(err)
		return
	}
	t.Log().Info("profile edited", slog.Int64("user_id", a.ID), slog.String("field", t.Get(dataField)))
	municipality := t.Get(dataValue + "_m")
	t.EndFlow()
	t.SetUser(a.User) // the profile below reads the user afresh
	t.Note(keyEditSaved, nil)
	if moved {
		t.Note(keyEditMoved, map[string]any{"Municipality": municipality})
	}
	if s, ok := d.profileScreen(t); ok {
		t.Show(s)
	}
}
