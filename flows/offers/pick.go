package offers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The pick step shows the shortlist five a page, each advisor with the
// reasons; a tap selects or unselects, ✕ excludes. "Warum fehlt …?"
// switches to the missing advisors: a tap says why one is missing (and
// takes an exclusion back); a typed name finds them too.

// pageSize is how many advisors a page of the shortlist shows.
const pageSize = 5

// whyShown is how many missing advisors the "Warum nicht" view lists as
// buttons; typing a name finds the others.
const whyShown = 8

// Keys of the offer flow's data in the session.
const (
	dataRequest  = "rq"    // the request's id
	dataPick     = "pick"  // the chosen advisors, users.id in rank order: the step's answer
	dataChosen   = "pick~" // the selection being made
	dataExcluded = "ex"    // the coordinator's exclusions
	dataPage     = "pg"    // the page shown
	dataWhy      = "why"   // "1": the missing advisors are shown
	dataAsked    = "wy"    // the missing advisor last asked about (users.id)
	dataExcludes = "xm"    // "1": a tap on a name excludes
	dataOnlyOne  = "one"   // "1": a direct offer, one advisor only
	dataMode     = "mode"  // an OfferMode
	dataWindow   = "win"   // the answer window in hours
	dataNotice   = "note"  // HTML above the shortlist until the first press (the approval)
)

// Actions of the pick step's buttons.
const (
	actToggle  = "o" // select or unselect the advisor (users.id)
	actExclude = "x" // exclude the advisor
	actPage    = "p" // show page n
	actWhyView = "w" // "1": show the missing, "0": the shortlist
	actWhyOne  = "y" // say why the advisor is missing; an exclusion is taken back
	actXMode   = "z" // "1": taps exclude, "0": taps select
	actDone    = "d" // take the selection (its count as the argument)
	actLater   = "q" // leave the shortlist; the request waits
)

// pickStep is the step of choosing the advisors.
func (d Deps) pickStep() engine.Step {
	return engine.Step{
		Name: dataPick, Label: keyFieldAdvisors, InSummary: true,
		Prompt: d.pickPrompt,
		Handle: d.pickTyped,
		Button: d.pickButton,
		Show: func(t *engine.Turn, v string) any {
			s, ok := d.loadShortlist(t, requestID(t), nil)
			if !ok {
				return v
			}
			var names []string
			for _, id := range ids(v) {
				if r, ok := s.rankedByID(id); ok {
					names = append(names, r.Profile.Name)
				}
			}
			return strings.Join(names, ", ")
		},
		Leave: func(t *engine.Turn) { t.Del(dataChosen) },
	}
}

// requestID is the id of the request being offered.
func requestID(t *engine.Turn) int64 {
	id, _ := strconv.ParseInt(t.Get(dataRequest), 10, 64)
	return id
}

// chosen is the selection being made (before done: the answer, when one
// was given).
func chosen(t *engine.Turn) []int64 {
	if v := t.Get(dataChosen); v != "" {
		return ids(v) // "-": none chosen
	}
	return ids(t.Get(dataPick))
}

