package engine_test

import (
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The paged list is tested on the test feature's list of 25 entries, ten a
// page (/listtest, feature_test.go).

func TestPageOf(t *testing.T) {
	cases := []struct {
		name           string
		n, size, index int
		want           engine.Page
	}{
		{"first page", 25, 10, 0, engine.Page{Index: 0, Count: 3, From: 0, To: 10}},
		{"middle page", 25, 10, 1, engine.Page{Index: 1, Count: 3, From: 10, To: 20}},
		{"last page, short", 25, 10, 2, engine.Page{Index: 2, Count: 3, From: 20, To: 25}},
		{"past the end: the last", 25, 10, 9, engine.Page{Index: 2, Count: 3, From: 20, To: 25}},
		{"negative: the first", 25, 10, -1, engine.Page{Index: 0, Count: 3, From: 0, To: 10}},
		{"exactly full pages", 20, 10, 1, engine.Page{Index: 1, Count: 2, From: 10, To: 20}},
		{"one page", 5, 10, 0, engine.Page{Index: 0, Count: 1, From: 0, To: 5}},
		{"empty list", 0, 10, 3, engine.Page{Index: 0, Count: 1, From: 0, To: 0}},
		{"no size: ten", 25, 0, 1, engine.Page{Index: 1, Count: 3, From: 10, To: 20}},
	}
	for _, c := range cases {
		if got := engine.PageOf(c.n, c.size, c.index); got != c.want {
			t.Errorf("%s: PageOf(%d, %d, %d) = %+v, want %+v", c.name, c.n, c.size, c.index, got, c.want)
		}
	}
	for param, want := range map[string]int{"": 0, "0": 0, "2": 2, "-1": 0, "x": 0, "1.5": 0, "99": 99} {
		if got := engine.ParsePage(param); got != want {
			t.Errorf("ParsePage(%q) = %d, want %d", param, got, want)
		}
	}
}

// entries returns the entry labels on the newest message of p's chat.
func entries(h *flowstest.H, p flowstest.Person, lang string) []string {
	var out []string
	for _, l := range h.Buttons(p) {
		for n := 1; n <= listSize; n++ {
			if l == h.Plain(lang, "etest.item", map[string]any{"N": n}) {
				out = append(out, l)
			}
		}
	}
	return out
}

func TestPagedListMovesBetweenPages(t *testing.T) {
	for _, c := range []struct {
		lang, prev, next, page1, page3, first, last string
	}{
		{"de", "‹ Zurück", "Weiter ›", "Seite 1/3", "Seite 3/3", "Eintrag 1", "Eintrag 25"},
		{"en", "‹ Back", "Next ›", "Page 1/3", "Page 3/3", "Entry 1", "Entry 25"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 9301, LangHint: c.lang}
			h.Register(p, flowstest.Answers{Lang: c.lang, Role: flowstest.Advisor.Role, Name: "Amira Haddad"})
			h.Send(p, "/listtest")
			list := h.Expect(p, h.Tr(c.lang, "etest.list_title", map[string]any{"Count": listSize}))
			if got := entries(h, p, c.lang); len(got) != 10 || got[0] != c.first {
				t.Fatalf("page 1 shows %q", got)
			}
			row := list.Buttons[10]
			if row[0].Label != "·" || row[1].Label != c.page1 || row[2].Label != c.next {
				t.Errorf("page row of page 1: %+v", row)
			}
			h.ExpectButtons(p, h.Plain(c.lang, "btn.menu", nil))

			h.Press(p, c.next)
			h.Press(p, c.next)
			m := h.Last(p)
			if m.ID != list.ID || m.Edits != 2 {
				t.Errorf("pages not in place: message %d (list %d), %d edits", m.ID, list.ID, m.Edits)
			}
			if got := entries(h, p, c.lang); len(got) != 5 || got[4] != c.last {
				t.Fatalf("page 3 shows %q", got)
			}
			if row := m.Buttons[5]; row[0].Label != c.prev || row[1].Label != c.page3 || row[2].Label != "·" {
				t.Errorf("page row of page 3: %+v", row)
			}
			h.Press(p, c.prev)
			if got := entries(h, p, c.lang); len(got) != 10 || got[0] != h.Plain(c.lang, "etest.item", map[string]any{"N": 11}) {
				t.Errorf("page 2 shows %q", got)
			}
			// The page label does nothing.
			id, data := h.Find(p, h.Plain(c.lang, "list.page", map[string]any{"Page": 2, "Count": 3}))
			if toast := h.PressUnchanged(p, id, data); toast != "" {
				t.Errorf("page label: toast %q", toast)
			}
			h.Press(p, h.Plain(c.lang, "etest.item", map[string]any{"N": 12}))
			h.Expect(p, h.Tr(c.lang, "etest.item", map[string]any{"N": 12}))
		})
	}
}

func TestPagedListOutOfRangeShowsTheNearestPage(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9302}
	h.RegisterMunicipal(p, "de")
	h.Send(p, "/listtest")
	for _, c := range []struct {
		param, first string
		page         string
	}{
		{"9", "Eintrag 21", "Seite 3/3"},  // the list shrank since the button was drawn
		{"-1", "Eintrag 1", "Seite 1/3"},  // forged
		{"x", "Eintrag 1", "Seite 1/3"},   // forged
		{"2", "Eintrag 21", "Seite 3/3"},  // the last page
		{"1", "Eintrag 11", "Seite 2/3"},  // a page in the middle
		{"", "Eintrag 1", "Seite 1/3"},    // no page
		{"01", "Eintrag 11", "Seite 2/3"}, // not canonical, read as a number
	} {
		list := h.Last(p)
		arg := screenList
		if c.param != "" {
			arg += "." + c.param
		}
		h.PressData(p, list.ID, h.Nonce(p)+":m:"+arg)
		h.NoError()
		if got := entries(h, p, "de"); len(got) == 0 || got[0] != c.first || !slices.Contains(h.Buttons(p), c.page) {
			t.Errorf("page %q shows %q with %q", c.param, got, h.Buttons(p))
		}
	}
}

func TestShortListHasNoPageRow(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9303}
	h.RegisterMunicipal(p, "de")
	h.Send(p, "/listtest short")
	want := []string{"Eintrag 1", "Eintrag 2", "Eintrag 3", "Eintrag 4", "Eintrag 5", "« Menü"}
	if got := h.Buttons(p); !slices.Equal(got, want) {
		t.Errorf("buttons %q, want %q", got, want)
	}
}
