package storage_test

import (
	"context"
	"testing"
	"time"
)

// Migration 023 on a database with users: each user's last contact is the
// latest trace the tables hold of them (an audit entry, a request's
// history, an event answer), else their registration; no warning is out.
func TestMigrationBackfillsLastSeen(t *testing.T) {
	ctx := context.Background()
	db := migratedTo(t, 22)
	exec := db.exec
	reg := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for id := 1; id <= 3; id++ {
		exec(`INSERT INTO users (id, telegram_id, chat_id, name, consent_at, created_at) VALUES ($1, $1, $1, 'Aylin', $2, $2)`, id, reg)
	}
	exec(`INSERT INTO audit_log (at, actor_user_id, action) VALUES ($1, 1, 'user.language'), ($2, 1, 'user.role')`,
		reg.AddDate(0, 2, 0), reg.AddDate(0, 5, 0))
	exec(`INSERT INTO organisations (id, name, city, topics) VALUES (1, 'Verein', 'Dortmund', '{culture}')`)
	exec(`INSERT INTO events (id, organiser_id, status, title, starts_at, ends_at, place, city, state, topics, created_at,
			updated_at, published_at) VALUES (1, 1, 'published', 'Fest', $1, $2, 'Platz', 'Dortmund', 'NW', '{culture}', $1, $1, $1)`,
		reg, reg.Add(time.Hour))
	exec(`INSERT INTO event_answers (event_id, organisation_id, reply, answered_by, answered_at) VALUES (1, 1, 'no', 2, $1)`,
		reg.AddDate(1, 0, 0))
	db.to(23)
	for id, want := range map[int]time.Time{1: reg.AddDate(0, 5, 0), 2: reg.AddDate(1, 0, 0), 3: reg} {
		var (
			seen     time.Time
			warnings int
		)
		if err := db.conn.QueryRow(ctx, `SELECT last_seen_at, erase_warnings FROM users WHERE id = $1`, id).Scan(&seen, &warnings); err != nil {
			t.Fatal(err)
		}
		if !seen.Equal(want) || warnings != 0 {
			t.Errorf("user %d: last seen %v with %d warnings, want %v and none", id, seen, warnings, want)
		}
	}
}
