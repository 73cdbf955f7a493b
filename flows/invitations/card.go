package invitations

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The invitation card: what a member of an invited association learns of
// an event, with the association's current answer and the answer buttons
// while answering is open. Each member's card is About its invitation, so
// that an answer restyles every member's card (see save).

// kindCard is the About kind of an invitation card.
const kindCard = "card"

// aboutInvitation is what the card of invitation id is about.
func aboutInvitation(id int64) domain.About {
	return domain.About{Subject: fmt.Sprintf("iv:%d", id), Kind: kindCard}
}

// shortDescription is how much of the description a card shows: the card
// with every field at its longest stays well within one message.
const shortDescription = 600

// card is what an invitation card shows: the event, the association, the
// organiser's name ("" when unknown) and the association's answer; by is
// the organiser, to tell of answers (zero when gone). A capped event's
// card states the capacity, not the seats left: a count would go stale on
// the cards of the associations an answer does not restyle.
type card struct {
	e         domain.Event
	org       string
	organiser string
	answer    domain.OrgAnswer
	by        domain.User
}

// open reports whether the card's event may still be answered at now.
func (c card) open(now time.Time) bool {
	return c.e.Status == domain.EventPublished && !c.e.Started(now)
}

// text is the card in lang; closed says that answering is over.
func (c card) text(tx *engine.Texts, lang string, loc *time.Location, closed bool) string {
	return tx.T(lang, keyCard, c.data(tx, lang, loc, closed))
}

// data fills the card's text in lang.
func (c card) data(tx *engine.Texts, lang string, loc *time.Location, closed bool) map[string]any {
	e := c.e
	organiser := c.organiser
	if organiser == "" {
		organiser = tx.Plain(lang, keyUnknownOrganiser, nil)
	}
	data := map[string]any{"Title": e.Title, "When": tx.Span(lang, e.Start, e.End, loc), "Place": e.Place, "Link": e.Link,
		"Organiser": organiser, "Capped": e.Capacity > 0, "Capacity": e.Capacity,
		"Languages": tx.LanguageNames(lang, e.Languages), "Contact": e.Contact,
		"Description": engine.Shorten(e.Description, shortDescription), "Org": c.org,
		"Answer": engine.HTML(answerText(tx, lang, loc, c.answer)), "Closed": closed,
		"Seat": engine.HTML(seatText(tx, lang, loc, e, c.answer))}
	if !e.Deadline.IsZero() {
		data["Deadline"] = tx.DateTime(lang, e.Deadline, loc)
	}
	return data
}

// replyKeys name the replies.
var replyKeys = map[domain.EventReply]string{
	domain.ReplyYes: keyAnswerYes, domain.ReplyMaybe: keyAnswerMaybe, domain.ReplyNo: keyAnswerNo,
}

// answerText is answer a in lang (HTML): "noch keine", or the reply with
// persons and needs, who gave it and when.
func answerText(tx *engine.Texts, lang string, loc *time.Location, a domain.OrgAnswer) string {
	if a.Reply == "" {
		return tx.T(lang, keyAnswerNone, nil)
	}
	parts := []string{tx.T(lang, replyKeys[a.Reply], nil)}
	if a.Reply == domain.ReplyYes {
		parts = append(parts, tx.T(lang, keyAnswerPersons, map[string]any{"N": a.Persons}))
		for _, n := range a.Needs {
			if n == domain.NeedInterpreting {
				parts = append(parts, tx.T(lang, keyAnswerInterp, map[string]any{"Lang": tx.LanguageName(lang, a.Interpreting)}))
			} else {
				parts = append(parts, tx.NeedName(lang, n))
			}
		}
	}
	by := tx.T(lang, keyAnswerBy, map[string]any{"Name": firstName(a.AnsweredByName),
		"When": tx.DateTime(lang, a.AnsweredAt, loc)})
	return tx.T(lang, keyAnswer, map[string]any{"Reply": engine.HTML(strings.Join(parts, " · ")), "By": engine.HTML(by)})
}

// firstName is the first word of name.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// cardRows are the answer buttons of invitation id's card in lang.
func cardRows(tx *engine.Texts, lang string, id int64) [][]engine.Button {
	return [][]engine.Button{{
		engine.DurableButton(tx.Plain(lang, keyBtnYes, nil), feature, actYes, id),
		engine.DurableButton(tx.Plain(lang, keyBtnMaybe, nil), feature, actMaybe, id),
		engine.DurableButton(tx.Plain(lang, keyBtnNo, nil), feature, actNo, id),
	}}
}

