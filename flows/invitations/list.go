package invitations

import (
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Einladungen": the member's upcoming events with the association's
// answer (a button each opens the card anew, with the calendar file), and
// the latest past ones.

// Screens of the feature.
const (
	screenList  = "iv_list"
	screenCard  = "iv_card"
	screenStops = "iv_stops"
)

// Caps of the list, so that it fits one message.
const (
	maxUpcoming = 8
	maxPast     = 3
	titleLen    = 60 // characters of a title in the list
	buttonTitle = 28 // characters of a title on a button
)

// isMember is the policy of the list: an association's contact.
func isMember(a domain.Actor) bool { return a.Has(domain.RoleOrganisation) }

// list shows the member's invitations, in the pressed message when inPlace.
func (d Deps) list(t *engine.Turn, inPlace bool) {
	a, ok := t.Admit(isMember, keyNoAssoc)
	if !ok {
		return
	}
	upcoming, past, err := d.Events.InvitationsFor(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	tx, lang, loc := t.Texts(), t.Lang(), t.Location()
	line := func(inv domain.EventInvitation) string {
		return t.T(keyListLine, map[string]any{"When": tx.Span(lang, inv.Event.Start, inv.Event.End, loc),
			"Title": engine.Excerpt(inv.Event.Title, titleLen), "Answer": engine.HTML(answerText(tx, lang, loc, inv.Answer))})
	}
	parts := []string{t.T(keyListTitle, nil)}
	var rows [][]engine.Button
	if len(upcoming) > 0 {
		lines := []string{t.T(keyListUpcoming, nil)}
		for _, inv := range upcoming[:min(len(upcoming), maxUpcoming)] {
			lines = append(lines, line(inv))
			rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnOpen, map[string]any{
				"Date":  tx.Date(lang, engine.CalendarDay(inv.Event.Start, loc)),
				"Title": engine.Excerpt(inv.Event.Title, buttonTitle)}), screenCard, inv.ID)})
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if len(past) > 0 {
		lines := []string{t.T(keyListPast, nil)}
		for _, inv := range past[:min(len(past), maxPast)] {
			lines = append(lines, line(inv))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if len(upcoming)+len(past) == 0 {
		parts = append(parts, t.T(keyListEmpty, nil))
	}
	rows = append(rows, []engine.Button{engine.ScreenButton(t.Plain(keyBtnStops, nil), screenStops, "")}, t.BackToMenu())
	t.Present(engine.Screen{Text: strings.Join(parts, "\n\n"), Rows: rows}, inPlace)
}

// showCard shows the card of invitation param anew below the list, with
// its buttons while it may be answered, and its calendar file.
func (d Deps) showCard(t *engine.Turn, param string) {
	id, _ := strconv.ParseInt(param, 10, 64)
	_, inv, ok := d.find(t, id)
	if !ok {
		refuse(t, inv)
		return
	}
	c, err := d.cardOf(t.Ctx(), inv)
	if err != nil {
		t.Fail(err)
		return
	}
	tx, lang := t.Texts(), cardLang(t.Texts(), inv.Lang)
	open := c.open(t.Now())
	s := engine.Screen{Text: c.text(tx, lang, t.Location(), !open)}
	if open {
		s.Rows, s.About = cardButtons(tx, lang, inv.ID, inv.Answer), aboutInvitation(inv.ID)
	}
	t.Show(s)
	doc, err := calendar(tx, lang, t.Now(), inv.Event, c.organiser)
	if err != nil {
		t.Fail(err)
		return
	}
	t.SendDocument(doc)
}
