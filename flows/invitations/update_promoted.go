package invitations

import "github.com/miglobe/miglobe-bot/flows/domain"

// promotedNotes tells the members of the associations a change promoted
// from the waitlist (up.Promoted): seats offered until a time, to confirm
// with "Ja" on the invitation, or given at once; and restyles their cards
// with the seats.
//
// A stand-in of the changes branch (issue 14): the seats part builds the
// promotion notes with their confirm button; the lead replaces this
// function by that one when the branches merge.
func promotedNotes(u updater, up domain.EventUpdate) []domain.Notification {
	var out []domain.Notification
	for _, p := range up.Promoted {
		for _, m := range p.Members {
			m.Answer = p.Answer
			lang := cardLang(u.tx, m.Lang)
			data := map[string]any{"Title": up.After.Title, "Org": p.Answer.OrganisationName, "N": p.Answer.Offered,
				"Offered": p.Answer.Offered > 0}
			if p.Answer.Offered > 0 {
				data["Until"] = u.tx.DateTime(lang, p.Answer.OfferUntil, u.loc)
			} else {
				data["N"] = p.Answer.Seats
			}
			out = append(out, u.notes.Notification(domain.User{ChatID: m.ChatID, Lang: lang}, keyUpdatePromoted, data, nil),
				u.restyle(m, up.After))
		}
	}
	return out
}
