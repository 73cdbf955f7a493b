package tgmsg

import (
	"strings"
	"testing"
)

func TestSplitHTML(t *testing.T) {
	long := strings.Repeat("Wort ", 2000) // 10,000 characters
	cases := []struct {
		name  string
		text  string
		limit int
		want  int // parts
	}{
		{"fits", "<b>kurz</b>", 4096, 1},
		{"words", long, 4096, 3},
		{"lines", strings.Repeat(strings.Repeat("x", 99)+"\n", 100), 4096, 3},
		{"no spaces", strings.Repeat("y", 9000), 4096, 3},
		{"emoji count double", strings.Repeat("😀", 3000), 4096, 2},
		{"entities count one", strings.Repeat("&lt;", 4000), 4096, 1},
		{"bold across cut", "<b>" + long + "</b>", 4096, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parts := SplitHTML(tc.text, tc.limit)
			if len(parts) != tc.want {
				t.Fatalf("got %d parts, want %d", len(parts), tc.want)
			}
			var joined strings.Builder
			for i, p := range parts {
				if n := visibleLength(p); n > tc.limit || n == 0 {
					t.Errorf("part %d has %d visible characters", i, n)
				}
				if strings.Count(p, "<b>") != strings.Count(p, "</b>") {
					t.Errorf("part %d has unbalanced tags: %q...", i, p[:40])
				}
				joined.WriteString(stripTags(p))
			}
			// Nothing is lost but the whitespace at the cuts.
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if squash(joined.String()) != squash(stripTags(tc.text)) {
				t.Error("the parts do not add up to the text")
			}
		})
	}
}

func TestSplitHTMLPrefersLineBreaks(t *testing.T) {
	text := strings.Repeat("a", 3000) + "\n" + strings.Repeat("b c ", 500)
	parts := SplitHTML(text, 4096)
	if len(parts) != 2 || parts[0] != strings.Repeat("a", 3000)+"\n" {
		t.Fatalf("first part should end at the line break, got %d parts", len(parts))
	}
}
