package contacts

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The decisions: every press loads the acting user and the link from
// Postgres and asks the policy; nothing in the button's data is trusted.
// A decision asks first (what it will mean for the contact), and it is
// conditional on the link still waiting, so a second coordinator, a
// replayed press or an old notice finds it decided and is told by whom.

// load returns the acting coordinator and link id. Anyone else, an unknown
// link and one whose user was deleted are refused, and nothing changes.
func (d Deps) load(t *engine.Turn, id int64) (domain.Actor, domain.Contact, bool) {
	a, _ := t.Actor()
	if !domain.MayReview(a) {
		if !t.Failed() {
			t.Refuse(engine.KeyForbidden)
		}
		return domain.Actor{}, domain.Contact{}, false
	}
	c, err := d.Contacts.ContactByID(t.Ctx(), id)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyToastGone)
		return domain.Actor{}, domain.Contact{}, false
	case err != nil:
		t.Fail(err)
		return domain.Actor{}, domain.Contact{}, false
	}
	return a, c, true
}

// cardScreen is c's card for coordinator a with where the office stands,
// then below (HTML, "" for none), and the buttons that still apply.
func cardScreen(t *engine.Turn, a domain.Actor, c domain.Contact, below string) engine.Screen {
	tx, lang, loc := t.Texts(), t.Lang(), t.Location()
	text := cardText(tx, lang, loc, c) + "\n\n" + statusText(tx, lang, loc, c, a.ID)
	if below != "" {
		text += "\n\n" + below
	}
	var rows [][]engine.Button
	if c.Status == domain.ContactPending {
		rows = append(rows, decisionRow(tx, lang, c.ID))
	}
	rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnList, nil), feature, actList, 1)})
	return engine.Screen{Text: text, Rows: rows}
}

// view shows the card of link id in the pressed message.
func (d Deps) view(t *engine.Turn, id int64) {
	if a, c, ok := d.load(t, id); ok {
		t.Replace(cardScreen(t, a, c, ""))
	}
}

// ask shows in the pressed message what deciding link id to would mean,
// with the decision and a way back; a link decided already is shown as it
// is.
func (d Deps) ask(t *engine.Turn, id int64, to domain.ContactStatus) {
	a, c, ok := d.load(t, id)
	if !ok {
		return
	}
	if c.Status != domain.ContactPending {
		d.tellDecided(t, a, c)
		return
	}
	question, yes, act := keyAskVerify, keyBtnVerifyYes, actVerifyYes
	if to == domain.ContactRejected {
		question, yes, act = keyAskReject, keyBtnRejectYes, actRejectYes
	}
	data := map[string]any{"Name": c.Name, "Municipality": c.Municipality}
	t.Replace(engine.Screen{
		Text: cardText(t.Texts(), t.Lang(), t.Location(), c) + "\n\n" + t.T(question, data),
		Rows: [][]engine.Button{
			{engine.DurableButton(t.Plain(yes, nil), feature, act, c.ID)},
			{engine.DurableButton(t.Plain(engine.KeyBtnBack, nil), feature, actView, c.ID)},
		},
	})
}

// decide confirms or rejects link id for a coordinator, tells the contact
// in the same transaction and shows the outcome in the pressed message.
func (d Deps) decide(t *engine.Turn, id int64, to domain.ContactStatus) {
	a, c, ok := d.load(t, id)
	if !ok {
		return
	}
	notify, ok := d.tellContact(t, c.UserID)
	if !ok {
		return
	}
	done, err := d.Contacts.DecideContact(t.Ctx(), c.ID, a.ID, to, notify)
	switch {
	case errors.Is(err, domain.ErrConflict):
		d.tellDecided(t, a, done)
		return
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyToastGone)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Log().Info("municipal contact decided", slog.Int64("contact_id", done.ID),
		slog.Int64("user_id", a.ID), slog.String("status", string(done.Status)))
	toast := keyToastVerify
	if to == domain.ContactRejected {
		toast = keyToastReject
	}
	t.Toast(t.Plain(toast, map[string]any{"Name": done.Name}))
	t.Replace(cardScreen(t, a, done, ""))
}

// tellDecided shows link c as another decision left it, and says so in
// the toast.
func (d Deps) tellDecided(t *engine.Turn, a domain.Actor, c domain.Contact) {
	t.Toast(engine.PlainText(statusText(t.Texts(), t.Lang(), t.Location(), c, a.ID)))
	t.Replace(cardScreen(t, a, c, ""))
}

// tellContact returns the notify function of a decision: the contact is
// told the outcome and what it means, in their language, and the notices
// of the other coordinators lose their decisions. It reports false after
// recording a store error.
func (d Deps) tellContact(t *engine.Turn, userID int64) (func(domain.Contact) []domain.Notification, bool) {
	u, err := d.Users.UserByID(t.Ctx(), userID)
	switch {
	case errors.Is(err, domain.ErrNotFound): // deleted meanwhile: the link went with the user
		t.Refuse(keyToastGone)
		return nil, false
	case err != nil:
		t.Fail(err)
		return nil, false
	}
	notes, tx := t.Notifier(), t.Texts()
	return func(c domain.Contact) []domain.Notification {
		key := keyToldVerified
		if c.Status == domain.ContactRejected {
			key = keyToldRejected
		}
		// The other coordinators' notices lose the decisions; the way to
		// the list stays.
		restyle := t.Restyle(noticeAbout(c.ID), func(lang string) [][]engine.Button {
			return [][]engine.Button{{engine.DurableButton(tx.Plain(lang, keyBtnList, nil), feature, actList, 1)}}
		})
		return []domain.Notification{notes.Notification(u, key, map[string]any{"Municipality": c.Municipality}, nil), restyle}
	}, true
}
