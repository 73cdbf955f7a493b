package offers

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// flowOffer is stored in sessions: keep it.
const flowOffer = "offer"

// windows are the answer windows offered, in hours.
var windows = []int{24, 48, 72, 168}

// offerFlow is the coordinator's way from the shortlist to the offers:
// the advisors, the mode (when more than one), the answer window, the
// summary, and the offers sent.
func (d Deps) offerFlow() *engine.Flow {
	return &engine.Flow{
		Name: flowOffer, Title: keyFlowTitle, NextSummary: keyNextSummary,
		Steps: []engine.Step{
			d.pickStep(),
			func() engine.Step {
				st := engine.ChoiceStep(dataMode, keyFieldMode, func(t *engine.Turn) string { return t.T(keyModePrompt, nil) },
					func(t *engine.Turn) [][]engine.Choice {
						return [][]engine.Choice{
							{{Label: t.Plain(keyModeParallel, nil), Value: string(domain.ModeParallel)}},
							{{Label: t.Plain(keyModeSequence, nil), Value: string(domain.ModeSequence)}},
						}
					}, nil)
				st.Skip = func(t *engine.Turn) bool { return len(ids(t.Get(dataPick))) <= 1 }
				return st
			}(),
			engine.ChoiceStep(dataWindow, keyFieldWindow, func(t *engine.Turn) string { return t.T(keyWindowPrompt, nil) },
				func(t *engine.Turn) [][]engine.Choice {
					var rows [][]engine.Choice
					for i, h := range d.windows() {
						if i%2 == 0 {
							rows = append(rows, nil)
						}
						rows[len(rows)-1] = append(rows[len(rows)-1], engine.Choice{Label: windowName(t, h), Value: strconv.Itoa(h)})
					}
					return rows
				}, nil),
		},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keySummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: d.finish,
	}
}

// windows are the answer windows offered, in hours: the standard ones
// and the configured default.
func (d Deps) windows() []int {
	out := append([]int{int(d.window() / time.Hour)}, windows...)
	slices.Sort(out)
	return slices.Compact(out)
}

// windowName names an answer window of h hours.
func windowName(t *engine.Turn, h int) string {
	if h%24 == 0 && h >= 72 {
		return t.Plain(keyWindowDays, map[string]any{"N": h / 24})
	}
	return t.Plain(keyWindowHours, map[string]any{"N": h})
}

// startOffer opens the shortlist of request id for a coordinator; direct
// lets them pick one advisor only. The request must be approved, or
// matching with a seat free.
func (d Deps) startOffer(t *engine.Turn, id int64, direct bool) {
	if _, ok := t.Admit(domain.MayReview, keyRefused); !ok {
		return
	}
	r, err := d.Requests.RequestByID(t.Ctx(), id)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(engine.KeyForbidden)
		return
	case err != nil:
		t.Fail(err)
		return
	case r.Status != domain.StatusApproved && r.Status != domain.StatusMatching:
		t.Note(keyNotOfferable, map[string]any{"Ref": r.Ref, "Status": t.Texts().StatusName(t.Lang(), r.Status)})
		t.ShowMenu(false)
		return
	}
	d.open(t, r, direct, "")
}

// open starts the offer flow on request r; notice (HTML, "" for none)
// heads the shortlist until the first press, and then the shortlist
// takes the pressed message's place.
func (d Deps) open(t *engine.Turn, r domain.Request, direct bool, notice string) {
	data := map[string]string{dataRequest: strconv.FormatInt(r.ID, 10),
		dataWindow: strconv.Itoa(int(d.window() / time.Hour))}
	if direct {
		data[dataOnlyOne] = "1"
	}
	if notice != "" {
		data[dataNotice] = notice
	}
	t.StartFlow(flowOffer, data, notice != "")
}

// finish sends the offers: the cards to the advisors, the requester told
// that the request is being offered. A request that changed meanwhile, or
// an advisor who got it meanwhile, is said, and the shortlist comes again.
func (d Deps) finish(t *engine.Turn) {
	a, _ := t.Actor()
	if !domain.MayReview(a) { // the role was taken away meanwhile
		if !t.Failed() {
			t.EndFlow()
			t.Note(keyRefused, nil)
			t.ShowMenu(false)
		}
		return
	}
	picked := ids(t.Get(dataPick))
	hours, _ := strconv.Atoi(t.Get(dataWindow))
	mode := domain.OfferMode(t.Get(dataMode))
	if len(picked) == 1 {
		mode = domain.ModeDirect
	}
	r, err := d.Requests.RequestByID(t.Ctx(), requestID(t))
	if err != nil {
		t.Fail(err)
		return
	}
	notify, ok := d.changeNotify(t, r)
	if !ok {
		return
	}
	ch, err := d.Offers.StartOffers(t.Ctx(), domain.OfferPlan{RequestID: r.ID, CoordinatorID: a.ID, Mode: mode,
		Advisors: picked, Window: time.Duration(hours) * time.Hour}, notify)
	var sc *domain.StatusConflict
	switch {
	case errors.As(err, &sc):
		t.EndFlow()
		t.Note(keyNotOfferable, map[string]any{"Ref": r.Ref, "Status": t.Texts().StatusName(t.Lang(), sc.Status)})
		t.ShowMenu(false)
		return
	case errors.Is(err, domain.ErrConflict):
		t.Del(dataPick)
		t.Note(keyPlanChanged, nil)
		t.Advance(false)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Log().Info("request offered", slog.Int64("request_id", r.ID), slog.Int("offers", len(picked)), slog.String("mode", string(mode)))
	t.EndFlow()
	first := ch.Opened[0].Deadline
	t.Show(engine.Screen{Text: t.T(sentKeys[mode], map[string]any{"Ref": r.Ref, "N": len(picked),
		"Deadline": t.DateTime(first), "Window": windowName(t, hours)}), Rows: [][]engine.Button{t.BackToMenu()}})
}

// sentKeys say what happens next, by mode.
var sentKeys = map[domain.OfferMode]string{
	domain.ModeDirect: keySentDirect, domain.ModeParallel: keySentParallel, domain.ModeSequence: keySentSequence,
}

// changeNotify is the notify function of the plan for request r, made
// by coordinator t: the cards, and the requester told when r moves from
// approved to matching. It records a store error with Fail.
func (d Deps) changeNotify(t *engine.Turn, r domain.Request) (func(domain.OfferChange) []domain.Notification, bool) {
	tl, err := d.teller(t, r)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	tl.started = r.Status == domain.StatusApproved
	return tl.tell, true
}

// teller is the teller of a change of r made in turn t.
func (d Deps) teller(t *engine.Turn, r domain.Request) (teller, error) {
	tl, err := newTeller(t.Ctx(), d.Users, t.Texts(), t.Notifier(), t.Location(), r)
	if a, ok := t.Actor(); ok {
		tl.actor = a.ID
	}
	tl.chat = t.Update().ChatID
	if t.Update().Kind == engine.KindButton && t.Update().MessageID != 0 {
		tl.spare = []int{t.Update().MessageID}
	}
	return tl, err
}
