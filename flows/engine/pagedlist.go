package engine

import "strconv"

// A paged list shows a long list of records as buttons, a page at a time,
// with a row to move between pages. The page is the parameter of the
// screen that shows the list, so all its state is in callback data.

// Page is one page of a list of n items.
type Page struct {
	Index, Count int // the page shown (0-based) and how many there are
	From, To     int // the items on it: [From, To)
}

// PageOf returns page index of n items, size per page; an index out of
// range shows the nearest page (a list that shrank since the button was
// drawn).
func PageOf(n, size, index int) Page {
	if size <= 0 {
		size = 10
	}
	count := max(1, (n+size-1)/size)
	index = min(max(index, 0), count-1)
	return Page{Index: index, Count: count, From: index * size, To: min(n, (index+1)*size)}
}

// ParsePage reads a page index from a screen parameter; 0 for "" or
// anything malformed.
func ParsePage(param string) int {
	n, err := strconv.Atoi(param)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// PageRow is the row that moves between the pages of p, whose buttons open
// screen with the page index as parameter; nil when p is the only page.
func (t *Turn) PageRow(p Page, screen string) []Button {
	if p.Count <= 1 {
		return nil
	}
	blank := Button{Label: t.Plain(keyCalendarBlank, nil), action: actNoop}
	prev, next := blank, blank
	if p.Index > 0 {
		prev = ScreenButton(t.Plain(keyListPrev, nil), screen, strconv.Itoa(p.Index-1))
	}
	if p.Index < p.Count-1 {
		next = ScreenButton(t.Plain(keyListNext, nil), screen, strconv.Itoa(p.Index+1))
	}
	where := Button{Label: t.Plain(keyListPage, map[string]any{"Page": p.Index + 1, "Count": p.Count}), action: actNoop}
	return []Button{prev, where, next}
}
