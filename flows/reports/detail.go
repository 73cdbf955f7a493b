package reports

import (
	"errors"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// DetailLines are the lines a request's detail shows a under its status
// (the request feature calls it, wired in flows.go): where each advisor's
// report stands, and the rating for those who may see it (the advisors
// and the office). Nothing before a report can be written. It reports
// false after recording a store error.
func (d Deps) DetailLines(t *engine.Turn, a domain.Actor, r domain.Request) ([]string, bool) {
	if !slices.Contains(domain.ReportingStatuses, r.Status) && r.Status != domain.StatusClosed {
		return nil, true
	}
	_, seats, err := d.Offers.OffersOf(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	reports, err := d.Reports.ReportsOf(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	var parts []string
	for _, s := range seats {
		if s.AdvisorID == 0 {
			continue
		}
		state := t.Plain(keyStateNone, nil)
		if rep, ok := newest(reports, s.AdvisorID); ok {
			state = t.Plain(stateKeys[rep.Status], nil) + " " + hoursText(t.Texts(), t.Lang(), rep.Minutes())
		}
		parts = append(parts, s.Advisor+": "+state)
	}
	var lines []string
	if len(parts) > 0 {
		lines = append(lines, t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(keyFieldReports, nil),
			"Value": strings.Join(parts, "; ")}))
	}
	if !domain.CanSeeRating(a, seats) {
		return lines, true
	}
	g, err := d.Reports.RatingOf(t.Ctx(), r.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
	case err != nil:
		t.Fail(err)
		return nil, false
	default:
		value := stars(g.Stars)
		if g.Comment != "" {
			value += " – " + g.Comment
		}
		lines = append(lines, t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(keyFieldRating, nil), "Value": value}))
	}
	return lines, true
}

// stars shows n of domain.MaxStars stars.
func stars(n int) string {
	return strings.Repeat("★", n) + strings.Repeat("☆", domain.MaxStars-n)
}
