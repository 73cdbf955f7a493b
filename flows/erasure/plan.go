package erasure

import (
	"slices"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// prompt explains, from the user's records as they are now, what is
// erased, what happens to what they hold and what is kept until when.
func (d Deps) prompt(t *engine.Turn) string {
	a, ok := t.Actor()
	if !ok {
		return t.T(keyUnregistered, nil)
	}
	p, err := d.Erasure.ErasurePlan(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return ""
	}
	parts := []string{t.T(keyPrompt, nil)}
	add := func(key string, data map[string]any) { parts = append(parts, t.T(key, data)) }
	if len(p.Requests) > 0 {
		text := t.T(keyRequests, map[string]any{"Count": len(p.Requests), "Refs": strings.Join(p.Requests, ", ")})
		if len(p.OpenRequests) > 0 {
			text += " " + t.T(keyOpen, map[string]any{"Refs": strings.Join(p.OpenRequests, ", ")})
		}
		parts = append(parts, text)
	}
	if len(p.Offers) > 0 {
		refs := make([]string, len(p.Offers))
		for i, o := range p.Offers {
			refs[i] = o.Ref
		}
		add(keyOffers, map[string]any{"Refs": strings.Join(refs, ", ")})
	}
	released, scheduled := seatRefs(p.Seats)
	if len(released) > 0 {
		add(keySeats, map[string]any{"Refs": strings.Join(released, ", ")})
	}
	if len(scheduled) > 0 {
		add(keyScheduled, map[string]any{"Refs": strings.Join(scheduled, ", ")})
	}
	for _, an := range p.Answers {
		add(keyAnswer, map[string]any{"Org": an.Organisation, "Title": an.Title})
	}
	if len(p.Events) > 0 {
		titles := make([]string, len(p.Events))
		for i, e := range p.Events {
			titles[i] = "„" + e.Title + "“"
		}
		add(keyEvents, map[string]any{"Titles": strings.Join(titles, ", ")})
	}
	if len(p.Unconfirmed) > 0 {
		add(keyUnconfirmed, map[string]any{"Refs": strings.Join(p.Unconfirmed, ", ")})
	}
	if len(p.Billing) > 0 {
		add(keyBilling, map[string]any{"Refs": strings.Join(billingRefs(p.Billing), ", "),
			"Until": t.FormatDate(lastLocked(p.Billing))})
	}
	parts = append(parts, t.T(keyFinal, nil))
	return strings.Join(parts, "\n\n")
}

// releasable reports whether a seat on a request in status s is given
// back (as the office's WithdrawSeat does); a scheduled one keeps its
// appointment for the office to take over.
func releasable(s domain.Status) bool {
	return s == domain.StatusMatching || s == domain.StatusAssigned
}

// seatRefs splits the references of seats into those given back and
// those scheduled.
func seatRefs(seats []domain.ErasureSeat) (released, scheduled []string) {
	for _, s := range seats {
		if releasable(s.Status) {
			released = append(released, s.Ref)
		} else {
			scheduled = append(scheduled, s.Ref)
		}
	}
	return released, scheduled
}

// billingRefs is the references of the reports, each once.
func billingRefs(list []domain.ErasureReport) []string {
	var refs []string
	for _, r := range list {
		if !slices.Contains(refs, r.Ref) {
			refs = append(refs, r.Ref)
		}
	}
	return refs
}

// lastLocked is the latest day the billing records stay locked.
func lastLocked(list []domain.ErasureReport) time.Time {
	var last time.Time
	for _, r := range list {
		if r.LockedUntil.After(last) {
			last = r.LockedUntil
		}
	}
	return last
}
