package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Migration 020 on a database with answers of issue 13: the yes answers
// take seats in the order they were given, as far as the capacity goes
// (one went beyond it then), the rest wait from their answer's time, and
// the event counts the seats taken; an event without a capacity seats
// every yes.
func TestMigrationSeatsTheYesAnswersGivenBefore(t *testing.T) {
	ctx := context.Background()
	db := migratedTo(t, 19)
	conn, exec := db.conn, db.exec
	at := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	exec(`INSERT INTO users (id, telegram_id, chat_id, name, consent_at) VALUES (1, 1, 1, 'Aylin', $1)`, at)
	for _, org := range []int{1, 2, 3} {
		exec(`INSERT INTO organisations (id, name, city, topics) VALUES ($1, $2, 'Dortmund', '{culture}')`, org, fmt.Sprintf("Verein %d", org))
	}
	for id, capacity := range map[int]int{1: 4, 2: 0} {
		exec(`INSERT INTO events (id, organiser_id, status, title, starts_at, ends_at, place, city, state, topics, capacity,
				created_at, updated_at, published_at)
			VALUES ($1, 1, 'published', 'Fest', $2, $3, 'Park', 'Dortmund', 'NW', '{culture}', $4, $5, $5, $5)`,
			id, at.Add(400*time.Hour), at.Add(402*time.Hour), capacity, at)
		for org, persons := range map[int]int{1: 3, 2: 2, 3: 1} { // answered in the order 1, 2, 3
			exec(`INSERT INTO event_answers (event_id, organisation_id, reply, persons, answered_at) VALUES ($1, $2, 'yes', $3, $4)`,
				id, org, persons, at.Add(time.Duration(org)*time.Minute))
		}
	}
	db.to(20)
	type row struct {
		seats   int
		waiting bool
	}
	want := map[[2]int]row{{1, 1}: {3, false}, {1, 2}: {1, true}, {1, 3}: {0, true},
		{2, 1}: {3, false}, {2, 2}: {2, false}, {2, 3}: {1, false}}
	for k, w := range want {
		var got row
		if err := conn.QueryRow(ctx, `SELECT seats, waiting_since IS NOT NULL FROM event_answers
			WHERE event_id = $1 AND organisation_id = $2`, k[0], k[1]).Scan(&got.seats, &got.waiting); err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("event %d, association %d: %+v, want %+v", k[0], k[1], got, w)
		}
	}
	for id, taken := range map[int]int{1: 4, 2: 6} {
		var got int
		if err := conn.QueryRow(ctx, `SELECT seats_taken FROM events WHERE id = $1`, id).Scan(&got); err != nil || got != taken {
			t.Errorf("event %d: %d seats taken (%v), want %d", id, got, err, taken)
		}
	}
}
