package telegramfake

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestParseHTMLAccepts(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		plain string
		ents  []models.MessageEntity
	}{
		{"plain", "Guten Tag", "Guten Tag", nil},
		{"bold", "<b>Termin</b> am 24.11.", "Termin am 24.11.", []models.MessageEntity{{Type: "bold", Offset: 0, Length: 6}}},
		{"nested", "<b>a<i>b</i></b>", "ab", []models.MessageEntity{{Type: "bold", Length: 2}, {Type: "italic", Offset: 1, Length: 1}}},
		{"entities decoded", "a &lt;b&gt; &amp; &quot;c&quot; &#228;&#x1F600;", `a <b> & "c" ä😀`, nil},
		{"link", `<a href="https://example.org/?a=1&amp;b=2">x</a>`, "x", []models.MessageEntity{{Type: "text_link", Length: 1, URL: "https://example.org/?a=1&b=2"}}},
		{"spoiler span", `<span class="tg-spoiler">x</span>`, "x", []models.MessageEntity{{Type: "spoiler", Length: 1}}},
		{"pre with language", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", []models.MessageEntity{{Type: "pre", Length: 6, Language: "go"}}},
		{"expandable blockquote", "<blockquote expandable>z</blockquote>", "z", []models.MessageEntity{{Type: "expandable_blockquote", Length: 1}}},
		{"custom emoji", `<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`, "👍", []models.MessageEntity{{Type: "custom_emoji", Length: 2, CustomEmojiID: "5368324170671202286"}}},
		{"utf16 offsets", "😀<u>ü</u>", "😀ü", []models.MessageEntity{{Type: "underline", Offset: 2, Length: 1}}},
		{"upper-case start tag", "<B>x</b>", "x", []models.MessageEntity{{Type: "bold", Length: 1}}},
		{"empty end tag", "<i>x</>", "x", []models.MessageEntity{{Type: "italic", Length: 1}}},
		{"all simple tags", "<strong>1</strong><em>2</em><ins>3</ins><s>4</s><strike>5</strike><del>6</del><tg-spoiler>7</tg-spoiler><code>8</code>", "12345678", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plain, ents, err := parseHTML(tc.in)
			if err != nil {
				t.Fatalf("parseHTML(%q) = %v", tc.in, err)
			}
			if plain != tc.plain {
				t.Errorf("plain = %q, want %q", plain, tc.plain)
			}
			if tc.ents != nil && !equalEntities(ents, tc.ents) {
				t.Errorf("entities = %+v, want %+v", ents, tc.ents)
			}
		})
	}
}

func equalEntities(a, b []models.MessageEntity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseHTMLRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<div>x</div>", `Unsupported start tag "div" at byte offset 0`},
		{"1 < 2", `Unsupported start tag "" at byte offset 2`},
		{"a > b", `Character ">" is reserved and must be escaped as "&gt;" at byte offset 2`},
		{"Tom & Jerry", `Character "&" is reserved and must be escaped as "&amp;" at byte offset 4`},
		{"&nbsp;", `Character "&" is reserved and must be escaped as "&amp;" at byte offset 0`},
		{"x <b", "Unclosed start tag at byte offset 2"},
		{"<b>x", `Can't find end tag corresponding to start tag "b"`},
		{"x</b>", "Unexpected end tag at byte offset 1"},
		{"<b>x</i>", `Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`},
		{"<b>x</B>", `Unmatched end tag at byte offset 4, expected "</b>", found "</B>"`},
		{"<b>x</b", "Unclosed end tag at byte offset 4"},
		{"<b><i>x</b></i>", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"<span>x</span>", `Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{`<span class="red">x</span>`, `Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{`<b class="x">y</b>`, `Unsupported attribute "class" in the tag "b" at byte offset 0`},
		{`<a href="x" target="_blank">y</a>`, `Unsupported attribute "target" in the tag "a" at byte offset 0`},
		{`<code class="x">y</code>`, `Unsupported attribute "class" in the tag "code" at byte offset 0`},
		{`<a =x>y</a>`, `Empty attribute name in the tag "a" at byte offset 0`},
		{`<a href>y</a>`, `Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0`},
		{`<a href=x/>y</a>`, "Unexpected end of name token at byte offset 8"},
		{`<tg-emoji emoji-id="+5">y</tg-emoji>`, "Invalid custom emoji identifier specified"},
		{`<a href="x"`, "Unclosed start tag at byte offset 0"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, _, err := parseHTML(tc.in)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("parseHTML(%q) = %v, want %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestRenderTextLength(t *testing.T) {
	tests := []struct {
		name, text, mode, want string
	}{
		{"4096 letters", strings.Repeat("a", 4096), "", ""},
		{"4097 letters", strings.Repeat("a", 4097), "", "Bad Request: message is too long"},
		{"tags are not counted", "<b>" + strings.Repeat("a", 4096) + "</b>", "HTML", ""},
		{"entities count once", strings.Repeat("&lt;", 4096), "HTML", ""},
		{"entities over the limit", strings.Repeat("&amp;", 4097), "HTML", "Bad Request: message is too long"},
		{"emoji count two", strings.Repeat("😀", 2048), "", ""},
		{"emoji over the limit", strings.Repeat("😀", 2048) + "a", "", "Bad Request: message is too long"},
		{"umlauts count one", strings.Repeat("ä", 4096), "", ""},
		{"empty", "", "", "Bad Request: message text is empty"},
		{"blank", " \n ", "", "Bad Request: message text is empty"},
		{"only tags", "<b></b>", "HTML", "Bad Request: message text is empty"},
		{"raw tags without parse mode", "<div>", "", ""},
		{"bad tag", "<div>", "html", `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 0`},
		{"markdown", "*x*", "MarkdownV2", "Bad Request: the fake Bot API supports only parse_mode HTML"},
		{"unknown mode", "x", "XML", "Bad Request: unsupported parse_mode"},
		{"invalid utf-8", "a\xffb", "", "Bad Request: strings must be encoded in UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, e := renderText(tc.text, tc.mode)
			got := ""
			if e != nil {
				got = e.desc
			}
			if got != tc.want {
				t.Fatalf("renderText = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRenderCaptionLength(t *testing.T) {
	if _, e := renderCaption("", "HTML"); e != nil {
		t.Errorf("empty caption rejected: %s", e.desc)
	}
	if _, e := renderCaption(strings.Repeat("x", 1024), ""); e != nil {
		t.Errorf("1024 characters rejected: %s", e.desc)
	}
	if _, e := renderCaption(strings.Repeat("x", 1025), ""); e == nil || e.desc != "Bad Request: message caption is too long" {
		t.Errorf("1025 characters: %v", e)
	}
}
