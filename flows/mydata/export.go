package mydata

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// jsonType is the content type of the document.
const jsonType = "application/json"

// export sends the acting user their data: the summary (in the pressed
// message when inPlace) and the JSON document below it. Inside a flow it
// asks the user to finish first; someone without a record is told that
// nothing is stored.
func (d Deps) export(t *engine.Turn, inPlace bool) {
	if t.Busy() {
		return
	}
	a, ok := t.Actor()
	switch {
	case t.Failed():
		return
	case !ok:
		t.Note(keyNothing, nil)
		return
	}
	x, err := d.Export.ExportUser(t.Ctx(), a.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Note(keyNothing, nil)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	body, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		t.Fail(fmt.Errorf("mydata: encode export of user %d: %w", a.ID, err))
		return
	}
	counts, err := count(body)
	if err != nil {
		t.Fail(fmt.Errorf("mydata: count export of user %d: %w", a.ID, err))
		return
	}
	lines, total := "", 0
	for i, s := range sections {
		total += counts[i]
		if counts[i] > 0 {
			lines = engine.JoinLines(lines, t.T(keyLine, map[string]any{"Section": t.Plain(s.key, nil), "N": counts[i]}))
		}
	}
	file := t.Plain(keyFile, map[string]any{"Date": t.Now().In(t.Location()).Format(time.DateOnly)})
	text := t.T(keySummary, map[string]any{"File": file, "When": t.DateTime(x.GeneratedAt),
		"Since": t.FormatDate(x.Profile.CreatedAt), "Lines": engine.HTML(lines)})
	t.Present(engine.Screen{Text: text, Rows: [][]engine.Button{t.BackToMenu()}}, inPlace)
	t.SendDocument(domain.Document{Name: file, Content: body, Type: jsonType,
		Caption: t.T(keyCaption, map[string]any{"When": t.DateTime(x.GeneratedAt)})})
	t.Log().Info("data export", slog.Int64("user_id", a.ID), slog.Int("bytes", len(body)), slog.Int("records", total))
}

// count returns how many records each of sections holds in the document
// body: an array's length, 1 for an object, 0 for null.
func count(body []byte) ([]int, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	counts := make([]int, len(sections))
	for i, s := range sections {
		raw, ok := doc[s.json]
		if !ok {
			return nil, fmt.Errorf("no section %q", s.json)
		}
		var list []json.RawMessage
		switch {
		case string(raw) == "null":
		case len(raw) > 0 && raw[0] == '[':
			if err := json.Unmarshal(raw, &list); err != nil {
				return nil, err
			}
			counts[i] = len(list)
		default:
			counts[i] = 1
		}
	}
	return counts, nil
}
