package invitations

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// What the members told of an organiser's change or cancellation get
// (issue 14): a short message naming what changed, old → new, or that the
// event is cancelled; the updated calendar file (the same UID, the new
// SEQUENCE; a cancelling one for a cancellation); and their card restyled
// with the new data (closed, without buttons, once cancelled); the
// promotion message of an offer that ended loses "Plätze bestätigen".

// Updates returns the notify function with which the organiser's turn t
// changes or cancels event e (domain.SeatStore.ChangeEvent and
// CancelEvent): for each member told, in the association's invitation
// language, the message, the calendar file, the card restyled and the
// promotion's button removed unless an offer stays open; and the
// notes of the associations promoted from the waitlist (SeatNotes).
// It reads the organiser's name before it returns (an error when that
// fails); the function itself does no I/O.
func (d Deps) Updates(t *engine.Turn, e domain.Event) (func(domain.EventUpdate) []domain.Notification, error) {
	by, err := d.organiserOf(t.Ctx(), e.OrganiserID)
	if err != nil {
		return nil, fmt.Errorf("invitations: updates of event %d: %w", e.ID, err)
	}
	seats := d.SeatNotesIn(t)
	seats.known(by)
	u := updater{tx: t.Texts(), loc: t.Location(), notes: t.Notifier(), log: t.Log(), now: t.Now(), organiser: by.Name,
		seats: seats}
	return u.notify, nil
}

// updater builds the notifications of an update.
type updater struct {
	tx        *engine.Texts
	loc       *time.Location
	notes     *engine.Notifier
	log       *slog.Logger
	now       time.Time
	organiser string
	seats     SeatNotes
}

// notify is the notifications of up.
func (u updater) notify(up domain.EventUpdate) []domain.Notification {
	docs := map[string]*domain.Document{}
	var out []domain.Notification
	for _, m := range up.Told {
		lang := cardLang(u.tx, m.Lang)
		if _, ok := docs[lang]; !ok {
			docs[lang] = u.calendar(lang, up.After)
		}
		out = append(out, u.notes.Notification(domain.User{ChatID: m.ChatID, Lang: lang}, keyUpdateChanged,
			u.message(lang, up), nil))
		if doc := docs[lang]; doc != nil {
			out = append(out, domain.Notification{ChatID: m.ChatID, Lang: lang, Message: domain.Message{Document: doc}})
		}
		out = append(out, u.restyle(m, up.After))
		switch {
		case up.After.Status != domain.EventPublished || m.Answer.Offered == 0:
			// No offer (any more): a cancellation ends it, and a start
			// moved to within 2 hours gives the seats at once. The
			// promotion's "Plätze bestätigen" goes (a restyle of no message,
			// or of one without buttons, writes nothing).
			out = append(out, u.notes.Restyle(aboutOffer(m.ID), nil))
		case !up.Before.Start.Equal(up.After.Start): // the offer may end earlier now
			out = append(out, u.seats.offerMoved(up.After, m, m.Answer))
		}
	}
	return append(out, u.seats.Promoted(up.After, up.Promoted)...)
}

// calendar is the calendar file of e in lang; nil (logged) when it cannot
// be made.
func (u updater) calendar(lang string, e domain.Event) *domain.Document {
	doc, err := calendar(u.tx, lang, u.now, e, u.organiser)
	if err != nil {
		u.log.Error("calendar file of an update", slog.Int64("event_id", e.ID), slog.Any("err", err))
		return nil
	}
	return &doc
}

// message is the data of keyUpdateChanged in lang: what changed from
// up.Before to up.After, or the cancellation.
func (u updater) message(lang string, up domain.EventUpdate) map[string]any {
	b, a := up.Before, up.After
	data := map[string]any{"Title": a.Title, "When": u.tx.Span(lang, b.Start, b.End, u.loc),
		"Cancelled": a.Status == domain.EventCancelled}
	var lines []string
	if !b.Start.Equal(a.Start) || !b.End.Equal(a.End) {
		lines = append(lines, u.tx.T(lang, keyUpdateTime, map[string]any{"Old": u.tx.Span(lang, b.Start, b.End, u.loc),
			"New": u.tx.Span(lang, a.Start, a.End, u.loc)}))
	}
	if b.Place != a.Place || b.Link != a.Link {
		lines = append(lines, u.tx.T(lang, keyUpdatePlace, map[string]any{"Old": b.Where(), "New": a.Where()}))
	}
	if b.Description != a.Description {
		lines = append(lines, u.tx.T(lang, keyUpdateDesc, nil))
	}
	data["Lines"] = engine.HTML(strings.Join(lines, "\n"))
	return data
}

// restyle is the card of member m restyled with event e: open with the
// answer buttons, or closed without them once e is cancelled.
func (u updater) restyle(m domain.EventInvitation, e domain.Event) domain.Notification {
	c := card{e: e, org: m.OrganisationName, organiser: u.organiser, answer: m.Answer}
	closed := e.Status != domain.EventPublished
	text := func(lang string) string { return c.text(u.tx, lang, u.loc, closed) }
	if closed {
		return u.notes.RestyleWith(aboutInvitation(m.ID), text, nil)
	}
	return u.notes.RestyleWith(aboutInvitation(m.ID), text, func(lang string) [][]engine.Button { return cardButtons(u.tx, lang, m.ID, m.Answer) })
}
