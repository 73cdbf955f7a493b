package engine_test

import (
	"os"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// docFeature is a command that shows a screen and sends a file with it:
// "/doctest" succeeds, "/doctest fail" fails with a store error, and its
// screen's button "Nochmal" is refused.
func docFeature(r *engine.Registry) {
	r.Texts(os.DirFS("testdata"))
	file := domain.Document{Name: "a.csv", Content: []byte("a;b\r\n"), Caption: "<b>Datei</b>"}
	r.Command(engine.Command{Name: "doctest", Desc: "etest.cmd_doc", Order: 104, Run: func(t *engine.Turn) {
		t.SendDocument(file)
		t.Show(engine.Screen{Text: "Hier ist die Datei.", Rows: [][]engine.Button{{engine.ScreenButton("Nochmal", "doctest", "")}}})
		if t.Update().Args == "fail" {
			t.Fail(domain.ErrConflict)
		}
	}})
	r.Screen("doctest", func(t *engine.Turn, _ string) {
		t.SendDocument(file)
		t.Refuse(engine.KeyForbidden)
	})
}

// SendDocument sends the file to the turn's own chat after the turn's
// screen, which stays the prompt; a refused turn and a failed one send no
// file.
func TestSendDocument(t *testing.T) {
	h := flowstest.New(t, docFeature)
	p := flowstest.Person{ID: 4712, FirstName: "Ada", LangHint: "de"}
	h.Send(p, "/doctest")
	msgs := h.Msgr.Messages(p.ID)
	if len(msgs) != 2 || msgs[0].Text != "Hier ist die Datei." || msgs[1].Document == nil {
		t.Fatalf("chat shows %+v, want the screen and then the file", msgs)
	}
	if d := msgs[1].Document; d.Name != "a.csv" || string(d.Content) != "a;b\r\n" || d.Caption != "<b>Datei</b>" {
		t.Fatalf("document %+v", d)
	}
	if s := h.Session(p); s.Prompt != msgs[0].ID {
		t.Fatalf("prompt %d, want the screen %d", s.Prompt, msgs[0].ID)
	}

	h.Press(p, "Nochmal")
	h.ErrorsAllowed(func() { h.Send(p, "/doctest fail") })
	if docs := h.Documents(p); len(docs) != 1 {
		t.Fatalf("%d documents, want only the first", len(docs))
	}
}
