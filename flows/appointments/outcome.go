package appointments

import (
	"fmt"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// What a proposal's messages say once it is settled: the pick buttons go,
// the text tells the outcome (picked, replaced by a counter-proposal,
// called off), for every recipient of the round. The advisors who did not
// propose are told of a proposal too (a tandem's second seat).

// aboutRound is what the messages of round round of appointment id are
// about: the pick buttons, and the news of it to a colleague.
func aboutRound(id int64, round int) domain.About {
	return domain.About{Subject: fmt.Sprintf("ap:%d", id), Kind: fmt.Sprintf("pick.%d", round)}
}

// outcome is the restyle of the messages of round round of ap: the text
// key (filled with the reference, and the agreed time and place), no
// buttons.
func (tl teller) outcome(ap domain.Appointment, round int, key string) domain.Notification {
	return tl.restyle(aboutRound(ap.ID, round), func(lang string) string {
		data := map[string]any{"Ref": ap.RequestRef}
		if ap.Status == domain.AppointmentAgreed {
			data["When"], data["Where"] = slotText(tl.tx, lang, tl.loc, ap.Slot), where(ap.Slot)
		}
		return tl.tx.T(lang, key, data)
	}, nil)
}

// colleagues tells the advisors other than the actor of a proposal that
// awaits the requester side: what a colleague proposed, without buttons
// (the municipality picks).
func (tl teller) colleagues(ch domain.AppointmentChange) []domain.Notification {
	ap := ch.Appointment
	if ap.Awaiting != domain.SideRequester || ch.ActorSide != domain.SideAdvisor {
		return nil
	}
	name := ""
	for _, u := range ch.Advisors {
		if u.ID == tl.actor {
			name = u.Name
		}
	}
	var out []domain.Notification
	for _, u := range ch.Advisors {
		if u.ID == tl.actor {
			continue
		}
		lang := tl.notes.LangOf(u)
		out = append(out, tl.notes.Notification(u, keyToColleagueProposed, map[string]any{"Ref": ap.RequestRef, "Name": name,
			"Options": engine.HTML(optionLines(tl.tx, lang, tl.loc, ap))}, nil).Regarding(aboutRound(ap.ID, ap.Round)))
	}
	return out
}

// agreedData fills the texts of an agreed appointment in lang; the
// requester side learns the next step with the request's first one.
func agreedData(tx *engine.Texts, lang string, loc *time.Location, ch domain.AppointmentChange, requester bool) map[string]any {
	ap := ch.Appointment
	data := map[string]any{"Ref": ap.RequestRef, "When": slotText(tx, lang, loc, ap.Slot), "Where": where(ap.Slot)}
	if requester && ch.Scheduled {
		data["Next"] = tx.Plain(lang, keyNextReport, nil)
	}
	return data
}
