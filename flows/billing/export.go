package billing

import (
	"bytes"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// csvType is the content type of the exported file.
const csvType = "text/csv; charset=utf-8"

// choose shows a coordinator the periods to export, in the pressed
// message when inPlace.
func (d Deps) choose(t *engine.Turn, inPlace bool) {
	if _, ok := t.Admit(domain.MayExportBilling, keyRefused); !ok {
		return
	}
	t.Present(engine.Screen{Text: t.T(keyChoose, nil), Rows: periodRows(t)}, inPlace)
}

// periodRows are the buttons of the offered periods: a month a row, the
// quarters in one, and back to the menu.
func periodRows(t *engine.Turn) [][]engine.Button {
	months, quarters := offered(t.Now(), t.Location())
	var rows [][]engine.Button
	for _, p := range months {
		rows = append(rows, []engine.Button{periodButton(t, p)})
	}
	var row []engine.Button
	for _, p := range quarters {
		row = append(row, periodButton(t, p))
	}
	return append(rows, row, t.BackToMenu())
}

// periodButton opens period p.
func periodButton(t *engine.Turn, p period) engine.Button {
	return engine.ScreenButton(label(t, p), screenPeriod, p.code())
}

// showPeriod shows the period with code: how many confirmed versions it
// holds and the formats, or that it holds none and the periods again.
func (d Deps) showPeriod(t *engine.Turn, code string) {
	if p, lines, ok := d.load(t, code); ok {
		t.Replace(periodScreen(t, p, len(lines)))
	}
}

// export sends the period with code as a CSV of style, below its screen.
func (d Deps) export(t *engine.Turn, code string, style engine.CSVStyle) {
	p, lines, ok := d.load(t, code)
	if !ok {
		return
	}
	t.Replace(periodScreen(t, p, len(lines)))
	if len(lines) == 0 {
		return
	}
	header := make([]string, len(headerKeys))
	for i, k := range headerKeys {
		header[i] = t.Plain(k, nil)
	}
	var b bytes.Buffer
	if err := writeCSV(&b, style, header, lines, t.Location()); err != nil {
		t.Fail(err)
		return
	}
	t.SendDocument(domain.Document{Name: "abrechnung-" + p.code() + ".csv", Content: b.Bytes(), Type: csvType,
		Caption: t.T(keyCaption, map[string]any{"Period": label(t, p), "Count": len(lines)})})
	t.Log().Info("billing export", slog.String("period", p.code()), slog.Int("lines", len(lines)), slog.Int("style", int(style)))
}

// load admits a coordinator and returns the offered period with code and
// its confirmed versions; false once it refused the press (a code not
// offered now is a stale button) or recorded a store error.
func (d Deps) load(t *engine.Turn, code string) (period, []domain.BillingLine, bool) {
	if _, ok := t.Admit(domain.MayExportBilling, keyRefused); !ok {
		return period{}, nil, false
	}
	p, ok := lookup(code, t.Now(), t.Location())
	if !ok {
		t.StaleButton()
		return period{}, nil, false
	}
	from, to := p.span(t.Location())
	lines, err := d.Reports.ConfirmedInPeriod(t.Ctx(), from, to)
	if err != nil {
		t.Fail(err)
		return period{}, nil, false
	}
	return p, lines, true
}

// periodScreen is period p with n confirmed versions: the count, the
// formats and back to the periods; with none, a sentence that says so and
// the periods again.
func periodScreen(t *engine.Turn, p period, n int) engine.Screen {
	name := label(t, p)
	if n == 0 {
		return engine.Screen{Text: t.T(keyEmpty, map[string]any{"Period": name}), Rows: periodRows(t)}
	}
	from, to := p.span(t.Location())
	text := t.T(keyPeriod, map[string]any{"Period": name, "Count": n, "From": t.FormatDate(from),
		"To": t.FormatDate(to.AddDate(0, 0, -1))})
	return engine.Screen{Text: text, Rows: [][]engine.Button{
		{engine.ScreenButton(t.Plain(keyBtnExcel, nil), screenExcel, p.code()),
			engine.ScreenButton(t.Plain(keyBtnPlain, nil), screenPlain, p.code())},
		{engine.ScreenButton(t.Plain(keyBtnBack, nil), screenChoose, "")},
	}}
}