// cardLang is the language of an invitation's card: the association's
// invitation language when the texts speak it, else the default.
func cardLang(tx *engine.Texts, lang string) string {
	if tx.Supports(lang) {
		return lang
	}
	return tx.Default()
}

// organiserOf is the organiser user id, the zero User when gone.
func (d Deps) organiserOf(ctx context.Context, id int64) (domain.User, error) {
	u, err := d.Users.UserByID(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.User{}, nil
	}
	return u, err
}

// cardOf loads what the card of inv shows beside inv itself: the
// organiser's name.
func (d Deps) cardOf(ctx context.Context, inv domain.EventInvitation) (card, error) {
	c := card{e: inv.Event, org: inv.OrganisationName, answer: inv.Answer}
	var err error
	if c.by, err = d.organiserOf(ctx, inv.Event.OrganiserID); err != nil {
		return c, err
	}
	c.organiser = c.by.Name
	return c, nil
}

// Cards returns the notify function with which the organiser's turn t
// publishes event e (domain.EventStore.Publish): for each invitation its
// card in the association's invitation language, About the invitation,
// with the answer buttons, and the event's calendar file. It reads the
// organiser's name and makes the calendar files (one per language) before
// it returns; the function itself does no I/O.
func (d Deps) Cards(t *engine.Turn, e domain.Event) (func(domain.EventInvitation) []domain.Notification, error) {
	by, err := d.organiserOf(t.Ctx(), e.OrganiserID)
	organiser := by.Name
	if err != nil {
		return nil, fmt.Errorf("invitations: cards of event %d: %w", e.ID, err)
	}
	tx, loc, notes := t.Texts(), t.Location(), t.Notifier()
	docs := map[string]domain.Document{}
	for _, lang := range tx.Langs() {
		if docs[lang], err = calendar(tx, lang, t.Now(), e, organiser); err != nil {
			return nil, fmt.Errorf("invitations: cards of event %d: %w", e.ID, err)
		}
	}
	return func(inv domain.EventInvitation) []domain.Notification {
		lang := cardLang(tx, inv.Lang)
		c := card{e: e, org: inv.OrganisationName, organiser: organiser, answer: inv.Answer}
		u := domain.User{ChatID: inv.ChatID, Lang: lang}
		doc := docs[lang]
		return []domain.Notification{
			notes.Notification(u, keyCard, c.data(tx, lang, loc, false), cardRows(tx, lang, inv.ID)).Regarding(aboutInvitation(inv.ID)),
			{ChatID: inv.ChatID, Lang: lang, Message: domain.Message{Document: &doc}},
		}
	}, nil
}

// calendar is the calendar file of e in lang, made at now: the title, the
// description with the organiser and the contact for questions, the place
// or the link; a cancelled event's file cancels it (STATUS:CANCELLED,
// METHOD:CANCEL).
func calendar(tx *engine.Texts, lang string, now time.Time, e domain.Event, organiser string) (domain.Document, error) {
	if organiser == "" {
		organiser = tx.Plain(lang, keyUnknownOrganiser, nil)
	}
	about := []string{tx.Plain(lang, keyCalOrganiser, map[string]any{"Name": organiser})}
	if e.Contact != "" {
		about = append(about, tx.Plain(lang, keyCalContact, map[string]any{"Contact": e.Contact}))
	}
	desc := strings.Join(about, "\n")
	if e.Description != "" {
		desc = e.Description + "\n\n" + desc
	}
	status, method := engine.CalendarConfirmed, engine.CalendarPublish
	if e.Status == domain.EventCancelled {
		status, method = engine.CalendarCancelled, engine.CalendarCancel
	}
	doc, err := engine.CalendarFile(engine.CalendarEvent{UID: domain.EventUID(e.ID), Sequence: e.Sequence, Stamp: now,
		Start: e.Start, End: e.End, Summary: tx.Plain(lang, keyCalSummary, map[string]any{"Title": e.Title}),
		Description: desc, Location: e.Where(), Status: status, Method: method}, tx.Plain(lang, keyCalFile, map[string]any{"ID": e.ID}))
	if err != nil {
		return doc, err
	}
	doc.Caption = tx.T(lang, keyCalCaption, map[string]any{"Title": e.Title})
	return doc, nil
}
