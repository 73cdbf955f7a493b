package events

import (
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Meine Veranstaltungen": the organiser's events, upcoming first, and an
// event's screen with its figures, the answers and the CSV.

// pageSize is how many events a page of the list shows.
const pageSize = 8

// mine shows page of the acting user's events, in the pressed message
// when inPlace.
func (d Deps) mine(t *engine.Turn, page int, inPlace bool) {
	a, ok := t.Admit(domain.CanCreateEvent, keyRefused)
	if !ok {
		return
	}
	evs, err := d.Events.EventsBy(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	if len(evs) == 0 {
		t.Present(engine.Screen{Text: t.T(keyMineEmpty, nil), Rows: [][]engine.Button{
			{engine.ScreenButton(t.Plain(keyBtnCreate, nil), screenCreate, "")}, t.BackToMenu()}}, inPlace)
		return
	}
	evs = upcomingFirst(evs, t)
	p := engine.PageOf(len(evs), pageSize, page)
	var rows [][]engine.Button
	for _, e := range evs[p.From:p.To] {
		label := t.Plain(keyListEntry, map[string]any{"Title": e.Title, "Date": t.FormatDate(engine.CalendarDay(e.Start, t.Location())),
			"Draft": e.Status == domain.EventStateDraft, "Past": !e.End.After(t.Now())})
		rows = append(rows, []engine.Button{engine.ScreenButtonID(label, screenEvent, e.ID)})
	}
	if row := t.PageRow(p, screenMine); row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, t.BackToMenu())
	t.Present(engine.Screen{Text: t.T(keyMine, map[string]any{"N": len(evs)}), Rows: rows}, inPlace)
}

// upcomingFirst orders events: those not ended, soonest first, then the
// past ones, latest first (as the store gives them).
func upcomingFirst(evs []domain.Event, t *engine.Turn) []domain.Event {
	var next, past []domain.Event
	for _, e := range evs {
		if e.End.After(t.Now()) {
			next = append(next, e)
		} else {
			past = append(past, e)
		}
	}
	slices.Reverse(next)
	return append(next, past...)
}

// when is the event's time as a span.
func when(t *engine.Turn, e domain.Event) string {
	return t.Texts().Span(t.Lang(), e.Start, e.End, t.Location())
}

// showEvent shows event e in the pressed message.
func (d Deps) showEvent(t *engine.Turn, e domain.Event) { d.present(t, e, true) }

// present shows event e with its figures: a draft with the way to its
// audience and to change it, a published event with the answers and the
// CSV.
func (d Deps) present(t *engine.Turn, e domain.Event, inPlace bool) {
	data := map[string]any{"Title": e.Title, "When": when(t, e), "Where": e.Where(), "City": e.City,
		"Topics": engine.TopicNames(t, e.Topics), "Capacity": capacityText(t, e.Capacity), "Status": string(e.Status)}
	back := []engine.Button{engine.ScreenButton(t.Plain(keyBtnMine, nil), screenMine, "")}
	if e.Status == domain.EventStateDraft {
		rows := [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnAudience, nil), screenAudience, e.ID)},
			{engine.ScreenButtonID(t.Plain(keyBtnEdit, nil), screenEdit, e.ID)}}
		rows = append(append(rows, changeRows(t, e)...), back)
		_, tail := changeNote(t, e)
		t.Present(engine.Screen{Text: t.T(keyEventDraft, data) + tail, Rows: rows}, inPlace)
		return
	}
	c, err := d.Events.Counts(t.Ctx(), e.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	data["C"] = c
	var needs []string
	for _, n := range domain.EventNeeds {
		if c.Needs[n] > 0 {
			needs = append(needs, t.Plain(keyNeedCount, map[string]any{"Need": t.Texts().NeedName(t.Lang(), n), "N": c.Needs[n]}))
		}
	}
	data["Needs"] = strings.Join(needs, ", ")
	rows := append(actionRows(t, e, c), []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnAnswers, nil), screenAnswers, e.ID)},
		exportRow(t, e.ID))
	rows = append(append(rows, changeRows(t, e)...), back)
	head, tail := changeNote(t, e)
	t.Present(engine.Screen{Text: head + t.T(keyEventPublished, data) + figures(t, e, c) + tail, Rows: rows}, inPlace)
}

// replyKeys are the keys of the replies' names; "" is no answer.
var replyKeys = map[domain.EventReply]string{
	domain.ReplyYes: keyReplyYes, domain.ReplyMaybe: keyReplyMaybe, domain.ReplyNo: keyReplyNo, "": keyReplyNone,
}

// answers sends the answers of published event e as a message below.
func (d Deps) answers(t *engine.Turn, e domain.Event) {
	rows, ok := d.answersOf(t, e)
	if !ok {
		return
	}
	lines := make([]string, 0, len(rows))
	for _, a := range rows {
		lines = append(lines, t.T(keyAnswerLine, map[string]any{"Name": a.OrganisationName,
			"Reply": t.Plain(replyKeys[a.Reply], nil), "Persons": a.Persons, "Needs": needsText(t, a)}))
	}
	t.Show(engine.Screen{Text: t.T(keyAnswers, map[string]any{"Title": e.Title, "Lines": engine.HTML(strings.Join(lines, "\n"))}),
		Rows: [][]engine.Button{exportRow(t, e.ID), {engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)}}})
}

// needsText names the needs of answer a, with the language to interpret
// into (plain text).
func needsText(t *engine.Turn, a domain.OrgAnswer) string {
	out := make([]string, 0, len(a.Needs))
	for _, n := range a.Needs {
		s := t.Texts().NeedName(t.Lang(), n)
		if n == domain.NeedInterpreting && a.Interpreting != "" {
			s += " (" + t.Texts().LanguageName(t.Lang(), a.Interpreting) + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// exportRow offers the answers of event id as a CSV in either format.
func exportRow(t *engine.Turn, id int64) []engine.Button {
	return []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnExcel, nil), screenExcel, id),
		engine.ScreenButtonID(t.Plain(keyBtnPlain, nil), screenPlain, id)}
}

// answersOf returns the answers of published event e; false once it
// refused the press (a draft has none) or recorded a store error.
func (d Deps) answersOf(t *engine.Turn, e domain.Event) ([]domain.OrgAnswer, bool) {
	if e.Status == domain.EventStateDraft {
		t.StaleButton()
		return nil, false
	}
	rows, err := d.Events.AnswersOf(t.Ctx(), e.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	return rows, true
}
