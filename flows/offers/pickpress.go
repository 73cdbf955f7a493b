package offers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// pickButton handles the pick step's own buttons. Every id pressed is
// checked against the shortlist as it is now: a press from an older
// drawing that no longer fits is stale.
func (d Deps) pickButton(t *engine.Turn, action, arg string) bool {
	t.Del(dataNotice)
	switch action {
	case actPage:
		t.Set(dataPage, arg)
	case actWhyView:
		t.Set(dataWhy, arg)
	case actXMode:
		t.Set(dataExcludes, arg)
	case actToggle, actExclude, actWhyOne:
		if !d.pressOn(t, action, arg) {
			return true
		}
	case actDone:
		sel := chosen(t)
		if arg != strconv.Itoa(len(sel)) || len(sel) == 0 {
			t.StaleButton()
			return true
		}
		asked := t.Get(dataChosen)
		t.Del(dataChosen)
		t.Set(dataPick, asked)
		t.Set(dataPage, "0")
		t.Advance(true)
		return true
	case actLater:
		t.EndFlow()
		t.Replace(engine.Screen{Text: t.T(keyLater, nil), Rows: [][]engine.Button{t.BackToMenu()}})
		return true
	default:
		return false
	}
	t.Redraw()
	return true
}

// pressOn selects, unselects or excludes a shortlisted advisor, or says
// why a missing one is missing (taking an exclusion back). It reports
// false when it answered the press itself (stale, or a store error).
func (d Deps) pressOn(t *engine.Turn, action, arg string) bool {
	id, err := strconv.ParseInt(arg, 10, 64)
	excluded := ids(t.Get(dataExcluded))
	s, ok := d.loadShortlist(t, requestID(t), excluded)
	if !ok {
		return false
	}
	if err != nil {
		t.StaleButton()
		return false
	}
	if action == actWhyOne {
		i := slices.IndexFunc(s.missing, func(m domain.Missing) bool { return m.ID() == id })
		if i < 0 {
			t.StaleButton()
			return false
		}
		t.Set(dataAsked, arg)
		if j := slices.Index(excluded, id); j >= 0 {
			t.Set(dataExcluded, joinIDs(slices.Delete(excluded, j, j+1)))
		}
		return true
	}
	if _, ok := s.rankedByID(id); !ok {
		t.StaleButton()
		return false
	}
	sel := chosen(t)
	i := slices.Index(sel, id)
	switch {
	case action == actExclude:
		if i >= 0 {
			sel = slices.Delete(sel, i, i+1)
		}
		t.Set(dataExcluded, joinIDs(append(excluded, id)))
	case i >= 0:
		sel = slices.Delete(sel, i, i+1)
	case t.Get(dataOnlyOne) == "1":
		sel = []int64{id}
	default:
		sel = append(sel, id)
	}
	t.Set(dataChosen, orNone(joinIDs(inRankOrder(s, sel))))
	return true
}

// inRankOrder sorts sel by the shortlist's order and drops who left it.
func inRankOrder(s shortlist, sel []int64) []int64 {
	var out []int64
	for _, r := range s.ranked {
		if slices.Contains(sel, r.ID()) {
			out = append(out, r.ID())
		}
	}
	return out
}

// orNone is v, or "-" for an empty selection (kept apart from "not begun").
func orNone(v string) string {
	if v == "" {
		return "-"
	}
	return v
}

// pickTyped takes a typed name as "Warum nicht …?" for it: each advisor
// of the pool whose name contains it is named with where they stand.
func (d Deps) pickTyped(t *engine.Turn, in engine.Input) string {
	if in.Pressed {
		return ""
	}
	q := strings.ToLower(strings.TrimSpace(in.Text))
	if len([]rune(q)) < 2 {
		return keyTypeName
	}
	s, ok := d.loadShortlist(t, requestID(t), ids(t.Get(dataExcluded)))
	if !ok {
		return engine.ProblemNoted
	}
	found := 0
	for i, r := range s.ranked {
		if strings.Contains(strings.ToLower(r.Profile.Name), q) && found < whyShown {
			t.Note(keyOnList, map[string]any{"Name": r.Profile.Name, "N": i + 1})
			found++
		}
	}
	for _, m := range s.missing {
		if strings.Contains(strings.ToLower(m.Profile.Name), q) && found < whyShown {
			t.NoteText(whyText(t, s.req, m))
			found++
		}
	}
	if found == 0 {
		t.Note(keyNobodyFound, map[string]any{"Name": strings.TrimSpace(in.Text)})
	}
	return engine.ProblemNoted // the shortlist comes again below
}
