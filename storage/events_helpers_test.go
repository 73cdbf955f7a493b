package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// evWorld is an env with an advisor who organises events.
type evWorld struct {
	env
	organiser domain.User
	nextTG    int64 // the next free Telegram id of bulk members
}

func newEvWorld(t *testing.T) *evWorld {
	t.Helper()
	w := &evWorld{env: newEnv(t), nextTG: 1_000_000}
	w.organiser = registerUser(t, w.env, 1, "Elif Demir", domain.RoleAdvisor, "")
	return w
}

// eventDraft is a valid draft of the organiser: in Dortmund, on 12
// December 2026 from 18:00 to 20:00 (Berlin), offering every need.
func (w *evWorld) eventDraft() domain.EventDraft {
	start := time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC)
	return domain.EventDraft{
		OrganiserID: w.organiser.ID, Title: "Interkulturelles Fest", Description: "Musik, Essen und Begegnung.",
		Start: start, End: start.Add(2 * time.Hour), Place: "Rathausplatz 1, Dortmund", City: "Dortmund", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture, domain.TopicReligionDialogue}, Languages: []string{"Deutsch", "Arabisch"},
		Capacity: 80, Deadline: start.Add(-72 * time.Hour), Contact: "0231 123456", Needs: domain.EventNeeds,
	}
}

// create stores the valid draft and fails the test on error.
func (w *evWorld) create(t *testing.T) domain.Event {
	t.Helper()
	e, err := w.st.CreateEvent(context.Background(), w.eventDraft())
	if err != nil {
		t.Fatalf("create event: %v", err)
	}
	return e
}

// addOrg stores an organisation of city in Nordrhein-Westfalen that cares
// about every topic, with members registered members (organisation
// contacts), and returns its id and theirs, in order.
func (w *evWorld) addOrg(t *testing.T, name, city string, members int) (int64, []int64) {
	t.Helper()
	return w.addOrgWith(t, name, city, domain.InterestTopics, members)
}

// addOrgWith is addOrg with the organisation's topics.
func (w *evWorld) addOrgWith(t *testing.T, name, city string, topics []domain.Topic, members int) (int64, []int64) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := w.db.QueryRow(ctx, `INSERT INTO organisations (name, city, state, topics, invite_lang)
		VALUES ($1, $2, 'NW', $3, 'de') RETURNING id`, name, city, topics).Scan(&id); err != nil {
		t.Fatalf("organisation %s: %v", name, err)
	}
	_, err := w.db.Exec(ctx, `WITH u AS (
			INSERT INTO users (telegram_id, chat_id, name, language, consent_at)
			SELECT $2 + g, $2 + g + 500000000, 'Mitglied ' || g, 'de', $3 FROM generate_series(1, $4::int) g RETURNING id),
		r AS (INSERT INTO user_roles (user_id, role) SELECT id, 'organisation_contact' FROM u)
		INSERT INTO organisation_members (organisation_id, user_id) SELECT $1, id FROM u`,
		id, w.nextTG, w.clock.Now(), members)
	if err != nil {
		t.Fatalf("members of %s: %v", name, err)
	}
	w.nextTG += int64(members)
	return id, w.ints(t, `SELECT user_id FROM organisation_members WHERE organisation_id = $1 ORDER BY user_id`, id)
}

// ints returns the one int64 column of query's rows.
func (w *evWorld) ints(t *testing.T, query string, args ...any) []int64 {
	t.Helper()
	rows, err := w.db.Query(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, v)
	}
	return out
}

// card is a notify of Publish: one card per invited member.
func card(inv domain.EventInvitation) []domain.Notification {
	return []domain.Notification{{ChatID: inv.ChatID, Lang: inv.Lang, Message: domain.Message{
		Text:    fmt.Sprintf("Einladung: %s (%d)", inv.Event.Title, inv.ID),
		Buttons: [][]domain.Button{{{Label: "Ja", Data: fmt.Sprintf("*:ev:y:%d", inv.ID)}}},
	}}}
}

// cardsUpdated is a notify of Answer: one message per invited member of
// the organisation.
func cardsUpdated(ch domain.EventAnswerChange) []domain.Notification {
	var notes []domain.Notification
	for _, m := range ch.Members {
		notes = append(notes, domain.Notification{ChatID: m.ChatID,
			Message: domain.Message{Text: fmt.Sprintf("Antwort: %s %d", ch.Answer.Reply, ch.Answer.Persons)}})
	}
	return notes
}

// chatsOf returns the chat ids of users, sorted.
func (w *evWorld) chatsOf(t *testing.T, users []int64) []int64 {
	t.Helper()
	return w.ints(t, `SELECT chat_id FROM users WHERE id = ANY($1) ORDER BY chat_id`, users)
}

// outboxChats returns the chats of the outbox rows, sorted.
func (w *evWorld) outboxChats(t *testing.T) []int64 {
	t.Helper()
	return w.ints(t, `SELECT chat_id FROM outbox ORDER BY chat_id`)
}

// sorted returns a sorted copy of the concatenation of lists.
func sorted(lists ...[]int64) []int64 {
	out := slices.Concat(lists...)
	slices.Sort(out)
	return out
}
