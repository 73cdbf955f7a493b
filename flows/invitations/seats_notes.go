package invitations

import (
	"context"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// SeatNotes builds what the members of associations learn when their
// seats change without them (issue 14): a promotion from the waitlist
// (Promoted) and an offer passed over (PassedOver), each with the
// restyle of every member's invitation card. Build one per store call
// with Deps.SeatNotesIn (a turn) and use its methods inside the call's
// notify function; they read the organiser's name (for the cards) once
// per event from the store when not known before.
type SeatNotes struct {
	Texts *engine.Texts
	Notes *engine.Notifier
	Loc   *time.Location
	names map[int64]string
	name  func(id int64) string
}

// SeatNotesIn returns the SeatNotes of turn t (its texts, notifier and
// time zone).
func (d Deps) SeatNotesIn(t *engine.Turn) SeatNotes {
	return d.seatNotes(t.Ctx(), t.Texts(), t.Notifier(), t.Location())
}

// seatNotes is SeatNotes reading organisers through d.Users with ctx.
func (d Deps) seatNotes(ctx context.Context, tx *engine.Texts, notes *engine.Notifier, loc *time.Location) SeatNotes {
	names := map[int64]string{}
	return SeatNotes{Texts: tx, Notes: notes, Loc: loc, names: names, name: func(id int64) string {
		if n, ok := names[id]; ok {
			return n
		}
		u, err := d.organiserOf(ctx, id) // an error shows the organiser as unknown on the card
		if err == nil {
			names[id] = u.Name
		}
		return u.Name
	}}
}

// known records the organiser u's name, so that no read is needed.
func (s SeatNotes) known(u domain.User) {
	if u.ID != 0 {
		s.names[u.ID] = u.Name
	}
}

// cards restyles the cards of members of event e (after the change) to
// show answer a, with "Plätze bestätigen" while seats are offered.
func (s SeatNotes) cards(e domain.Event, members []domain.EventInvitation, a domain.OrgAnswer) []domain.Notification {
	out := make([]domain.Notification, 0, len(members))
	for _, m := range members {
		c := card{e: e, org: m.OrganisationName, organiser: s.name(e.OrganiserID), answer: a}
		out = append(out, s.Notes.RestyleWith(aboutInvitation(m.ID),
			func(lang string) string { return c.text(s.Texts, lang, s.Loc, false) },
			func(lang string) [][]engine.Button { return cardButtons(s.Texts, lang, m.ID, a) }))
	}
	return out
}

// toMembers is, for each of members of an association, note's
// notifications to them (u in the card's language), then the restyle of
// their cards of event e to the association's answer a.
func (s SeatNotes) toMembers(e domain.Event, members []domain.EventInvitation, a domain.OrgAnswer,
	note func(m domain.EventInvitation, u domain.User) []domain.Notification) []domain.Notification {
	var out []domain.Notification
	for _, m := range members {
		out = append(out, note(m, domain.User{ChatID: m.ChatID, Lang: cardLang(s.Texts, m.Lang)})...)
	}
	return append(out, s.cards(e, members, a)...)
}

// Promoted tells the members of each association promoted on event e
// (the event after the change): seats offered, to confirm by their end,
// with "Plätze bestätigen"; or seats given at once within the last 2
// hours. Every member's card is restyled.
func (s SeatNotes) Promoted(e domain.Event, offers []domain.SeatOffer) []domain.Notification {
	var out []domain.Notification
	for _, o := range offers {
		a := o.Answer
		out = append(out, s.toMembers(e, o.Members, a, func(m domain.EventInvitation, u domain.User) []domain.Notification {
			if a.Offered == 0 {
				return []domain.Notification{s.Notes.Notification(u, keySeatGiven,
					map[string]any{"Title": e.Title, "Org": m.OrganisationName, "N": a.Seats}, nil)}
			}
			return []domain.Notification{s.Notes.Notification(u, keySeatPromoted, s.offerData(u.Lang, e, m, a),
				[][]engine.Button{confirmRow(s.Texts, u.Lang, m.ID)}).Regarding(aboutOffer(m.ID))}
		})...)
	}
	return out
}

// offerData fills keySeatPromoted in lang for member m: the seats offered
// by answer a to event e and the offer's end.
func (s SeatNotes) offerData(lang string, e domain.Event, m domain.EventInvitation, a domain.OrgAnswer) map[string]any {
	return map[string]any{"Title": e.Title, "Org": m.OrganisationName, "N": a.Offered,
		"Until": s.Texts.DateTime(lang, a.OfferUntil, s.Loc)}
}

// offerMoved restyles the promotion message to member m after the start
// of event e moved: it shows the end of the offer a as it is now (the
// store ends it 2 hours before the new start at the latest), with
// "Plätze bestätigen".
func (s SeatNotes) offerMoved(e domain.Event, m domain.EventInvitation, a domain.OrgAnswer) domain.Notification {
	return s.Notes.RestyleWith(aboutOffer(m.ID),
		func(lang string) string { return s.Texts.T(lang, keySeatPromoted, s.offerData(lang, e, m, a)) },
		func(lang string) [][]engine.Button { return [][]engine.Button{confirmRow(s.Texts, lang, m.ID)} })
}

// PassedOver tells the members of each association passed over on event
// e that the seats went to the next (and that a yes brings them back on
// the waitlist, or that the seats they held stay); the promotion's
// button goes and every member's card is restyled.
func (s SeatNotes) PassedOver(e domain.Event, passed []domain.PassedOver) []domain.Notification {
	var out []domain.Notification
	for _, p := range passed {
		out = append(out, s.toMembers(e, p.Members, p.Answer, func(m domain.EventInvitation, u domain.User) []domain.Notification {
			return []domain.Notification{s.Notes.Notification(u, keySeatPassed,
				map[string]any{"Title": e.Title, "Kept": p.Answer.Seats}, nil), s.Notes.Restyle(aboutOffer(m.ID), nil)}
		})...)
	}
	return out
}

// expireSeats is the job "event_seats": offers whose window ended are
// passed over and their seats promote the next. The store finds each
// once, also run twice or on two instances.
func (d Deps) expireSeats(ctx context.Context, env engine.JobEnv) error {
	sn := d.seatNotes(ctx, env.Texts, env.Notes, env.Location)
	runs, err := d.Events.ExpireSeatOffers(ctx, func(x domain.SeatsExpiry) []domain.Notification {
		return append(sn.PassedOver(x.Event, x.Passed), sn.Promoted(x.Event, x.Promoted)...)
	})
	passed, promoted := 0, 0
	for _, x := range runs {
		passed, promoted = passed+len(x.Passed), promoted+len(x.Promoted)
	}
	if len(runs) > 0 {
		env.Log.Info("event seats expired", slog.Int("events", len(runs)), slog.Int("passed", passed),
			slog.Int("promoted", promoted))
	}
	return err
}
