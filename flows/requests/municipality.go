package requests

import (
	"encoding/json"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The municipality a request is for, and the contact's function there, come
// from the profile. A contact of one municipality is not asked; a contact
// of several picks one (the choices travel in the session), and the
// function follows the pick unless the user changed it.

// muniChoice is one of the municipalities a contact of several picks from.
type muniChoice struct {
	ID       int64  `json:"i"`
	Name     string `json:"n"`
	Function string `json:"f"`
}

// municipalityAnswers are the answers that the profile's link c gives: the
// municipality, and the function offered to keep.
func municipalityAnswers(c muniChoice) map[string]string {
	return map[string]string{
		dataMuniID:    strconv.FormatInt(c.ID, 10),
		dataMuniName:  c.Name,
		dataMuni:      c.Name,
		dataFnProfile: c.Function,
	}
}

// profileAnswers are the answers a request starts with for a contact of
// links (oldest first, at least one): the municipality (or, for several,
// the choices) and the function of the first link.
func profileAnswers(links []domain.MunicipalContact) map[string]string {
	choices := make([]muniChoice, 0, len(links))
	for _, c := range links {
		choices = append(choices, muniChoice{ID: c.MunicipalityID, Name: c.Municipality, Function: c.Function})
	}
	data := map[string]string{dataFunction: choices[0].Function}
	if len(choices) == 1 {
		for k, v := range municipalityAnswers(choices[0]) {
			data[k] = v
		}
		return data
	}
	enc, _ := json.Marshal(choices) // cannot fail for these fields
	data[dataMuniChoices] = string(enc)
	data[dataFnProfile] = choices[0].Function
	return data
}

// muniChoices returns the choices of a contact of several municipalities;
// none for a contact of one.
func muniChoices(t *engine.Turn) []muniChoice {
	var out []muniChoice
	_ = json.Unmarshal([]byte(t.Get(dataMuniChoices)), &out) // none when absent
	return out
}

// municipalityStep asks a contact of several municipalities which one the
// request is for; a contact of one is not asked.
func municipalityStep() engine.Step {
	st := engine.ChoiceStep(dataMuni, engine.KeyFieldMunicipality,
		func(t *engine.Turn) string { return t.T(keyRequestMuniPrompt, nil) },
		func(t *engine.Turn) [][]engine.Choice {
			var rows [][]engine.Choice
			for _, c := range muniChoices(t) {
				rows = append(rows, []engine.Choice{{Label: c.Name, Value: strconv.FormatInt(c.ID, 10)}})
			}
			return rows
		},
		func(t *engine.Turn, v string) {
			for _, c := range muniChoices(t) {
				if strconv.FormatInt(c.ID, 10) != v {
					continue
				}
				if t.Get(dataFunction) == t.Get(dataFnProfile) && c.Function != "" {
					t.Set(dataFunction, c.Function) // not changed by the user: the pick's
				}
				for k, v := range municipalityAnswers(c) {
					t.Set(k, v)
				}
			}
		})
	st.Skip = func(t *engine.Turn) bool { return t.Get(dataMuniChoices) == "" }
	st.Show = nil // the name, as stored
	return st
}
