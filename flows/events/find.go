package events

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Adding an association to a draft's audience by name: a short flow that
// asks for a part of the name, offers what it finds, and returns to the
// audience with the association added. The audience chosen so far goes
// with the flow and comes back with it, also when the user goes back
// ("« Zurück zum Publikum") or sends /cancel (the flow's Cancel).

// flowFind is stored in sessions: keep it.
const flowFind = "ev_find"

// Steps and data of the search.
const (
	stepQuery = "q"
	stepPick  = "o"
	dataHits  = "hits" // what the query found (JSON of hits)
	valueRedo = "again"
	valueBack = "back" // end the search, back to the audience kept
)

// maxHits is how many associations a search offers.
const maxHits = 8

// ruleQuery is the rule of a query.
var ruleQuery = engine.TextRule{Min: 2, Max: domain.MaxOrganisationSearch}

// hit is an association found, as the flow keeps it.
type hit struct {
	ID      int64  `json:"i"`
	Name    string `json:"n"`
	City    string `json:"c"`
	Members int    `json:"m"`
}

// startFind starts the search for draft e, keeping its audience.
func (d Deps) startFind(t *engine.Turn, e domain.Event) {
	if e.Status != domain.EventStateDraft {
		d.present(t, e, true)
		return
	}
	t.StartFlow(flowFind, map[string]string{dataAudience: loadAudience(t, e.ID).encode(),
		dataEvent: strconv.FormatInt(e.ID, 10)}, true)
}

// findFlow declares the search.
func (d Deps) findFlow() *engine.Flow {
	query := engine.Step{Name: stepQuery, Label: keyFieldQuery,
		Prompt: func(t *engine.Turn) engine.Prompt {
			return engine.Prompt{Text: t.T(keyQueryPrompt, nil), Choices: [][]engine.Choice{backChoice(t)}}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if in.Pressed && in.Choice == valueBack {
				d.found(t)
				return ""
			}
			if in.Pressed {
				return engine.KeyFlowUseButtons
			}
			q, ok := t.CheckAnswer(in.Text, ruleQuery)
			if !ok {
				return engine.ProblemNoted
			}
			found, err := d.Search.SearchOrganisations(t.Ctx(), q, maxHits)
			if err != nil {
				t.Fail(err)
				return engine.ProblemNoted
			}
			if len(found) == 0 {
				t.Note(keyFoundNone, map[string]any{"Query": q})
				return engine.ProblemNoted
			}
			hits := make([]hit, len(found))
			for i, o := range found {
				hits[i] = hit{ID: o.ID, Name: o.Name, City: o.City, Members: o.Members}
			}
			b, _ := json.Marshal(hits)
			t.Set(dataHits, string(b))
			t.Set(stepQuery, q)
			return ""
		},
	}
	pick := engine.ChoiceStep(stepPick, keyFieldPick,
		func(t *engine.Turn) string { return t.T(keyPickPrompt, map[string]any{"Query": t.Get(stepQuery)}) },
		func(t *engine.Turn) [][]engine.Choice {
			var rows [][]engine.Choice
			for _, h := range hitsOf(t) {
				rows = append(rows, []engine.Choice{{Label: t.Plain(keyBtnHit, map[string]any{"Name": h.Name, "City": h.City,
					"Members": h.Members}), Value: strconv.FormatInt(h.ID, 10)}})
			}
			return append(rows, []engine.Choice{{Label: t.Plain(keyBtnRedo, nil), Value: valueRedo}}, backChoice(t))
		},
		func(t *engine.Turn, v string) {
			if v == valueBack {
				d.found(t)
				return
			}
			if v == valueRedo {
				t.Del(stepQuery)
				t.Del(dataHits)
				return
			}
			t.Set(stepPick, v)
		})
	return &engine.Flow{Name: flowFind, Title: keyBtnFind, Steps: []engine.Step{query, pick}, Finish: d.found,
		Cancel: func(t *engine.Turn) { // /cancel ends the search only: the audience chosen stays
			t.Note(keyFindCancelled, nil)
			d.found(t)
			if t.InFlow() == flowFind { // the draft could not be read: the search ends all the same
				t.EndFlow()
			}
		}}
}

// backChoice is the row that ends the search and shows the audience
// chosen so far, unchanged.
func backChoice(t *engine.Turn) []engine.Choice {
	return []engine.Choice{{Label: t.Plain(keyBtnBackAudience, nil), Value: valueBack}}
}

// hitsOf are the associations the query found.
func hitsOf(t *engine.Turn) []hit {
	var hits []hit
	_ = json.Unmarshal([]byte(t.Get(dataHits)), &hits)
	return hits
}

// found adds the association picked (none when the user went back) to
// the audience, ends the search and shows the audience again.
func (d Deps) found(t *engine.Turn) {
	id, _ := engine.ParseID(t.Get(dataEvent))
	s := loadAudience(t, id)
	if org, ok := engine.ParseID(t.Get(stepPick)); ok && !slices.Contains(s.Add, org) {
		s.Add = append(s.Add, org)
	}
	a, ok := t.Actor()
	if !ok {
		return
	}
	e, err := d.Events.EventByID(t.Ctx(), id)
	if err != nil {
		t.Fail(err)
		return
	}
	t.EndFlow()
	if !domain.CanManageEvent(a, e) {
		t.Note(keyRefused, nil)
		return
	}
	d.audience(t, e, s, false)
}
