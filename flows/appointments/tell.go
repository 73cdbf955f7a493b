package appointments

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// teller builds the notifications of an appointment change. It is called
// inside the change's transaction, so it does no I/O.
type teller struct {
	tx    *engine.Texts
	notes *engine.Notifier
	loc   *time.Location
	log   *slog.Logger
	now   time.Time
	actor int64 // users.id of who acts: told in the turn, not by a message
	// restyle makes the restyle of the messages about a record (the
	// turn's, which spares the pressed message: the turn redraws it).
	restyle func(domain.About, func(string) string, func(string) [][]engine.Button) domain.Notification
}

// teller is the teller of a change in turn t by actor.
func (d Deps) teller(t *engine.Turn, actor int64) teller {
	return teller{tx: t.Texts(), notes: t.Notifier(), loc: t.Location(), log: t.Log(), now: t.Now(), actor: actor,
		restyle: t.RestyleWith}
}

// tell is the notify function of a change.
func (tl teller) tell(ch domain.AppointmentChange) []domain.Notification {
	ap := ch.Appointment
	var out []domain.Notification
	switch ch.Event {
	case domain.AppointmentWasProposed, domain.AppointmentWasCountered:
		out = append(out, tl.asked(ch)...)
		out = append(out, tl.colleagues(ch)...)
		if ch.Event == domain.AppointmentWasCountered {
			out = append(out, tl.outcome(ap, ap.Round-1, keyOutcomeCountered))
		}
	case domain.AppointmentWasRescheduled, domain.AppointmentWasCancelled:
		key := keyMoved
		switch {
		case ch.Event == domain.AppointmentWasCancelled && ap.AgreedBy == 0:
			key = keyCancelledProposal
		case ch.Event == domain.AppointmentWasCancelled:
			key = keyCancelled
		}
		if ap.AgreedBy == 0 {
			out = append(out, tl.outcome(ap, ap.Round, keyOutcomeCancelled))
		}
		for _, u := range everyone(ch.Participants) {
			if u.ID != tl.actor {
				out = append(out, tl.notes.Notification(u, key, tl.changeData(tl.notes.LangOf(u), ch), nil))
			}
			if ap.AgreedBy == 0 {
				continue // a proposal called off has no calendar entry
			}
			if n, ok := tl.calendar(u, ap); ok {
				out = append(out, n)
			}
		}
	case domain.AppointmentWasAgreed:
		out = append(out, tl.outcome(ap, ap.Round, keyOutcomePicked))
		for _, u := range everyone(ch.Participants) {
			lang := tl.notes.LangOf(u)
			if u.ID != tl.actor {
				out = append(out, tl.notes.Notification(u, keyAgreed, agreedData(tl.tx, lang, tl.loc, ch,
					u.ID == ch.Requester.ID), nil))
			}
			if n, ok := tl.calendar(u, ap); ok {
				out = append(out, n)
			}
		}
	}
	return out
}

// asked asks the side a proposal awaits to pick an option, or to propose
// others.
func (tl teller) asked(ch domain.AppointmentChange) []domain.Notification {
	ap := ch.Appointment
	to := ch.Advisors
	key := keyToAdvisorsCountered
	if ap.Awaiting == domain.SideRequester {
		to, key = nil, keyToRequesterProposed
		if ch.Requester.ID != 0 {
			to = []domain.User{ch.Requester}
		}
	}
	var out []domain.Notification
	for _, u := range to {
		lang := tl.notes.LangOf(u)
		var rows [][]engine.Button
		for i := range ap.Options {
			rows = append(rows, []engine.Button{engine.DurableButton(tl.tx.Plain(lang, keyBtnPick, map[string]any{
				"N": i + 1, "When": slotText(tl.tx, lang, tl.loc, ap.Options[i].Slot)}), feature, pickActions[i], ap.ID)})
		}
		rows = append(rows, []engine.Button{engine.DurableButton(tl.tx.Plain(lang, keyBtnCounter, nil), feature, actCounter, ap.ID)})
		out = append(out, tl.notes.Notification(u, key, map[string]any{"Ref": ap.RequestRef,
			"Options": engine.HTML(optionLines(tl.tx, lang, tl.loc, ap))}, rows).Regarding(aboutRound(ap.ID, ap.Round)))
	}
	return out
}

// everyone is the participants to address: the advisors and the
// requester (unless deleted).
func everyone(p domain.Participants) []domain.User {
	out := append([]domain.User(nil), p.Advisors...)
	if p.Requester.ID != 0 {
		out = append(out, p.Requester)
	}
	return out
}

// calendar is the calendar file of ap for u, as a document notification;
// false (logged) when it cannot be made.
func (tl teller) calendar(u domain.User, ap domain.Appointment) (domain.Notification, bool) {
	lang := tl.notes.LangOf(u)
	ev := engine.CalendarEvent{UID: ap.UID, Sequence: ap.Sequence, Stamp: tl.now, Start: ap.Start, End: ap.End,
		Summary:  tl.tx.Plain(lang, keyCalendarSummary, map[string]any{"Ref": ap.RequestRef}),
		Location: strings.TrimSpace(ap.Place + " " + ap.Link), Description: ap.Link}
	if ap.Status == domain.AppointmentCancelled {
		ev.Status, ev.Method = engine.CalendarCancelled, engine.CalendarCancel
	}
	doc, err := engine.CalendarFile(ev, fmt.Sprintf("termin-%d.ics", ap.ID))
	if err != nil {
		tl.log.Error("appointment calendar file", slog.Int64("appointment", ap.ID), slog.Any("err", err))
		return domain.Notification{}, false
	}
	doc.Caption = tl.tx.T(lang, keyCalendarCaption, map[string]any{"Ref": ap.RequestRef})
	return domain.Notification{ChatID: u.ChatID, Lang: lang, Message: domain.Message{Document: &doc}}, true
}

// slotText is when s takes place, e.g. "Mi, 02.12.2026, 14:00–16:00 Uhr".
func slotText(tx *engine.Texts, lang string, loc *time.Location, s domain.Slot) string {
	return tx.Span(lang, s.Start, s.End, loc)
}

// shortWhen is the start of s short enough for a button in lang:
// "Di 24.11., 20:00".
func shortWhen(tx *engine.Texts, lang string, loc *time.Location, s domain.Slot) string {
	start := s.Start.In(loc)
	return tx.Plain(lang, keyShortWhen, map[string]any{"Day": tx.Weekday(lang, start),
		"D": fmt.Sprintf("%02d", start.Day()), "M": fmt.Sprintf("%02d", int(start.Month())), "From": start.Format("15:04")})
}

// where is the place and the link of s.
func where(s domain.Slot) string {
	switch {
	case s.Place == "":
		return s.Link
	case s.Link == "":
		return s.Place
	}
	return s.Place + " · " + s.Link
}

// optionLines lists the options of ap, numbered, one a line (HTML).
func optionLines(tx *engine.Texts, lang string, loc *time.Location, ap domain.Appointment) string {
	var lines []string
	for i, o := range ap.Options {
		lines = append(lines, tx.T(lang, keyOptionLine, map[string]any{"N": i + 1,
			"When": slotText(tx, lang, loc, o.Slot), "Where": where(o.Slot)}))
	}
	return strings.Join(lines, "\n")
}
