package engine_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// A feature only these tests have, registered like any other: a flow per
// widget (the date step, the date-time step, the multi-select), a paged
// list, a command for each, and their texts in testdata/locales. Each flow
// ends with a note of its answers as stored, so a test sees what the flow
// got.

// Names of the test feature.
const (
	flowDates   = "etest_dates"
	flowMulti   = "etest_multi"
	flowWhen    = "etest_when"
	screenList  = "etestlist"
	screenItem  = "etestitem"
	listSize    = 25
	shortSize   = 5
	dataEarly   = "earliest"
	dataLate    = "latest"
	dataLangs   = "langs"
	dataTopics  = "topics"
	dataWhen    = "when"
	listPerPage = 10
)

// newH returns a harness with every feature and the test feature.
func newH(t *testing.T) *flowstest.H {
	t.Helper()
	return flowstest.New(t, testFeature)
}

// testFeature registers the test feature.
func testFeature(r *engine.Registry) {
	r.Texts(os.DirFS("testdata"))
	r.Command(engine.Command{Name: "datetest", Desc: "etest.cmd_dates", Order: 100, Run: starter(flowDates)})
	r.Command(engine.Command{Name: "multitest", Desc: "etest.cmd_multi", Order: 101, Run: starter(flowMulti)})
	r.Command(engine.Command{Name: "whentest", Desc: "etest.cmd_when", Order: 102, Run: starter(flowWhen)})
	r.Command(engine.Command{Name: "listtest", Desc: "etest.cmd_list", Order: 103, Run: func(t *engine.Turn) {
		n := listSize
		if t.Update().Args == "short" {
			n = shortSize
		}
		t.Show(listPage(t, n, 0))
	}})
	r.Flow(datesFlow())
	r.Flow(multiFlow())
	r.Flow(whenFlow())
	registerBackFlow(r)
	r.Screen(screenList, func(t *engine.Turn, param string) { t.Replace(listPage(t, listSize, engine.ParsePage(param))) })
	r.Screen(screenItem, func(t *engine.Turn, param string) {
		t.Replace(engine.Screen{Text: t.T("etest.item", map[string]any{"N": param}), Rows: [][]engine.Button{t.BackToMenu()}})
	})
}

// starter starts flow name, unless another one runs.
func starter(name string) func(t *engine.Turn) {
	return func(t *engine.Turn) {
		if !t.Busy() {
			t.StartFlow(name, nil, false)
		}
	}
}

func summary(t *engine.Turn, lines string) string {
	return t.T("etest.summary", map[string]any{"Lines": engine.HTML(lines)})
}

// finish ends the flow with the note "<what> <answer> <answer>...".
func finish(what string, keys ...string) func(t *engine.Turn) {
	return func(t *engine.Turn) {
		parts := []string{what}
		for _, k := range keys {
			parts = append(parts, t.Get(k))
		}
		t.EndFlow()
		t.NoteText(engine.Escape(strings.Join(parts, " ")))
	}
}

// datesFlow asks for the earliest and the latest date, as a request's
// timeframe does: the latest may not precede the earliest, and an edited
// earliest date past the latest drops the latest with a note.
func datesFlow() *engine.Flow {
	early := engine.DateStep(engine.DateSpec{Name: dataEarly, Label: "etest.field_earliest", PromptKey: "etest.earliest_prompt"})
	check := early.Handle
	early.Handle = func(t *engine.Turn, in engine.Input) string {
		if problem := check(t, in); problem != "" {
			return problem
		}
		if l := t.Get(dataLate); l != "" && l < t.Get(dataEarly) { // ISO dates compare as strings
			t.Del(dataLate)
			t.Note("etest.latest_cleared", nil)
		}
		return ""
	}
	late := engine.DateStep(engine.DateSpec{
		Name: dataLate, Label: "etest.field_latest", PromptKey: "etest.latest_prompt",
		Data: func(t *engine.Turn) map[string]any {
			if d, ok := engine.ParseISO(t.Get(dataEarly)); ok {
				return map[string]any{"Earliest": t.FormatDate(d)}
			}
			return nil
		},
		After: dataEarly, AfterKey: "etest.latest_before_earliest",
	})
	return &engine.Flow{Name: flowDates, Steps: []engine.Step{early, late}, Summary: summary,
		Finish: finish("dates", dataEarly, dataLate)}
}

// multiFlow asks for 1-3 languages (four options, more typed) and any
// number of topics (three options in a row, nothing typed).
func multiFlow() *engine.Flow {
	langs := engine.MultiSelectStep(engine.MultiSelectSpec{
		Name: dataLangs, Label: "etest.field_langs", PromptKey: "etest.langs_prompt",
		Options: options("etest.lang_", "ar", "fa", "tr", "uk"), Min: 1, Max: 3,
		Typed: func(_ *engine.Turn, text string) ([]string, string) {
			var out []string
			for _, s := range strings.Split(text, ",") {
				v, problem := engine.CleanText(s)
				if problem != "" {
					return nil, problem
				}
				out = append(out, v)
			}
			return out, ""
		},
	})
	topics := engine.MultiSelectStep(engine.MultiSelectSpec{
		Name: dataTopics, Label: "etest.field_topics", PromptKey: "etest.topics_prompt",
		Options: options("etest.topic_", "climate", "water", "health"), PerRow: 3,
	})
	return &engine.Flow{Name: flowMulti, Steps: []engine.Step{langs, topics}, Summary: summary,
		Finish: func(t *engine.Turn) {
			langs, topics := engine.Values(t.Get(dataLangs)), engine.Values(t.Get(dataTopics))
			finish("multi " + strings.Join(langs, "+") + " / " + strings.Join(topics, "+"))(t)
		}}
}

// options returns a choice per value, labelled by the text prefix+value.
func options(prefix string, values ...string) func(t *engine.Turn) []engine.Choice {
	return func(t *engine.Turn) []engine.Choice {
		out := make([]engine.Choice, 0, len(values))
		for _, v := range values {
			out = append(out, engine.Choice{Label: t.Plain(prefix+v, nil), Value: v})
		}
		return out
	}
}

// whenFlow asks for a day and a time.
func whenFlow() *engine.Flow {
	when := engine.DateTimeStep(engine.DateTimeSpec{Name: dataWhen, Label: "etest.field_when", PromptKey: "etest.when_prompt"})
	return &engine.Flow{Name: flowWhen, Steps: []engine.Step{when}, Summary: summary, Finish: finish("when", dataWhen)}
}

// listPage is page index of a list of n entries, each a button to its
// detail, with the row that moves between the pages.
func listPage(t *engine.Turn, n, index int) engine.Screen {
	p := engine.PageOf(n, listPerPage, index)
	var rows [][]engine.Button
	for i := p.From; i < p.To; i++ {
		label := t.Plain("etest.item", map[string]any{"N": i + 1})
		rows = append(rows, []engine.Button{engine.ScreenButton(label, screenItem, strconv.Itoa(i+1))})
	}
	if row := t.PageRow(p, screenList); row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, t.BackToMenu())
	return engine.Screen{Text: t.T("etest.list_title", map[string]any{"Count": n}), Rows: rows}
}