// pickPrompt draws the shortlist's page, or the missing advisors.
func (d Deps) pickPrompt(t *engine.Turn) engine.Prompt {
	s, ok := d.loadShortlist(t, requestID(t), ids(t.Get(dataExcluded)))
	if !ok {
		return engine.Prompt{Text: t.T(keyShortlistTitle, map[string]any{"Ref": ""})}
	}
	if t.Get(dataWhy) == "1" {
		return whyPrompt(t, s)
	}
	sel := chosen(t)
	excluding := t.Get(dataExcludes) == "1"
	head := []string{t.T(keyShortlistTitle, map[string]any{"Ref": s.req.Ref}), needLine(t, s)}
	if n := t.Get(dataNotice); n != "" {
		head = append([]string{n, ""}, head...)
	}
	page := engine.PageOf(len(s.ranked), pageSize, engine.ParsePage(t.Get(dataPage)))
	var lines []string
	var rows [][]engine.Button
	for i := page.From; i < page.To; i++ {
		r := s.ranked[i]
		lines = append(lines, t.T(keyShortlistLine, map[string]any{"N": i + 1, "Name": r.Profile.Name,
			"Reasons": reasonLine(t, r)}))
		id := strconv.FormatInt(r.ID(), 10)
		if excluding {
			rows = append(rows, []engine.Button{engine.StepButton("✕ "+strconv.Itoa(i+1)+". "+r.Profile.Name, actExclude, id)})
			continue
		}
		mark := "☐"
		if slices.Contains(sel, r.ID()) {
			mark = "☑"
		}
		rows = append(rows, []engine.Button{engine.StepButton(mark+" "+strconv.Itoa(i+1)+". "+r.Profile.Name, actToggle, id)})
	}
	if len(s.ranked) == 0 {
		lines = append(lines, t.T(keyShortlistEmpty, nil))
	}
	if pr := pageRow(t, page); pr != nil {
		rows = append(rows, pr)
	}
	if excluding {
		rows = append(rows, []engine.Button{engine.StepButton(t.Plain(keyBtnExcludeDone, nil), actXMode, "0")})
		hint := t.T(keyExcludeHint, nil)
		return engine.Prompt{Text: strings.Join(head, "\n") + "\n\n" + strings.Join(lines, "\n\n") + "\n\n" + hint, Rows: rows}
	}
	if len(s.ranked) > 0 {
		rows = append(rows, []engine.Button{engine.StepButton(t.Plain(keyBtnExclude, nil), actXMode, "1")})
	}
	if len(s.missing) > 0 {
		rows = append(rows, []engine.Button{engine.StepButton(t.Plain(keyBtnWhy, map[string]any{"N": len(s.missing)}), actWhyView, "1")})
	}
	if len(sel) > 0 {
		rows = append(rows, []engine.Button{engine.StepButton(t.Plain(keyBtnPicked, map[string]any{"N": len(sel)}),
			actDone, strconv.Itoa(len(sel)))})
	}
	rows = append(rows, []engine.Button{engine.StepButton(t.Plain(keyBtnLater, nil), actLater, "")})
	hint := keyShortlistHint
	if t.Get(dataOnlyOne) == "1" {
		hint = keyShortlistHintOne
	}
	text := strings.Join(head, "\n") + "\n\n" + strings.Join(lines, "\n\n") + "\n\n" +
		t.T(hint, map[string]any{"Seats": s.free, "Chosen": len(sel)})
	return engine.Prompt{Text: text, Rows: rows}
}

// needLine says in one line what the request needs.
func needLine(t *engine.Turn, s shortlist) string {
	r := s.req
	parts := []string{t.Texts().RequestTopic(t.Lang(), r), engine.Escape(r.Municipality + ", " + r.State),
		engine.Escape(t.Texts().FormatName(t.Lang(), r.Format))}
	if len(r.Languages) > 0 {
		parts = append(parts, engine.Escape(strings.Join(r.Languages, ", ")))
	}
	if r.Tandem {
		parts = append(parts, t.T(keyShortlistTandem, map[string]any{"Free": s.free}))
	}
	return strings.Join(parts, " · ")
}

// pageRow moves between the pages of the shortlist; nil for one page.
func pageRow(t *engine.Turn, p engine.Page) []engine.Button {
	if p.Count <= 1 {
		return nil
	}
	var row []engine.Button
	if p.Index > 0 {
		row = append(row, engine.StepButton("‹", actPage, strconv.Itoa(p.Index-1)))
	}
	row = append(row, engine.StepButton(t.Plain(keyPageOf, map[string]any{"Page": p.Index + 1, "Count": p.Count}),
		actPage, strconv.Itoa(p.Index)))
	if p.Index < p.Count-1 {
		row = append(row, engine.StepButton("›", actPage, strconv.Itoa(p.Index+1)))
	}
	return row
}

// whyPrompt lists the missing advisors as buttons.
func whyPrompt(t *engine.Turn, s shortlist) engine.Prompt {
	text := t.T(keyWhyTitle, map[string]any{"Ref": s.req.Ref, "N": len(s.missing)})
	if asked := ids(t.Get(dataAsked)); len(asked) == 1 {
		if i := slices.IndexFunc(s.missing, func(m domain.Missing) bool { return m.ID() == asked[0] }); i >= 0 {
			text += "\n\n" + whyText(t, s.req, s.missing[i])
		} else if i := slices.IndexFunc(s.ranked, func(r domain.Ranked) bool { return r.ID() == asked[0] }); i >= 0 {
			text += "\n\n" + t.T(keyIncludedAgain, map[string]any{"Name": s.ranked[i].Profile.Name, "N": i + 1})
		}
	}
	var rows [][]engine.Button
	for i, m := range s.missing {
		if i == whyShown {
			break
		}
		rows = append(rows, []engine.Button{engine.StepButton(m.Profile.Name, actWhyOne, strconv.FormatInt(m.ID(), 10))})
	}
	if len(s.missing) > whyShown {
		text += "\n" + t.T(keyWhyMore, map[string]any{"N": len(s.missing) - whyShown})
	}
	rows = append(rows, []engine.Button{engine.StepButton(t.Plain(keyBtnBackToList, nil), actWhyView, "0")})
	return engine.Prompt{Text: text, Rows: rows}
}
