package contacts

import (
	"strconv"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The contact's card is one piece of text for the coordinators' notice,
// the list's detail and every decision screen, so that they all say the
// same: who, with which function, for which municipality, since when, and
// where the office stands.

// cardText is c's card in lang: name, function, municipality with its
// Bundesland and the registration time.
func cardText(tx *engine.Texts, lang string, loc *time.Location, c domain.Contact) string {
	return tx.T(lang, keyCard, map[string]any{
		"Name": c.Name, "Function": c.Function, "Municipality": c.Municipality,
		"State": tx.StateName(lang, c.State), "Date": tx.DateTime(lang, c.CreatedAt, loc),
	})
}

// statusText says where the office stands on c, to viewerID: waiting, or
// confirmed or rejected by whom and when.
func statusText(tx *engine.Texts, lang string, loc *time.Location, c domain.Contact, viewerID int64) string {
	if c.Status == domain.ContactPending {
		return tx.T(lang, keyPending, map[string]any{"Name": c.Name})
	}
	who := c.DecidedByName
	switch {
	case c.DecidedByID == viewerID:
		who = tx.Plain(lang, keyByYou, nil)
	case who == "":
		who = tx.Plain(lang, keyByOffice, nil)
	}
	key := keyVerified
	if c.Status == domain.ContactRejected {
		key = keyRejected
	}
	return tx.T(lang, key, map[string]any{"Who": who, "Date": tx.DateTime(lang, c.DecidedAt, loc)})
}

// noticeAbout is what a coordinator's notice of link id is about: once
// the link is decided, every copy loses its decisions (see decide).
func noticeAbout(id int64) domain.About {
	return domain.About{Subject: "ct:" + strconv.FormatInt(id, 10), Kind: "decide"}
}

// decisionRow is the row of the two decisions on link id, labelled in lang.
func decisionRow(tx *engine.Texts, lang string, id int64) []engine.Button {
	return []engine.Button{
		engine.DurableButton(tx.Plain(lang, keyBtnVerify, nil), feature, actVerify, id),
		engine.DurableButton(tx.Plain(lang, keyBtnReject, nil), feature, actReject, id),
	}
}

// Announce returns the notify function of a new municipal link, for
// onboarding to hand to UserStore.Register: every coordinator but the
// contact themself gets the card with buttons to confirm or reject, in
// their language. It reports false after recording a store error.
func (d Deps) Announce(t *engine.Turn) (func(domain.Contact) []domain.Notification, bool) {
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	notes, tx, loc := t.Notifier(), t.Texts(), t.Location()
	return func(c domain.Contact) []domain.Notification {
		out := make([]domain.Notification, 0, len(coords))
		for _, u := range coords {
			if u.ID == c.UserID {
				continue
			}
			lang := notes.LangOf(u)
			out = append(out, notes.Notification(u, keyNotice, map[string]any{
				"Card": engine.HTML(cardText(tx, lang, loc, c)), "Name": c.Name,
			}, [][]engine.Button{decisionRow(tx, lang, c.ID)}).Regarding(noticeAbout(c.ID)))
		}
		return out
	}, true
}
