package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The multi-select is tested through the test feature's flow (/multitest,
// feature_test.go): 1-3 languages of four, more typed, then any number of
// three topics, nothing typed.

// answerValues returns the values of p's multi-select answer key, as the
// flow reads them.
func answerValues(h *flowstest.H, p flowstest.Person, key string) []string {
	h.T.Helper()
	return engine.Values(h.Session(p).Data[key])
}

func TestMultiSelectTogglesInPlace(t *testing.T) {
	for _, c := range []struct{ lang, onAr, done1, none string }{
		{"de", "✓ Arabisch", "✅ Fertig (1)", "keine"},
		{"en", "✓ Arabic", "✅ Done (1)", "none"},
	} {
		lang := c.lang
		t.Run(lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 9101, LangHint: lang}
			label := func(v string) string { return h.Plain(lang, "etest.lang_"+v, nil) }
			on := func(v string) string { return h.Plain(lang, "multi.on", map[string]any{"Label": label(v)}) }
			done := func(n int) string { return h.Plain(lang, "btn.done", map[string]any{"N": n}) }
			none := h.Plain(lang, "multi.none", nil)
			if on("ar") != c.onAr || done(1) != c.done1 || none != c.none {
				t.Errorf("labels %q, %q, %q; want %q, %q, %q", on("ar"), done(1), none, c.onAr, c.done1, c.none)
			}

			h.Send(p, "/multitest")
			prompt := h.Expect(p, h.Tr(lang, "etest.langs_prompt", nil))
			h.ExpectButtons(p, label("ar"), label("fa"), label("tr"), label("uk"), done(0))
			if len(prompt.Buttons) != 3 || len(prompt.Buttons[0]) != 2 {
				t.Errorf("options not two in a row: %v", h.Buttons(p))
			}

			if toast := h.Press(p, label("ar")); toast != "" {
				t.Errorf("toggle toast %q", toast)
			}
			m := h.Last(p)
			if m.ID != prompt.ID || m.Edits != 1 || m.Text != prompt.Text || len(h.Msgr.Messages(p.ID)) != 1 {
				t.Fatalf("toggle not in place: message %d (prompt %d), %d edits", m.ID, prompt.ID, m.Edits)
			}
			h.ExpectButtons(p, on("ar"), label("fa"), done(1))
			h.ExpectStep(p, "langs", map[string]string{"langs~": "ar"}) // a selection, no answer yet
			h.Press(p, label("fa"))
			h.ExpectButtons(p, on("ar"), on("fa"), done(2))
			h.Press(p, on("ar"))
			h.ExpectButtons(p, label("ar"), on("fa"), done(1))

			h.Press(p, done(1))
			msgs := h.Msgr.Messages(p.ID)
			if len(msgs) != 2 || msgs[0].Buttons != nil || msgs[0].Text != prompt.Text+"\n\n➜ <i>"+label("fa")+"</i>" {
				t.Fatalf("the answer is not shown in place of the buttons: %+v", msgs[0])
			}
			h.ExpectStep(p, "topics", map[string]string{"langs": "fa"})
			if got := answerValues(h, p, "langs"); !slices.Equal(got, []string{"fa"}) {
				t.Errorf("Values = %q", got)
			}

			h.Expect(p, h.Tr(lang, "etest.topics_prompt", nil))
			if len(h.Last(p).Buttons[0]) != 3 {
				t.Errorf("topics not three in a row: %v", h.Buttons(p))
			}
			h.Press(p, done(0)) // none is an answer here
			h.Expect(p, "<b>"+h.Plain(lang, "etest.field_langs", nil)+":</b> "+label("fa"),
				"<b>"+h.Plain(lang, "etest.field_topics", nil)+":</b> "+none)
			h.ExpectStep(p, "summary", map[string]string{"langs": "fa", "topics": "-"})
			if got := answerValues(h, p, "topics"); got != nil {
				t.Errorf("Values of none = %q", got)
			}
			h.Press(p, h.Plain(lang, "btn.confirm", nil))
			h.Expect(p, "multi fa / ")
		})
	}
}

func TestMultiSelectMinMaxAndTyped(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9102}
	prompt := h.Tr("de", "etest.langs_prompt", nil)
	h.Send(p, "/multitest")

	id, data := h.Find(p, "✅ Fertig (0)")
	if toast := h.PressUnchanged(p, id, data); toast != "Bitte wählen Sie mindestens 1 aus." {
		t.Errorf("done below Min: toast %q", toast)
	}
	h.Press(p, "Arabisch")
	h.Press(p, "Persisch")
	h.Press(p, "Türkisch")
	id, data = h.Find(p, "Ukrainisch")
	if toast := h.PressUnchanged(p, id, data); toast != "Mehr geht nicht – wählen Sie erst etwas ab." {
		t.Errorf("a fourth option: toast %q", toast)
	}
	h.SendRefused(p, "Dari", h.Tr("de", "multi.too_many", map[string]any{"Max": 3}))

	h.Press(p, "✓ Türkisch")
	for _, bad := range []struct{ text, key string }{{"12345", "invalid.no_letters"}, {"<b>Dari</b>", "invalid.markup"}, {"Dari,", "invalid.empty"}} {
		h.SendRefused(p, bad.text, h.Tr("de", bad.key, nil))
		h.ExpectStep(p, "langs", map[string]string{"langs~": "ar,fa"})
	}
	h.Send(p, " Dari  &  Paschtu ")
	h.Expect(p, h.Tr("de", "multi.added", nil), prompt, "Dazu von Ihnen: Dari &amp; Paschtu")
	h.ExpectButtons(p, "✓ Arabisch", "✓ Persisch", "Türkisch", "✅ Fertig (3)")
	h.SendRefused(p, "Arabisch, Dari & Paschtu", h.Tr("de", "multi.too_many", map[string]any{"Max": 3})) // a typed value once only; a typed label stays text
	h.Press(p, "✓ Persisch")
	h.Send(p, "Arabisch")
	h.Expect(p, "Dazu von Ihnen: Dari &amp; Paschtu, Arabisch")
	h.Press(p, "✅ Fertig (3)")
	h.Expect(p, h.Tr("de", "etest.topics_prompt", nil))
	if got := answerValues(h, p, "langs"); !slices.Equal(got, []string{"ar", "Dari & Paschtu", "Arabisch"}) {
		t.Errorf("Values = %q", got)
	}
	h.SendRefused(p, "Klima", h.Tr("de", "flow.use_buttons", nil)) // the topics take no typed text
	h.Press(p, "Klima")
	h.Press(p, "Gesundheit")
	h.Press(p, "✅ Fertig (2)")
	h.Expect(p, "<b>Sprachen:</b> Arabisch, Dari &amp; Paschtu, Arabisch", "<b>Themen:</b> Klima, Gesundheit")
	h.Press(p, "✅ Bestätigen")
	h.Expect(p, "multi ar+Dari &amp; Paschtu+Arabisch / climate+health")
}

