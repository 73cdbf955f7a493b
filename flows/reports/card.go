package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The report card: what the municipal side confirms (in place of the
// signed sheet), with "Bestätigen" and "Rückfrage" while the version
// waits; once answered, every copy of it shows the answer instead.

// kindCard is the About kind of the messages that show a report version
// with its answer buttons.
const kindCard = "card"

// aboutReport is what the messages of report version id are about.
func aboutReport(id int64) domain.About {
	return domain.About{Subject: fmt.Sprintf("rp:%d", id), Kind: kindCard}
}

// cardText is report version rep in lang: reference, advisor, days, hours
// by kind, travel, other costs and the note.
func cardText(tx *engine.Texts, lang string, rep domain.Report) string {
	days := make([]string, len(rep.Dates))
	for i, d := range rep.Dates {
		days[i] = tx.Weekday(lang, d) + ", " + tx.Date(lang, d)
	}
	travel := travelText(tx, lang, rep.ReportDraft)
	other := tx.T(lang, keyCardNoOther, nil)
	if rep.OtherCents > 0 {
		other = eurosText(tx, lang, rep.OtherCents)
	}
	return tx.T(lang, keyCard, map[string]any{"Ref": rep.RequestRef, "Version": rep.Version, "Advisor": rep.Advisor,
		"Days": strings.Join(days, "; "), "Prep": hoursText(tx, lang, rep.PrepMinutes),
		"Session": hoursText(tx, lang, rep.SessionMinutes), "FollowUp": hoursText(tx, lang, rep.FollowUpMinutes),
		"Total": hoursText(tx, lang, rep.Minutes()), "Travel": engine.HTML(travel), "Other": other, "Note": rep.Note})
}

// travelText is the travel of d in lang: "120 km × 0,30 € = 36,00 €",
// the tickets, or none (Telegram HTML).
func travelText(tx *engine.Texts, lang string, d domain.ReportDraft) string {
	switch {
	case d.Km > 0:
		return tx.T(lang, keyCardKm, map[string]any{"Km": d.Km, "Rate": eurosText(tx, lang, int64(d.KmRateCents)),
			"Sum": eurosText(tx, lang, d.TravelCents())})
	case d.TicketCents > 0:
		return tx.T(lang, keyCardTickets, map[string]any{"Sum": eurosText(tx, lang, d.TicketCents)})
	}
	return tx.T(lang, keyCardNoTravel, nil)
}

// cardRows are the answer buttons of a waiting version in lang.
func cardRows(tx *engine.Texts, lang string, id int64) [][]engine.Button {
	return [][]engine.Button{{
		engine.DurableButton(tx.Plain(lang, keyBtnConfirm, nil), feature, actConfirm, id),
		engine.DurableButton(tx.Plain(lang, keyBtnAsk, nil), feature, actAsk, id)}}
}

// answeredText is the card of rep once answered: confirmed by whom and
// when, or the question asked.
func answeredText(tx *engine.Texts, lang string, loc *time.Location, rep domain.Report) string {
	outcome := tx.T(lang, keyCardConfirmed, map[string]any{"By": rep.ConfirmedByName,
		"At": tx.DateTime(lang, rep.ConfirmedAt, loc)})
	if rep.Status == domain.ReportQuestion {
		outcome = tx.T(lang, keyCardAsked, map[string]any{"At": tx.DateTime(lang, rep.QuestionAt, loc),
			"Question": rep.Question})
	}
	return cardText(tx, lang, rep) + "\n\n" + outcome
}

// starRows are the rating buttons of request id in lang: 1 to 5 stars, and
// closing without a rating.
func starRows(tx *engine.Texts, lang string, id int64) [][]engine.Button {
	var stars []engine.Button
	for i, act := range starActions {
		stars = append(stars, engine.DurableButton(strings.Repeat("★", i+1), feature, act, id))
	}
	return [][]engine.Button{stars[:3], stars[3:],
		{engine.DurableButton(tx.Plain(lang, keyBtnCloseUnrated, nil), feature, actClose, id)}}
}
