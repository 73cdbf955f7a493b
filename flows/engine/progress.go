package engine

import (
	"slices"
	"strings"
)

// Progress: each question of a flow says where the user stands, "Schritt 3
// von 12", counting the steps that are asked. A step counts when it
// applies (not skipped) and its answer did not come with the flow's start
// (from the profile: given, not asked, but listed in the summary and
// editable there). The count is taken afresh for every question, since an
// answer can change which steps apply.

// givenKey is where the session keeps the steps that the flow's start
// answered, joined by ",". No step has this name.
const givenKey = "~given"

// noteGiven records the steps that the answers a flow starts with answer.
func (t *Turn) noteGiven() {
	var names []string
	for _, st := range t.flow().Steps {
		if t.Get(st.Name) != "" {
			names = append(names, st.Name)
		}
	}
	if len(names) > 0 {
		t.Set(givenKey, strings.Join(names, ","))
	}
}

// progress returns the place of cur among the steps that count, and their
// number; n is 0 when cur does not count (a given step edited from the
// summary).
func (t *Turn) progress(cur *Step) (n, total int) {
	given := strings.Split(t.Get(givenKey), ",")
	for i := range t.flow().Steps {
		st := &t.flow().Steps[i]
		if !t.active(st) || slices.Contains(given, st.Name) {
			continue
		}
		total++
		if st.Name == cur.Name {
			n = total
		}
	}
	return n, total
}

// progressLine is "Schritt 3 von 12" with next (what comes after cur, may
// be "") on one line; next alone when cur does not count or the flow asks
// one question only.
func (t *Turn) progressLine(cur *Step, next string) string {
	n, total := t.progress(cur)
	if n == 0 || total < 2 {
		return next
	}
	return t.T(keyFlowProgress, map[string]any{"N": n, "Total": total, "Next": HTML(next)})
}

// intro is the flow's introduction above its first counted question while
// that is unanswered; "" for other questions, for a flow without one, and
// when the question is asked again (Reprompt: a value typed into a
// multi-select): the user has read it above the question already.
func (t *Turn) intro(cur *Step) string {
	if f := t.flow(); f.Intro != "" && t.Get(cur.Name) == "" && !t.again {
		if n, _ := t.progress(cur); n == 1 {
			return t.T(f.Intro, nil)
		}
	}
	return ""
}