func TestMultiSelectStaleAndForgedPresses(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9103}
	h.Send(p, "/multitest")
	first := h.Last(p)
	h.Press(p, "Arabisch")
	prompt := h.Last(p)
	nonce := h.Nonce(p)
	forged := []struct{ name, data string }{
		{"option not offered", nonce + ":t:xx"},
		{"option of the other step", nonce + ":t:climate"},
		{"empty option", nonce + ":t:"},
		{"option missing", nonce + ":t"},
		{"done with another count", nonce + ":d:2"},
		{"done with no count", nonce + ":d"},
		{"done with garbage", nonce + ":d:x"},
		{"a choice instead of a toggle", nonce + ":c:fa"},
		{"calendar action", nonce + ":cal:202612"},
	}
	for _, f := range forged {
		t.Run(f.name, func(t *testing.T) { h.PressStale(p, prompt.ID, f.data) })
	}
	t.Run("the drawing before the toggle", func(t *testing.T) {
		// The same message, but its buttons now carry a new nonce.
		h.PressStale(p, first.ID, first.Buttons[0][1].Data)
		h.PressStale(p, first.ID, first.Buttons[2][0].Data)
	})
	h.Press(p, "✅ Fertig (1)")
	t.Run("a toggle of the answered step", func(t *testing.T) {
		h.PressStale(p, prompt.ID, prompt.Buttons[0][1].Data)
	})
	h.ExpectStep(p, "topics", map[string]string{"langs": "ar"})
}

func TestMultiSelectEditFromSummaryKeepsTheSelection(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9104}
	h.Send(p, "/multitest")
	h.Press(p, "Arabisch")
	h.Send(p, "Tigrinya")
	h.Press(p, "✅ Fertig (2)")
	h.Press(p, "Klima")
	h.Press(p, "Wasser")
	h.Press(p, "✅ Fertig (2)")
	h.Expect(p, "<b>Sprachen:</b> Arabisch, Tigrinya", "<b>Themen:</b> Klima, Wasser")

	h.Change(p, "de", "Sprachen")
	h.Expect(p, h.Tr("de", "etest.langs_prompt", nil), "Dazu von Ihnen: Tigrinya", "Bisher: Arabisch, Tigrinya",
		h.Tr("de", "flow.next_summary", nil))
	h.ExpectButtons(p, "✓ Arabisch", "Persisch", "✅ Fertig (2)", "« Zurück")
	h.Press(p, "Persisch")
	h.Press(p, "✅ Fertig (3)")
	h.Expect(p, "<b>Sprachen:</b> Arabisch, Tigrinya, Persisch", "<b>Themen:</b> Klima, Wasser")

	// Back from an edit drops the toggles not taken with done.
	h.Change(p, "de", "Themen")
	h.ExpectButtons(p, "✓ Klima", "✓ Wasser", "Gesundheit", "✅ Fertig (2)")
	h.Press(p, "✓ Wasser")
	h.Press(p, "« Zurück")
	h.Expect(p, "<b>Themen:</b> Klima, Wasser")
	h.Change(p, "de", "Themen")
	h.ExpectButtons(p, "✓ Klima", "✓ Wasser", "Gesundheit", "✅ Fertig (2)")
	h.Press(p, "✅ Fertig (2)")
	m := h.Expect(p, "<b>Sprachen:</b> Arabisch, Tigrinya, Persisch", "<b>Themen:</b> Klima, Wasser")
	if strings.Count(m.Text, "Themen") != 1 {
		t.Errorf("summary:\n%s", m.Text)
	}
	h.ExpectStep(p, "summary", map[string]string{"langs": "ar,Tigrinya,fa", "topics": "climate,water"})
	h.Press(p, "✅ Bestätigen")
	h.Expect(p, "multi ar+Tigrinya+fa / climate+water")
}

func TestValues(t *testing.T) {
	cases := map[string][]string{"": nil, "-": nil, "ar": {"ar"}, "ar,Dari & Paschtu": {"ar", "Dari & Paschtu"}}
	for answer, want := range cases {
		if got := engine.Values(answer); !slices.Equal(got, want) {
			t.Errorf("Values(%q) = %q, want %q", answer, got, want)
		}
	}
}
