package offers

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// DetailLines are the lines a request's detail shows a under its status
// (the request feature calls it, wired in flows.go): who holds its seats,
// and for the office each offer and how it stands. Nothing before the
// request is offered. It reports false after recording a store error.
func (d Deps) DetailLines(t *engine.Turn, a domain.Actor, r domain.Request) ([]string, bool) {
	offers, seats, err := d.Offers.OffersOf(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	var holders []string
	for _, s := range seats {
		if s.AdvisorID != 0 {
			holders = append(holders, s.Advisor)
		}
	}
	var lines []string
	if len(holders) > 0 {
		lines = append(lines, t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(keyFieldAdvisors, nil),
			"Value": strings.Join(holders, ", ")}))
	}
	if !domain.MayReview(a) || len(offers) == 0 {
		return lines, true
	}
	var parts []string
	for _, o := range offers {
		data := map[string]any{"Name": o.Advisor.Name, "Deadline": t.DateTime(o.Deadline)}
		if o.Status == domain.OfferDeclined {
			data["Reason"] = t.Plain(reasonKeys[o.Reason], nil)
		}
		parts = append(parts, t.Plain(offerStateKeys[o.Status], data))
	}
	lines = append(lines, t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(keyFieldOffers, nil),
		"Value": strings.Join(parts, "; ")}))
	return lines, true
}

// offerStateKeys say how an offer stands, for the office.
var offerStateKeys = map[domain.OfferStatus]string{
	domain.OfferQueued: keyStateQueued, domain.OfferOpen: keyStateOpen, domain.OfferAccepted: keyStateAccepted,
	domain.OfferDeclined: keyStateDeclined, domain.OfferExpired: keyStateExpired, domain.OfferTaken: keyStateTaken,
	domain.OfferWithdrawn: keyStateWithdrawn,
}

// reasonKeys name the decline reasons (the buttons' labels).
var reasonKeys = map[domain.DeclineReason]string{
	domain.DeclineNoTime: keyBtnNoTime, domain.DeclineTopic: keyBtnTopic, domain.DeclineDistance: keyBtnDistance,
	domain.DeclineOther: keyReasonOwn,
}
