package invitations_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/invitations"
	"github.com/miglobe/miglobe-bot/storage"
)

// What the invitation tests share: an organiser who publishes with the
// feature's Cards through a test-only command (the organiser's own
// screens are flows/events'), and associations stored with their members.

type person = flowstest.Person

// organiser is an advisor, who may publish events.
var organiser = person{ID: 9001, FirstName: "Elif"}

// world is a harness with the publishing command: /testpublish creates
// draft and publishes it to orgs.
type world struct {
	h     *flowstest.H
	draft domain.EventDraft
	orgs  []int64
	last  domain.Event // the event published last
}

// newWorld registers the organiser (in German) on a new harness.
func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{}
	w.h = flowstest.NewWithStore(t, func(db *storage.Store, r *engine.Registry) {
		deps := invitations.Deps{Events: db, Organisations: db, Users: db}
		r.Command(engine.Command{Name: "testpublish", Desc: engine.KeyBtnMenu, Order: 999, Run: func(t *engine.Turn) {
			a, ok := t.Actor()
			if !ok {
				t.Fail(fmt.Errorf("testpublish: no actor"))
				return
			}
			d := w.draft
			d.OrganiserID = a.ID
			e, err := db.CreateEvent(t.Ctx(), d)
			if err != nil {
				t.Fail(err)
				return
			}
			notify, err := deps.Cards(t, e)
			if err != nil {
				t.Fail(err)
				return
			}
			n, err := db.Publish(t.Ctx(), e.ID, a.ID, w.orgs, notify)
			if err != nil {
				t.Fail(err)
				return
			}
			w.last = e
			t.NoteText(fmt.Sprintf("published %d", n))
		}})
	})
	w.h.Register(organiser, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Elif Demir"})
	w.h.Deliver()
	return w
}

// berlin is a wall time in Berlin as an instant.
func berlin(y int, m time.Month, d, hh, mm int) time.Time {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

// fest is a valid draft: in Dortmund on Saturday 12 December 2026 from
// 18:00 to 20:00, 80 seats, every need offered.
func fest() domain.EventDraft {
	start := berlin(2026, 12, 12, 18, 0)
	return domain.EventDraft{Title: "Interkulturelles Fest", Description: "Musik, Essen & Begegnung.",
		Start: start, End: start.Add(2 * time.Hour), Place: "Rathausplatz 1, Dortmund", City: "Dortmund", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture}, Languages: []string{"Deutsch", "Arabisch"}, Capacity: 80,
		Deadline: start.Add(-72 * time.Hour), Contact: "Frau Kaya, 0231 123456", Needs: domain.EventNeeds}
}

// publish publishes d to orgs as the organiser and returns the event and
// how many invitations were written.
func (w *world) publish(d domain.EventDraft, orgs ...int64) (domain.Event, string) {
	w.h.T.Helper()
	w.draft, w.orgs = d, orgs
	w.h.Send(organiser, "/testpublish")
	return w.last, w.h.Last(organiser).Text
}

// member is a member of an association: the chat and the name.
type member struct {
	p    person
	name string
	lang string
}

// addOrg stores association id of Dortmund (NW) caring about every
// topic, inviting in inviteLang, with members.
func (w *world) addOrg(id int64, name, inviteLang string, members ...member) int64 {
	w.h.T.Helper()
	w.h.Exec(`INSERT INTO organisations (id, name, city, state, topics, invite_lang) VALUES ($1, $2, 'Dortmund', 'NW', $3, $4)`,
		id, name, domain.InterestTopics, inviteLang)
	for _, m := range members {
		w.h.Exec(`WITH u AS (INSERT INTO users (telegram_id, chat_id, name, language, consent_at)
				VALUES ($2, $2, $3, $4, $5) RETURNING id),
			r AS (INSERT INTO user_roles (user_id, role) SELECT id, 'organisation_contact' FROM u)
			INSERT INTO organisation_members (organisation_id, user_id) SELECT $1, id FROM u`,
			id, m.p.ID, m.name, m.lang, w.h.Clock.Now())
	}
	return id
}

// card returns the newest invitation card in p's chat (a message that
// shows an invitation, with or without buttons).
func (w *world) card(p person) flowstest.Sent {
	w.h.T.Helper()
	msgs := w.h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Text, "📨") && msgs[i].Document == nil && !strings.Contains(msgs[i].Text, "Einladungen</b>") &&
			!strings.Contains(msgs[i].Text, "Invitations</b>") {
			return msgs[i]
		}
	}
	w.h.T.Fatalf("no card in chat %d", p.ID)
	return flowstest.Sent{}
}

// published is a world whose fest is published to Kulturbrücke and
// Bridges, the cards delivered.
func published(t *testing.T) (*world, domain.Event) {
	t.Helper()
	w := newWorld(t)
	threeOrgs(w)
	e, _ := w.publish(fest(), orgKB, orgBR)
	w.h.Deliver()
	return w, e
}

// contains is strings.Contains.
func contains(s, sub string) bool { return strings.Contains(s, sub) }
