package invitations

import (
	"context"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Reminders (issue 14): before an event the members of associations that
// answered yes (holding seats) or maybe are reminded 48 hours ahead, those
// of yes 2 hours ahead with "Ich kann doch nicht kommen" (actCantCome),
// and those of maybe are nudged once before the answer deadline; the
// store marks each sent once (domain.SeatStore.DueEventReminders). The
// organiser's one reminder to the associations that have not answered is
// built here too (Unanswered). Every reminder is in the association's
// invitation language, as its cards are.

// actCantCome is "Ich kann doch nicht kommen" on the 2 h reminder: the
// association's answer becomes no, through save, which gives its seats to
// the waitlist.
const actCantCome = "x"

// registerReminders adds the reminders' job and the "can't come" action.
func registerReminders(r *engine.Registry, d Deps) {
	r.Job(engine.Job{Name: "event_reminders", Spec: "@every 1m", Run: d.remind})
	r.Durable(feature, actCantCome, d.cantCome)
}

// remind sends the event reminders due, once a minute.
func (d Deps) remind(ctx context.Context, env engine.JobEnv) error {
	sent, err := d.Events.DueEventReminders(ctx, func(rm domain.EventReminder) []domain.Notification {
		return []domain.Notification{reminder(env.Texts, env.Notes, env.Location, rm)}
	})
	if err != nil {
		return err
	}
	if len(sent) > 0 {
		env.Log.Info("event reminders", slog.Int("sent", len(sent)))
	}
	return nil
}

// reminder is the message of rm to its member, in the association's
// invitation language.
func reminder(tx *engine.Texts, notes *engine.Notifier, loc *time.Location, rm domain.EventReminder) domain.Notification {
	inv := rm.Invitation
	lang := cardLang(tx, inv.Lang)
	u := domain.User{ChatID: inv.ChatID, Lang: lang}
	data := reminderData(tx, lang, loc, inv)
	switch {
	case rm.Kind == domain.EventReminder2h:
		return notes.Notification(u, keyRemind2h, data, cantComeRows(tx, lang, inv.ID))
	case rm.Kind == domain.EventReminderNudge:
		return notes.Notification(u, keyRemindNudge, data, cardRows(tx, lang, inv.ID))
	case inv.Answer.Reply == domain.ReplyMaybe:
		return notes.Notification(u, keyRemind48Maybe, data, cardRows(tx, lang, inv.ID))
	}
	return notes.Notification(u, keyRemind48Yes, data, nil)
}

// reminderData fills a reminder of inv in lang: the title, the time, the
// place or link, the seats held and the answer deadline ("" for none).
func reminderData(tx *engine.Texts, lang string, loc *time.Location, inv domain.EventInvitation) map[string]any {
	e := inv.Event
	data := map[string]any{"Title": e.Title, "When": tx.Span(lang, e.Start, e.End, loc), "Where": e.Where(),
		"N": inv.Answer.Seats, "Org": inv.OrganisationName, "Deadline": ""}
	if !e.Deadline.IsZero() {
		data["Deadline"] = tx.DateTime(lang, e.Deadline, loc)
	}
	return data
}

// cantComeRows is the 2 h reminder's button of invitation id in lang.
func cantComeRows(tx *engine.Texts, lang string, id int64) [][]engine.Button {
	return [][]engine.Button{{engine.DurableButton(tx.Plain(lang, keyBtnCantCome, nil), feature, actCantCome, id)}}
}

// Unanswered returns the notify function with which the organiser's turn
// t reminds the members of event e's associations that have not answered
// (domain.SeatStore.RemindUnanswered): a short reminder in the
// association's invitation language with the card's answer buttons. It
// does no I/O (unlike Cards and Updates, which read the organiser).
func (d Deps) Unanswered(t *engine.Turn, _ domain.Event) func(domain.EventInvitation) []domain.Notification {
	tx, loc, notes := t.Texts(), t.Location(), t.Notifier()
	return func(inv domain.EventInvitation) []domain.Notification {
		lang := cardLang(tx, inv.Lang)
		return []domain.Notification{notes.Notification(domain.User{ChatID: inv.ChatID, Lang: lang}, keyRemindAnswer,
			reminderData(tx, lang, loc, inv), cardRows(tx, lang, inv.ID))}
	}
}

// cantCome answers "Ich kann doch nicht kommen" on invitation id: the
// association's yes becomes no through save (the seats go to the
// waitlist, every member's card follows, the organiser and the promoted
// associations are told). A press when the answer is no yes any more (a
// replay) is answered politely and changes nothing; one after the start
// finds the card closed.
func (d Deps) cantCome(t *engine.Turn, id int64) {
	a, inv, c, ok := d.pressed(t, id)
	if !ok {
		return
	}
	if inv.Answer.Reply != domain.ReplyYes {
		t.Refuse(keyCantComeNot)
		return
	}
	_, problem := d.save(t, a, inv, c, domain.OrgAnswer{Reply: domain.ReplyNo})
	switch problem {
	case "":
		t.Toast(t.Plain(keyCantComeDone, nil))
		lang := cardLang(t.Texts(), inv.Lang)
		t.Replace(engine.Screen{Text: t.Texts().T(lang, keyCantComeShown, reminderData(t.Texts(), lang, t.Location(), inv))})
	case keyClosed:
		d.closed(t, inv, c)
	default:
		t.Refuse(problem)
	}
}
