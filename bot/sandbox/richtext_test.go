package sandbox

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRichText parses Telegram HTML into the allowed element tree.
func TestRichText(t *testing.T) {
	t.Parallel()
	tests := []richCase{
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
		{"tg link dropped", `<a href="tg://resolve?domain=x">x</a>`, `[{"tag":"a","kids":[{"text":"x"}]}]`},
		{"mention keeps the user", `<a href="tg://user?id=4503599627370497">Sabine</a>`,
			`[{"tag":"a","user":4503599627370497,"kids":[{"text":"Sabine"}]}]`},
		{"mention without an id", `<a href="tg://user?id=x">x</a>`, `[{"tag":"a","kids":[{"text":"x"}]}]`},
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
	checkRich(t, tests)
}

// TestBotLinks finds the links that open the sandbox's bot with a start
// payload, in text (also in code) and in a elements, directly or through
// Telegram's share link; every other link stays as it was.
func TestBotLinks(t *testing.T) {
	t.Parallel()
	tests := []richCase{
		{"in code", "Link:\n<code>https://t.me/MiGlobeBot?start=Ab_9-x</code>",
			`[{"text":"Link:\n"},{"tag":"code","kids":[{"tag":"a","href":"https://t.me/MiGlobeBot?start=Ab_9-x","start":"Ab_9-x",` +
				`"kids":[{"text":"https://t.me/MiGlobeBot?start=Ab_9-x"}]}]}]`},
		{"in text without scheme, any case", "Öffnen: t.me/miglobebot?start=abc. Danke",
			`[{"text":"Öffnen: "},{"tag":"a","href":"https://t.me/miglobebot?start=abc","start":"abc",` +
				`"kids":[{"text":"t.me/miglobebot?start=abc"}]},{"text":". Danke"}]`},
		{"another bot stays text", "https://t.me/OtherBot?start=abc", `[{"text":"https://t.me/OtherBot?start=abc"}]`},
		{"payload too long stays text", "https://t.me/MiGlobeBot?start=" + strings.Repeat("a", 65),
			`[{"text":"https://t.me/MiGlobeBot?start=` + strings.Repeat("a", 65) + `"}]`},
		{"a to the bot", `<a href="https://telegram.me/MiGlobeBot?start=x1">hier</a>`,
			`[{"tag":"a","href":"https://telegram.me/MiGlobeBot?start=x1","start":"x1","kids":[{"text":"hier"}]}]`},
		{"a to a share link", `<a href="https://t.me/share/url?url=https%3A%2F%2Ft.me%2FMiGlobeBot%3Fstart%3Dz9&amp;text=Hallo">teilen</a>`,
			`[{"tag":"a","href":"https://t.me/share/url?url=https%3A%2F%2Ft.me%2FMiGlobeBot%3Fstart%3Dz9\u0026text=Hallo","start":"z9",` +
				`"kids":[{"text":"teilen"}]}]`},
		{"other a unchanged", `<a href="https://t.me/MiGlobeBot">bot</a>`,
			`[{"tag":"a","href":"https://t.me/MiGlobeBot","kids":[{"text":"bot"}]}]`},
		{"command next to a link", "/help oder https://t.me/MiGlobeBot?start=q",
			`[{"tag":"command","text":"/help"},{"text":" oder "},{"tag":"a","href":"https://t.me/MiGlobeBot?start=q","start":"q",` +
				`"kids":[{"text":"https://t.me/MiGlobeBot?start=q"}]}]`},
	}
	checkRich(t, tests)
	for link, want := range map[string]string{
		"https://t.me/MiGlobeBot?start=abc":                                  "abc",
		"http://www.t.me/MiGlobeBot/?start=abc":                              "abc",
		"https://t.me/share/url?url=https://t.me/MiGlobeBot?start%3Dk&text=": "k",
		"https://t.me/share/url?url=" + "https%3A%2F%2Ft.me%2Fshare%2Furl%3Furl%3Dhttps%253A%252F%252Ft.me%252FMiGlobeBot%253Fstart%253Dk": "",
		"https://t.me/MiGlobeBot?start=a%20b":      "",
		"https://t.me/MiGlobeBot":                  "",
		"https://example.org/MiGlobeBot?start=abc": "",
		"tg://resolve?domain=MiGlobeBot&start=abc": "",
		"https://user@t.me/MiGlobeBot?start=abc":   "",
	} {
		if got, _ := startPayload(link); got != want {
			t.Errorf("startPayload(%q) = %q, want %q", link, got, want)
		}
	}
}

// richCase is a bot text and the JSON of the nodes richText should make
// of it.
type richCase struct{ name, in, want string }

// checkRich runs richText on each case.
func checkRich(t *testing.T, tests []richCase) {
	t.Helper()
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
