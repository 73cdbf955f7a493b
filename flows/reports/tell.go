package reports

import (
	"errors"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// teller builds the notifications of a report's change. It is made
// before the change (the people are loaded then) and called inside the
// change's transaction, so it does no I/O.
type teller struct {
	tx        *engine.Texts
	notes     *engine.Notifier
	loc       *time.Location
	requester *domain.User  // nil: deleted
	advisors  []domain.User // the seat holders of the request
	coords    []domain.User
	actor     int64 // users.id of who acts: told in the turn, not by a message
	chat      int64 // the acting chat, whose pressed card the turn redraws
	spare     []int // that card
}

// teller loads the people of request r for a change by actor; the
// coordinators too when office (a confirmation, which they are told of).
func (d Deps) teller(t *engine.Turn, r domain.Request, seats []domain.Seat, actor int64, office bool) (teller, bool) {
	tl := teller{tx: t.Texts(), notes: t.Notifier(), loc: t.Location(), actor: actor, chat: t.Update().ChatID}
	if t.Update().Kind == engine.KindButton && t.Update().MessageID != 0 {
		tl.spare = []int{t.Update().MessageID}
	}
	ids := []int64{r.RequesterID}
	for _, s := range seats {
		if s.AdvisorID != 0 {
			ids = append(ids, s.AdvisorID)
		}
	}
	for i, id := range ids {
		u, err := d.Users.UserByID(t.Ctx(), id)
		switch {
		case errors.Is(err, domain.ErrNotFound):
		case err != nil:
			t.Fail(err)
			return tl, false
		case i == 0:
			tl.requester = &u
		default:
			tl.advisors = append(tl.advisors, u)
		}
	}
	if !office {
		return tl, true
	}
	var err error
	if tl.coords, err = d.Users.Coordinators(t.Ctx()); err != nil {
		t.Fail(err)
		return tl, false
	}
	return tl, true
}

// advisor is the seat holder id, or false.
func (tl teller) advisor(id int64) (domain.User, bool) {
	for _, u := range tl.advisors {
		if u.ID == id {
			return u, true
		}
	}
	return domain.User{}, false
}

// submitted sends the new version to the requester with its answer
// buttons.
func (tl teller) submitted(ch domain.ReportChange) []domain.Notification {
	if tl.requester == nil || tl.requester.ID == tl.actor {
		return nil
	}
	u := *tl.requester
	lang := tl.notes.LangOf(u)
	return []domain.Notification{tl.notes.Notification(u, keyToRequester, map[string]any{
		"Card": engine.HTML(cardText(tl.tx, lang, ch.Report))}, cardRows(tl.tx, lang, ch.Report.ID)).Regarding(aboutReport(ch.Report.ID))}
}

// answered restyles every card of the version to its answer and tells its
// advisor; a confirmation is told to the coordinators too.
func (tl teller) answered(ch domain.ReportChange) []domain.Notification {
	rep := ch.Report
	restyle := tl.notes.RestyleWith(aboutReport(rep.ID), func(lang string) string { return answeredText(tl.tx, lang, tl.loc, rep) }, nil)
	restyle.ChatID, restyle.Spare = tl.chat, tl.spare
	out := []domain.Notification{restyle}
	if u, ok := tl.advisor(rep.AdvisorID); ok {
		lang := tl.notes.LangOf(u)
		switch {
		case rep.Status == domain.ReportQuestion:
			out = append(out, tl.notes.Notification(u, keyToAdvisorAsked, map[string]any{"Ref": rep.RequestRef,
				"Question": rep.Question}, [][]engine.Button{{engine.DurableButton(tl.tx.Plain(lang, keyBtnAnswerRef,
				map[string]any{"Ref": rep.RequestRef}), feature, actWrite, rep.RequestID)}}))
		case ch.Completed:
			out = append(out, tl.notes.Notification(u, keyToAdvisorCompleted, map[string]any{"Ref": rep.RequestRef}, nil))
		default:
			out = append(out, tl.notes.Notification(u, keyToAdvisorConfirmed, map[string]any{"Ref": rep.RequestRef}, nil))
		}
	}
	if rep.Status == domain.ReportConfirmed {
		for _, c := range tl.coords {
			if c.ID == tl.actor {
				continue
			}
			lang := tl.notes.LangOf(c)
			out = append(out, tl.notes.Notification(c, keyToCoordConfirmed, map[string]any{"Ref": rep.RequestRef,
				"Advisor": rep.Advisor, "Municipality": ch.Request.Municipality, "Hours": hoursText(tl.tx, lang, rep.Minutes()),
				"Travel": eurosText(tl.tx, lang, rep.TravelCents()), "Version": rep.Version}, nil))
		}
	}
	return out
}

// closed tells the advisors that the request is closed, with the rating
// when there is one (theirs to see).
func (tl teller) closed(r domain.Request, g *domain.Rating) []domain.Notification {
	return closedNotes(tl.notes, tl.advisors, nil, r, g)
}

// closedNotes tell advisors that request r is closed, with the rating g
// when there is one (theirs to see), and the requester, when not nil,
// that it was closed for them.
func closedNotes(notes *engine.Notifier, advisors []domain.User, requester *domain.User, r domain.Request,
	g *domain.Rating) []domain.Notification {
	var out []domain.Notification
	for _, u := range advisors {
		data := map[string]any{"Ref": r.Ref}
		key := keyToAdvisorClosed
		if g != nil {
			key = keyToAdvisorRated
			data["Stars"] = stars(g.Stars)
			data["Comment"] = g.Comment
		}
		out = append(out, notes.Notification(u, key, data, nil))
	}
	if requester != nil {
		out = append(out, notes.Notification(*requester, keyToRequesterClosed, map[string]any{"Ref": r.Ref}, nil))
	}
	return out
}
