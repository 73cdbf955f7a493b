package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Consents: the registration's are stored with their times; giving the
// version that holds changes nothing; a new version adds a row; the actor
// reads what holds; the optional purpose is withdrawn and given again, the
// privacy notice cannot be withdrawn; an unknown user is not found.
func TestConsentsGiveAndWithdraw(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := registration(e, 31, domain.RoleAdvisor)
	r.Consents = []domain.Consent{{Purpose: domain.PurposePrivacy, Version: 2, GivenAt: r.ConsentAt},
		{Purpose: domain.PurposeReminders, Version: 1, GivenAt: r.ConsentAt}}
	u, err := e.st.Register(ctx, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.st.ActorByTelegramID(ctx, 31)
	if err != nil || a.Agreed[domain.PurposePrivacy] != 2 || a.Agreed[domain.PurposeReminders] != 1 {
		t.Fatalf("actor agreed %v %v", a.Agreed, err)
	}
	if given, err := e.st.GiveConsent(ctx, u.ID, domain.PurposePrivacy, 2); given || err != nil {
		t.Fatalf("giving the version that holds: %v %v", given, err)
	}
	e.clock.Add(time.Hour)
	if given, err := e.st.GiveConsent(ctx, u.ID, domain.PurposePrivacy, 3); !given || err != nil {
		t.Fatalf("give version 3: %v %v", given, err)
	}
	if _, err := e.st.WithdrawConsent(ctx, u.ID, domain.PurposePrivacy); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("withdrawing the privacy notice: %v", err)
	}
	if _, err := e.st.GiveConsent(ctx, u.ID, "newsletter", 1); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("an unknown purpose: %v", err)
	}
	for _, want := range []bool{true, false} {
		if withdrawn, err := e.st.WithdrawConsent(ctx, u.ID, domain.PurposeReminders); withdrawn != want || err != nil {
			t.Fatalf("withdraw reminders: %v %v, want %v", withdrawn, err, want)
		}
	}
	a, err = e.st.ActorByTelegramID(ctx, 31)
	if err != nil || a.Agreed[domain.PurposePrivacy] != 3 || a.Agreed[domain.PurposeReminders] != 0 {
		t.Fatalf("actor agreed %v %v", a.Agreed, err)
	}
	list, err := e.st.ConsentsOf(ctx, u.ID)
	if err != nil || len(list) != 3 || list[2].Version != 3 || !list[2].GivenAt.Equal(r.ConsentAt.Add(time.Hour)) ||
		list[1].Purpose != domain.PurposeReminders || list[1].Holds() {
		t.Fatalf("consents %+v %v", list, err)
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action LIKE 'consent.%' AND actor_user_id = $1`, u.ID); n != 2 {
		t.Errorf("%d audit entries, want 2 (give 3, withdraw)", n)
	}
	if _, err := e.st.GiveConsent(ctx, u.ID+100, domain.PurposeReminders, 1); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("an unknown user: %v", err)
	}

	// Registering again (a deleted user coming back) starts afresh: the
	// old reminders do not come back with the account.
	e.clock.Add(time.Hour)
	r.ConsentAt, r.Consents = e.clock.Now(), []domain.Consent{{Purpose: domain.PurposePrivacy, Version: 3, GivenAt: e.clock.Now()}}
	if _, err := e.st.GiveConsent(ctx, u.ID, domain.PurposeReminders, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.Register(ctx, r, nil); err != nil {
		t.Fatal(err)
	}
	a, err = e.st.ActorByTelegramID(ctx, 31)
	if err != nil || len(a.Agreed) != 1 || a.Agreed[domain.PurposePrivacy] != 3 {
		t.Fatalf("after registering again: agreed %v %v", a.Agreed, err)
	}
}

// Migration 022 records every registered user's consent as the privacy
// notice's version 1 at its time, with the appointment reminders they had
// been getting (reminders version 1); a deleted user gets none.
func TestMigrationBackfillsPrivacyVersion1(t *testing.T) {
	ctx := context.Background()
	db := migratedTo(t, 21)
	conn, m := db.conn, db.m
	at := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	if _, err := conn.Exec(ctx, `INSERT INTO users (id, telegram_id, chat_id, name, consent_at, deleted_at)
		VALUES (1, 1, 1, 'Aylin', $1, NULL), (2, 2, 2, '', NULL, $1)`, at); err != nil {
		t.Fatal(err)
	}
	if err := m.MigrateTo(ctx, 22); err != nil {
		t.Fatalf("migrate to 022: %v", err)
	}
	rows, err := conn.Query(ctx, `SELECT user_id, purpose, version, given_at FROM user_consents ORDER BY purpose`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var (
			user    int64
			purpose string
			version int
			given   time.Time
		)
		if err := rows.Scan(&user, &purpose, &version, &given); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s v%d %v", user, purpose, version, given.Equal(at)))
	}
	want := []string{"1 " + domain.PurposePrivacy + " v1 true", "1 " + domain.PurposeReminders + " v1 true"}
	if rows.Err() != nil || !slices.Equal(got, want) {
		t.Fatalf("backfill: %q, want %q (%v)", got, want, rows.Err())
	}
}
