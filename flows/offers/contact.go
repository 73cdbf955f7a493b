package offers

import (
	"errors"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The contact channel the requester side agrees to share: after the
// request goes to the advisors, the requester is asked how the advisor who
// takes it on may reach them (a phone number, an e-mail). Only the seat
// holders see it; those who hold a seat already are told when it comes.

// flowContact is stored in sessions: keep it.
const flowContact = "offer_contact"

// dataReach is the contact flow's answer.
const dataReach = "reach"

// ruleReach is the rule of the typed contact.
var ruleReach = engine.TextRule{Min: 5, Max: domain.MaxReachLen}

// contactButton asks the requester side for its contact, in lang.
func contactButton(tx *engine.Texts, lang string, id int64) []engine.Button {
	return []engine.Button{engine.DurableButton(tx.Plain(lang, keyBtnContact, nil), feature, actContact, id)}
}

// startContact asks the requester side of request id for its contact.
func (d Deps) startContact(t *engine.Turn, id int64) {
	a, ok := t.Admit(domain.CanRequest, engine.KeyForbidden)
	if !ok {
		return
	}
	r, err := d.Requests.RequestByID(t.Ctx(), id)
	switch {
	case errors.Is(err, domain.ErrNotFound) || err == nil && !domain.OnRequesterSide(a, r):
		t.Refuse(engine.KeyForbidden)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.StartFlow(flowContact, map[string]string{dataRequest: strconv.FormatInt(id, 10)}, false)
}

// contactFlow is the one question of the contact.
func (d Deps) contactFlow() *engine.Flow {
	return &engine.Flow{
		Name: flowContact, Title: keyContactTitle,
		Steps: []engine.Step{engine.RuleStep(dataReach, keyFieldContact, keyContactPrompt, ruleReach)},
		Finish: func(t *engine.Turn) {
			a, _ := t.Actor()
			r, err := d.Requests.RequestByID(t.Ctx(), requestID(t))
			if err != nil {
				t.Fail(err)
				return
			}
			if !domain.OnRequesterSide(a, r) {
				t.EndFlow()
				t.Note(engine.KeyForbidden, nil)
				return
			}
			_, seats, err := d.Offers.OffersOf(t.Ctx(), r.ID)
			if err != nil {
				t.Fail(err)
				return
			}
			holders := map[int64]bool{}
			for _, s := range seats {
				if s.AdvisorID != 0 {
					holders[s.AdvisorID] = true
				}
			}
			var advisors []domain.User
			for id := range holders {
				u, err := d.Users.UserByID(t.Ctx(), id)
				if err == nil {
					advisors = append(advisors, u)
				} else if !errors.Is(err, domain.ErrNotFound) {
					t.Fail(err)
					return
				}
			}
			notes := t.Notifier()
			done, err := d.Requests.SetContactReach(t.Ctx(), r.ID, a.ID, t.Get(dataReach), func(r domain.Request) []domain.Notification {
				var out []domain.Notification
				for _, u := range advisors {
					out = append(out, notes.Notification(u, keyContactToAdvisor, map[string]any{"Ref": r.Ref,
						"Municipality": r.Municipality, "Reach": r.ContactReach}, nil))
				}
				return out
			})
			if err != nil {
				t.Fail(err)
				return
			}
			t.EndFlow()
			t.Show(engine.Screen{Text: t.T(keyContactSaved, map[string]any{"Ref": done.Ref, "Reach": done.ContactReach}),
				Rows: [][]engine.Button{t.BackToMenu()}})
		},
	}
}
