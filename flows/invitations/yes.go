package invitations

import (
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Ja: a short flow below the card asks the persons (buttons 1 to
// MaxEventPersons), the needs the event offers (none skips the question;
// none chosen is fine), and for interpreting the language (buttons of
// common ones, or typed). Then the answer is stored as a one-tap one is.

// flowYes is stored in sessions: keep it.
const flowYes = "iv_yes"

// The flow's data beside its steps' answers.
const (
	dataInvitation = "inv"     // the invitation id
	dataOffered    = "offered" // the event's needs, joined by ","
	dataLang       = "lang"    // the card's language, in which a chosen interpreting language is stored
	dataTitle      = "title"   // the event's title, for the first question
)

// The flow's steps.
const (
	stepPersons = "persons"
	stepNeeds   = "needs"
	stepInterp  = "interp"
)

// interpLangs are the codes of the interpreting languages offered as
// buttons (engine.Languages names them); a typed one is kept as typed.
var interpLangs = []string{"ar", "tr", "uk", "ru", "fa", "ku", "en", "fr"}

// ruleLang is the rule of a typed interpreting language.
var ruleLang = engine.TextRule{Min: 2, Max: domain.MaxEventLanguage}

// joinValues joins values as a multi-select answer does.
func joinValues(values []string) string { return strings.Join(values, ",") }

// yesFlow is the flow of a Ja.
func (d Deps) yesFlow() *engine.Flow {
	persons := engine.ChoiceStep(stepPersons, keyFieldPerson,
		func(t *engine.Turn) string { return t.T(keyYesPersons, map[string]any{"Title": t.Get(dataTitle)}) },
		func(*engine.Turn) [][]engine.Choice {
			rows := make([][]engine.Choice, 2)
			for n := 1; n <= domain.MaxEventPersons; n++ {
				i := (n - 1) * 2 / domain.MaxEventPersons
				rows[i] = append(rows[i], engine.Choice{Label: strconv.Itoa(n), Value: strconv.Itoa(n)})
			}
			return rows
		}, nil)
	needs := engine.MultiSelectStep(engine.MultiSelectSpec{Name: stepNeeds, Label: keyFieldNeeds, PromptKey: keyYesNeeds,
		PerRow: 1, Options: func(t *engine.Turn) []engine.Choice {
			var out []engine.Choice
			for _, v := range engine.Values(t.Get(dataOffered)) {
				out = append(out, engine.Choice{Label: t.Texts().NeedName(t.Lang(), domain.EventNeed(v)), Value: v})
			}
			return out
		}})
	needs.Skip = func(t *engine.Turn) bool { return t.Get(dataOffered) == "" }
	interp := engine.Step{Name: stepInterp, Label: keyFieldInterp, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			var rows [][]engine.Choice
			for i, c := range engine.LanguageChoices(t, interpLangs) {
				if i%2 == 0 {
					rows = append(rows, nil)
				}
				rows[len(rows)-1] = append(rows[len(rows)-1], c)
			}
			return engine.Prompt{Text: t.T(keyYesInterp, nil), Choices: rows}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			v, ok := in.Choice, slices.Contains(interpLangs, in.Choice) // a code, named in each reader's language
			if !in.Pressed {
				v, ok = t.CheckAnswer(in.Text, ruleLang)
			}
			if !ok {
				return engine.ProblemNoted
			}
			t.Set(stepInterp, v)
			return ""
		},
		Skip: func(t *engine.Turn) bool {
			return !slices.Contains(engine.Values(t.Get(stepNeeds)), string(domain.NeedInterpreting))
		}}
	return &engine.Flow{Name: flowYes, Title: keyYesTitle, Steps: []engine.Step{persons, needs, interp}, Finish: d.finishYes}
}

// finishYes stores the yes the flow collected and says so below.
func (d Deps) finishYes(t *engine.Turn) {
	id, _ := strconv.ParseInt(t.Get(dataInvitation), 10, 64)
	persons, _ := strconv.Atoi(t.Get(stepPersons))
	ans := domain.OrgAnswer{Reply: domain.ReplyYes, Persons: persons}
	for _, v := range engine.Values(t.Get(stepNeeds)) {
		ans.Needs = append(ans.Needs, domain.EventNeed(v))
	}
	if slices.Contains(ans.Needs, domain.NeedInterpreting) {
		ans.Interpreting = t.Get(stepInterp)
	}
	t.EndFlow()
	a, inv, ok := d.find(t, id)
	if !ok {
		if !t.Failed() {
			t.Note(refusal(inv))
		}
		return
	}
	c, err := d.cardOf(t.Ctx(), inv)
	if err != nil {
		t.Fail(err)
		return
	}
	if !c.open(t.Now()) {
		t.Note(keyClosed, nil)
		return
	}
	ch, problem := d.save(t, a, inv, c, ans)
	switch {
	case t.Failed():
	case problem != "":
		t.Note(problem, nil)
	default:
		text := t.T(keyYesSaved, map[string]any{"Answer": engine.HTML(answerText(t.Texts(), t.Lang(), t.Location(), ch.Answer)),
			"Seat": engine.HTML(seatText(t.Texts(), t.Lang(), t.Location(), ch.Event, ch.Answer))}) // seats taken, or waiting, under the answer
		t.Show(engine.Screen{Text: text, Rows: [][]engine.Button{t.BackToMenu()}})
	}
}
