package requests

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Mehr anzeigen": every field of a request in full, for whoever may see
// it. The longest request is more than one Telegram message can hold, so
// the fields are packed into pages in their order; a field is never split.

// showFull shows a page of request id's full fields in the pressed
// message; param is "<id>" or "<id>p<page>" (pages count from 1).
func (d Deps) showFull(t *engine.Turn, param string) {
	idPart, pagePart, paged := strings.Cut(param, "p")
	id, ok := engine.ParseID(idPart)
	page := 1
	if paged {
		page, ok = atoiPositive(pagePart)
	}
	if !ok {
		t.StaleButton()
		return
	}
	r, _, ok := d.load(t, id, "view", domain.CanView)
	if !ok {
		return
	}
	fields, _ := fieldsOf(t.Texts(), t.Lang(), t.Location(), r, 0)
	pages := packPages(fields, detailMax)
	if page > len(pages) {
		t.StaleButton()
		return
	}
	title := t.T(keyFullTitle, map[string]any{"Ref": r.Ref, "Page": page, "Pages": len(pages)})
	var nav []engine.Button
	if page > 1 {
		nav = append(nav, engine.ScreenButton(t.Plain(keyBtnPagePrev, nil), screenFull, fullParam(r.ID, page-1)))
	}
	if page < len(pages) {
		nav = append(nav, engine.ScreenButton(t.Plain(keyBtnPageNext, nil), screenFull, fullParam(r.ID, page+1)))
	}
	rows := [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnBackToRequest, nil), screenDetail, r.ID)}}
	if len(nav) > 0 {
		rows = append([][]engine.Button{nav}, rows...)
	}
	t.Replace(engine.Screen{Text: title + "\n" + strings.Join(pages[page-1], "\n"), Rows: rows})
}

// fullParam is the screen parameter of page of request id.
func fullParam(id int64, page int) string {
	return strconv.FormatInt(id, 10) + "p" + strconv.Itoa(page)
}

// atoiPositive reads a positive decimal; false for anything else.
func atoiPositive(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// packPages packs lines, in order, into pages of at most max characters
// (with the line breaks); a line longer than max gets a page of its own.
func packPages(lines []string, max int) [][]string {
	var (
		pages [][]string
		cur   []string
		n     int
	)
	for _, l := range lines {
		ln := utf8.RuneCountInString(l) + 1
		if len(cur) > 0 && n+ln > max {
			pages, cur, n = append(pages, cur), nil, 0
		}
		cur, n = append(cur, l), n+ln
	}
	return append(pages, cur)
}
