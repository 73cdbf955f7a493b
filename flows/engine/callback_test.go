package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestCallbackData(t *testing.T) {
	cases := []struct {
		name  string
		parts []string
		want  string
		ok    bool
	}{
		{"nonce action arg", []string{"1a2b", "c", "de"}, "1a2b:c:de", true},
		{"one part", []string{"x"}, "x", true},
		{"64 bytes", []string{strings.Repeat("a", 62), "b"}, strings.Repeat("a", 62) + ":b", true},
		{"65 bytes", []string{strings.Repeat("a", 63), "b"}, "", false},
		{"multi-byte over 64 bytes", []string{strings.Repeat("ä", 33)}, "", false},
		{"no parts", nil, "", false},
		{"empty", []string{""}, "", false},
		{"separator in a part", []string{"a:b"}, "", false},
		{"invalid utf-8", []string{"a\xff"}, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := engine.CallbackData(c.parts...)
			if (err == nil) != c.ok || got != c.want {
				t.Fatalf("CallbackData(%q) = %q, %v; want %q, ok %v", c.parts, got, err, c.want, c.ok)
			}
			if !c.ok {
				return
			}
			parts, ok := engine.ParseCallback(got)
			if !ok || !slices.Equal(parts, c.parts) {
				t.Errorf("ParseCallback(%q) = %q, %v", got, parts, ok)
			}
		})
	}
}

func TestParseCallbackRejects(t *testing.T) {
	for _, data := range []string{"", strings.Repeat("a", 65), "a\xffb"} {
		if parts, ok := engine.ParseCallback(data); ok {
			t.Errorf("ParseCallback(%q) = %q, true", data, parts)
		}
	}
}

func TestEscape(t *testing.T) {
	cases := map[string]string{
		"":                    "",
		"Anna":                "Anna",
		`<b>x</b>`:            "&lt;b&gt;x&lt;/b&gt;",
		`Kunst & "Kultur"`:    "Kunst &amp; &quot;Kultur&quot;",
		"&amp;":               "&amp;amp;",
		"محمد <script>":       "محمد &lt;script&gt;",
		"Zoë's \u202e mirror": "Zoë's \u202e mirror",
	}
	for in, want := range cases {
		if got := engine.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if _, err := flowstest.CheckHTML(engine.Escape(in)); err != nil {
			t.Errorf("Escape(%q) is no valid HTML: %v", in, err)
		}
	}
}
