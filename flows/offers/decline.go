package offers

import (
	"log/slog"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Declining asks for the reason in place of the card: no time, the topic
// does not fit, too far, or another reason typed (a short flow). The next
// advisor of a one-after-another offer gets the request at once.

// flowReason is stored in sessions: keep it.
const flowReason = "offer_reason"

// dataOffer is the reason flow's offer id.
const dataOffer = "offer"

// ruleNote is the rule of a typed reason.
var ruleNote = engine.TextRule{Min: 3, Max: domain.MaxDeclineNoteLen}

// askReason asks why the advisor declines offer id, in the card's place.
func (d Deps) askReason(t *engine.Turn, id int64) {
	_, o, r, ok := d.loadOffer(t, id)
	if !ok {
		return
	}
	if o.Status != domain.OfferOpen {
		d.lost(t, &domain.OfferClosed{OfferID: o.ID, Status: o.Status})
		return
	}
	button := func(key, act string) []engine.Button {
		return []engine.Button{engine.DurableButton(t.Plain(key, nil), feature, act, o.ID)}
	}
	t.Replace(engine.Screen{Text: cardHead(t.Texts(), t.Lang(), r) + "\n\n" + t.T(keyReasonPrompt, nil),
		About: aboutOffer(o.ID), Rows: [][]engine.Button{
			button(keyBtnNoTime, actNoTime), button(keyBtnTopic, actTopic), button(keyBtnDistance, actDistance),
			button(keyBtnOther, actOther), button(keyBtnBackToOffer, actView)}})
}

// decline records the advisor's no to offer id with reason and note, and
// closes the card.
func (d Deps) decline(t *engine.Turn, id int64, reason domain.DeclineReason, note string) {
	a, o, r, tl, ok := d.answering(t, id)
	if !ok {
		return
	}
	ch, err := d.Offers.DeclineOffer(t.Ctx(), o.ID, a.ID, reason, note, tl.tell)
	if d.lost(t, err) {
		return
	}
	t.Log().Info("offer declined", slog.Int64("offer_id", o.ID), slog.String("reason", string(reason)))
	if t.Update().Kind == engine.KindButton {
		t.Toast(t.Plain(keyToastDeclined, nil))
	}
	screen := engine.Screen{Text: closedText(t.Texts(), t.Lang(), r, ch.Offer.Status)}
	if t.InFlow() == flowReason { // typed: the card is above, the answer comes below
		t.EndFlow()
		t.Show(screen)
		return
	}
	t.Replace(screen)
}

// startReason asks for the reason in the advisor's words.
func (d Deps) startReason(t *engine.Turn, id int64) {
	_, o, _, ok := d.loadOffer(t, id)
	if !ok {
		return
	}
	if o.Status != domain.OfferOpen {
		d.lost(t, &domain.OfferClosed{OfferID: o.ID, Status: o.Status})
		return
	}
	t.StartFlow(flowReason, map[string]string{dataOffer: strconv.FormatInt(o.ID, 10)}, true)
}

// reasonFlow is the one question of a reason of one's own.
func (d Deps) reasonFlow() *engine.Flow {
	return &engine.Flow{
		Name: flowReason, Title: keyReasonTitle,
		Steps: []engine.Step{engine.RuleStep("note", keyFieldReason, keyReasonOtherPrompt, ruleNote)},
		Finish: func(t *engine.Turn) {
			id, _ := strconv.ParseInt(t.Get(dataOffer), 10, 64)
			d.decline(t, id, domain.DeclineOther, t.Get("note"))
		},
	}
}
