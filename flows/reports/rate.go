package reports

import (
	"errors"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The rating: after the last report is confirmed, the municipal side
// rates the counseling with 1 to 5 stars and an optional comment, which
// closes the request; or closes it without a rating.

// flowRate is stored in sessions: keep it.
const flowRate = "rp_rate"

// Keys of the rating flow.
const (
	dataStars   = "st"
	stepComment = "cm"
	valueNone   = "-"
)

// ruleComment is the rule of a rating's comment.
var ruleComment = engine.TextRule{Min: 2, Max: domain.MaxRatingCommentLen, Multiline: true}

// startRate takes the stars for request id and asks for a comment.
func (d Deps) startRate(t *engine.Turn, id int64, stars int) {
	a, r, seats, ok := d.load(t, id)
	if !ok {
		return
	}
	if !domain.OnRequesterSide(a, r) || domain.HoldsSeat(a, seats) {
		t.Refuse(engine.KeyForbidden)
		return
	}
	if r.Status != domain.StatusCompleted {
		t.Refuse(keyToastRated)
		return
	}
	t.StartFlow(flowRate, map[string]string{dataRequest: strconv.FormatInt(id, 10), dataRef: r.Ref,
		dataStars: strconv.Itoa(stars)}, false)
}

// rateFlow declares the rating flow: the optional comment, then it is
// saved.
func (d Deps) rateFlow() *engine.Flow {
	comment := engine.Step{Name: stepComment, Label: keyFieldComment, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			n, _ := strconv.Atoi(t.Get(dataStars))
			return engine.Prompt{Text: t.T(keyCommentPrompt, map[string]any{"Stars": n}),
				Choices: [][]engine.Choice{{{Label: t.Plain(keyBtnNoComment, nil), Value: valueNone}}}}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if in.Pressed {
				t.Set(stepComment, valueNone)
				return ""
			}
			v, ok := t.CheckAnswer(in.Text, ruleComment)
			if !ok {
				return engine.ProblemNoted
			}
			t.Set(stepComment, v)
			return ""
		}}
	return &engine.Flow{Name: flowRate, Title: keyRateTitle, Steps: []engine.Step{comment}, Finish: d.finishRate}
}

// finishRate saves the rating, which closes the request; the advisors
// are told.
func (d Deps) finishRate(t *engine.Turn) {
	id, _ := strconv.ParseInt(t.Get(dataRequest), 10, 64)
	a, r, seats, ok := d.load(t, id)
	if !ok {
		t.EndFlow()
		return
	}
	stars, _ := strconv.Atoi(t.Get(dataStars))
	comment := t.Get(stepComment)
	if comment == valueNone {
		comment = ""
	}
	tl, ok := d.teller(t, r, seats, a.ID, false)
	if !ok {
		return
	}
	_, err := d.Reports.RateRequest(t.Ctx(), id, a, stars, comment, func(g domain.Rating) []domain.Notification {
		return tl.closed(r, &g)
	})
	if !settled(t, err, keyToastRated) {
		return
	}
	t.Show(engine.Screen{Text: t.T(keyRated, map[string]any{"Ref": r.Ref}), Rows: [][]engine.Button{t.BackToMenu()}})
}

// closeUnrated closes request id without a rating.
func (d Deps) closeUnrated(t *engine.Turn, id int64) {
	a, r, seats, ok := d.load(t, id)
	if !ok {
		return
	}
	if !domain.CanClose(a, r, seats) {
		t.Refuse(engine.KeyForbidden)
		return
	}
	tl, ok := d.teller(t, r, seats, a.ID, false)
	if !ok {
		return
	}
	_, err := d.Reports.CloseRequest(t.Ctx(), id, a, func(r domain.Request) []domain.Notification { return tl.closed(r, nil) })
	var moved *domain.StatusConflict
	if errors.As(err, &moved) {
		t.Refuse(keyToastRated)
		return
	}
	if !settled(t, err, keyToastRated) {
		return
	}
	t.Replace(engine.Screen{Text: t.T(keyClosedUnrated, map[string]any{"Ref": r.Ref}), Rows: [][]engine.Button{t.BackToMenu()}})
}
