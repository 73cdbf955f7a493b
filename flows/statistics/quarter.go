package statistics

import (
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// label is q's name in the turn's language, e.g. "Q4 2026" (plain text).
func label(t *engine.Turn, q domain.Quarter) string {
	return t.Plain(keyQuarter, map[string]any{"N": q.N, "Year": q.Year})
}
