package sandbox

import (
	"encoding/json"
	"testing"
)

// TestRichText parses Telegram HTML into the allowed element tree.
func TestRichText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // JSON of the nodes
	}{
		{"plain", "Hallo", `[{"text":"Hallo"}]`},
		{"entities decoded", "a &lt;b&gt; &amp; &quot;c&quot; &#228;", `[{"text":"a \u003cb\u003e \u0026 \"c\" ä"}]`},
		{"bold and aliases", "<b>x</b><strong>y</strong><em>z</em><ins>u</ins><del>d</del>",
			`[{"tag":"b","kids":[{"text":"x"}]},{"tag":"b","kids":[{"text":"y"}]},{"tag":"i","kids":[{"text":"z"}]},` +
				`{"tag":"u","kids":[{"text":"u"}]},{"tag":"s","kids":[{"text":"d"}]}]`},
		{"nested", "<b>fett <i>kursiv</i></b>!",
			`[{"tag":"b","kids":[{"text":"fett "},{"tag":"i","kids":[{"text":"kursiv"}]}]},{"text":"!"}]`},
		{"safe link", `<a href="https://skew.de/x?a=1&amp;b=2">SKEW</a>`,
			`[{"tag":"a","href":"https://skew.de/x?a=1\u0026b=2","kids":[{"text":"SKEW"}]}]`},
		{"javascript link dropped", `<a href="javascript:alert(1)">x</a>`, `[{"tag":"a","kids":[{"text":"x"}]}]`},
		{"tg link dropped", `<a href="tg://user?id=1">x</a>`, `[{"tag":"a","kids":[{"text":"x"}]}]`},
		{"spoilers", `<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>`,
			`[{"tag":"spoiler","kids":[{"text":"a"}]},{"tag":"spoiler","kids":[{"text":"b"}]}]`},
		{"span without spoiler class is text", `<span class="x">b</span>`, `[{"text":"\u003cspan class=\"x\"\u003eb"}]`},
		{"unknown tag is text", `<img src=x onerror=alert(1)>hi`, `[{"text":"\u003cimg src=x onerror=alert(1)\u003ehi"}]`},
		{"script is text", `<script>alert(1)</script>`, `[{"text":"\u003cscript\u003ealert(1)\u003c/script\u003e"}]`},
		{"pre with code", "<pre><code class=\"language-go\">x := 1\n</code></pre>",
			`[{"tag":"pre","kids":[{"tag":"code","kids":[{"text":"x := 1\n"}]}]}]`},
		{"blockquote expandable", `<blockquote expandable>q</blockquote>`, `[{"tag":"blockquote","kids":[{"text":"q"}]}]`},
		{"tg-emoji shows fallback", `<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> ok`, `[{"text":"👍 ok"}]`},
		{"unclosed closed at end", `<b>x`, `[{"tag":"b","kids":[{"text":"x"}]}]`},
		{"stray end tag dropped", `x</b>y`, `[{"text":"xy"}]`},
		{"lone angle bracket", `a < b`, `[{"text":"a \u003c b"}]`},
		{"empty", ``, `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(richText(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("richText(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}
