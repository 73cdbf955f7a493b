package domain_test

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestTextLength(t *testing.T) {
	tests := []struct {
		name, html string
		want       int
	}{
		{"plain", "Vergeben", 8},
		{"tags count nothing", `<b>Vergeben</b> <a href="https://x.de/a?b=1&amp;c=2">hier</a>`, 13},
		{"an entity is one character", "Anna &amp; Co &lt;3", 12},
		{"umlauts are one each", "Köln, Münster", 13},
		{"beyond the BMP two each", "Platz 🎉", 8},
		{"a lone ampersand is one", "a & b", 5},
		{"an unclosed tag counts", "a < b", 5},
		{"the limit", strings.Repeat("ä", domain.MaxTextLength), domain.MaxTextLength},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.TextLength(tc.html); got != tc.want {
				t.Errorf("TextLength(%q) = %d, want %d", tc.html, got, tc.want)
			}
		})
	}
}
