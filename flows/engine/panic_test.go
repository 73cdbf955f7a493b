package engine_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// A panic in a feature goes on to the transport (which logs it and
// apologises), and leaves the session as it was before the update, also
// what the feature changed before it panicked.
func TestPanicLeavesTheSessionAsItWas(t *testing.T) {
	h := flowstest.New(t, func(r *engine.Registry) {
		r.Command(engine.Command{Name: "kaputt", Desc: "cmd.help", Order: 999, Run: func(t *engine.Turn) {
			t.SetFlag("half-done")
			t.StartFlow("language", map[string]string{"x": "y"}, false)
			panic("a bug in a feature")
		}})
	})
	p := flowstest.Person{ID: 7101, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	sess := h.Session(p)
	before := sess.Clone()
	u := h.Update(p, engine.KindCommand)
	u.Command = "kaputt"
	func() {
		defer func() {
			if r := recover(); r != "a bug in a feature" {
				t.Errorf("recovered %v, want the feature's panic", r)
			}
		}()
		_, _ = h.Engine.Handle(context.Background(), u, &sess)
		t.Error("Handle returned instead of panicking")
	}()
	if !reflect.DeepEqual(sess, before) {
		t.Errorf("after the panic the session is %+v, want it as before: %+v", sess, before)
	}
}
