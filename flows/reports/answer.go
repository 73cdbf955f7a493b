package reports

import (
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The municipal side's answers to a report version: "Bestätigen" in one
// tap, or "Rückfrage" with a question for the advisor.

// flowAsk is stored in sessions: keep it.
const flowAsk = "rp_ask"

// Keys of the question flow.
const (
	dataReport   = "rp" // the version's id
	stepQuestion = "qu"
)

// ruleQuestion is the rule of a question.
var ruleQuestion = engine.TextRule{Min: 3, Max: domain.MaxQuestionLen, Multiline: true}

// confirm confirms version id for the presser: the card shows who
// confirmed and when, the advisor and the coordinators are told, and when
// it was the last report missing the presser is asked for a rating.
func (d Deps) confirm(t *engine.Turn, id int64) {
	a, rep, r, seats, ok := d.loadReport(t, id)
	if !ok {
		return
	}
	if rep.Status != domain.ReportSubmitted {
		t.Refuse(keyToastAnswered)
		return
	}
	tl, ok := d.teller(t, r, seats, a.ID, true)
	if !ok {
		return
	}
	ch, err := d.Reports.ConfirmReport(t.Ctx(), id, a, tl.answered)
	if !settled(t, err, keyToastAnswered) {
		return
	}
	text := answeredText(t.Texts(), t.Lang(), t.Location(), ch.Report) + "\n\n"
	rows := [][]engine.Button{t.BackToMenu()}
	switch {
	case ch.Completed:
		text += t.T(keyConfirmedRate, map[string]any{"Ref": r.Ref})
		rows = append(starRows(t.Texts(), t.Lang(), r.ID), rows...)
	default:
		text += t.T(keyConfirmedWaiting, map[string]any{"Ref": r.Ref})
	}
	t.Replace(engine.Screen{Text: text, Rows: rows, About: aboutReport(id)})
}

// startAsk asks the presser for their question on version id.
func (d Deps) startAsk(t *engine.Turn, id int64) {
	_, rep, _, _, ok := d.loadReport(t, id)
	if !ok {
		return
	}
	if rep.Status != domain.ReportSubmitted {
		t.Refuse(keyToastAnswered)
		return
	}
	t.StartFlow(flowAsk, map[string]string{dataReport: strconv.FormatInt(id, 10), dataRef: rep.RequestRef}, false)
}

// askFlow declares the question flow: one question, then it is sent.
func (d Deps) askFlow() *engine.Flow {
	q := engine.RuleStep(stepQuestion, keyFieldQuestion, keyQuestionPrompt, ruleQuestion)
	q.Prompt = func(t *engine.Turn) engine.Prompt {
		return engine.Prompt{Text: t.T(keyQuestionPrompt, map[string]any{"Ref": t.Get(dataRef)})}
	}
	return &engine.Flow{Name: flowAsk, Title: keyAskTitle, Steps: []engine.Step{q}, Finish: d.finishAsk}
}

// finishAsk sends the question; the advisor is asked to correct the report.
func (d Deps) finishAsk(t *engine.Turn) {
	id, _ := strconv.ParseInt(t.Get(dataReport), 10, 64)
	a, _, r, seats, ok := d.loadReport(t, id)
	if !ok {
		t.EndFlow()
		return
	}
	tl, ok := d.teller(t, r, seats, a.ID, false)
	if !ok {
		return
	}
	ch, err := d.Reports.AskAboutReport(t.Ctx(), id, a, t.Get(stepQuestion), tl.answered)
	if !settled(t, err, keyToastAnswered) {
		return
	}
	t.Show(engine.Screen{Text: t.T(keyAsked, map[string]any{"Ref": r.Ref, "Advisor": ch.Report.Advisor}),
		Rows: [][]engine.Button{t.BackToMenu()}})
}
