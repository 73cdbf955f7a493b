package engine_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// flowBack is a test flow of two questions started with data to keep,
// whose Cancel notes what it still had and ends the flow itself.
const flowBack = "etest_back"

// registerBackFlow adds /backtest and flowBack.
func registerBackFlow(r *engine.Registry) {
	r.Command(engine.Command{Name: "backtest", Desc: "etest.cmd_back", Order: 99, Run: func(t *engine.Turn) {
		if !t.Busy() {
			t.StartFlow(flowBack, map[string]string{"kept": "chosen before"}, false)
		}
	}})
	ok := func(s string) (string, string) { return s, "" }
	r.Flow(&engine.Flow{Name: flowBack, Steps: []engine.Step{
		engine.TextStep("first", "etest.back_first", "etest.back_first", nil, ok),
		engine.TextStep("second", "etest.back_second", "etest.back_second", nil, ok),
	}, Finish: finish("back finished"), Cancel: func(t *engine.Turn) {
		kept, first := t.Get("kept"), t.Get("first")
		t.EndFlow()
		t.NoteText("back to " + kept + " / " + first)
	}})
}

// /cancel in a flow with its own Cancel runs it with the answers still
// there, instead of the engine's "cancelled" and the menu.
func TestFlowWithItsOwnCancel(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 2101}
	h.Register(p, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Amira Haddad"})
	h.Send(p, "/backtest")
	h.Expect(p, h.Tr("de", "etest.back_first", nil))
	h.Send(p, "Antwort")
	h.Expect(p, h.Tr("de", "etest.back_second", nil))
	h.Send(p, "/cancel")
	m := h.Expect(p, "back to chosen before / Antwort")
	if m.Text != "back to chosen before / Antwort" {
		t.Errorf("/cancel said %q, not only the flow's own sentence", m.Text)
	}
	if s := h.Session(p); s.Flow != "" {
		t.Errorf("the flow %q goes on", s.Flow)
	}
}
