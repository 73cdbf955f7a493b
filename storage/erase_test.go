package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// The erasure keeps the row's id only: no name, consent, roles, links or
// Telegram id; a second erasure finds nothing; registering again with the
// same Telegram id makes a new row.
func TestEraseUserKeepsOnlyTheID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, role := range []domain.Role{domain.RoleMunicipal, domain.RoleOrganisation} {
		t.Run(string(role), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			u, err := e.st.Register(ctx, registration(e, 1, role), nil, domain.RoleCoordinator)
			if err != nil {
				t.Fatal(err)
			}
			if err := e.st.DeleteUser(ctx, u.ID); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if _, err := e.st.UserByTelegramID(ctx, 1); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("erased user still found: %v", err)
			}
			checks := map[string]string{
				"row kept, erased": `SELECT count(*) FROM users WHERE id = $1 AND name = '' AND consent_at IS NULL
					AND deleted_at IS NOT NULL AND telegram_id = -id AND chat_id = -id`,
				"roles":       `SELECT 1 - count(*) FROM user_roles WHERE user_id = $1`,
				"contacts":    `SELECT 1 - count(*) FROM municipal_contacts WHERE user_id = $1`,
				"memberships": `SELECT 1 - count(*) FROM organisation_members WHERE user_id = $1`,
				"audit":       `SELECT count(*) FROM audit_log WHERE action = 'user.erase' AND actor_user_id = $1`,
			}
			for name, q := range checks {
				if n := e.count(t, q, u.ID); n != 1 {
					t.Errorf("%s: check gave %d, want 1", name, n)
				}
			}
			if _, err := e.st.EraseUser(ctx, u.ID); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("second erasure: err = %v, want ErrNotFound", err)
			}
			if err := e.st.GrantRole(ctx, u.ID, domain.RoleAdvisor); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("grant role to erased user: err = %v, want ErrNotFound", err)
			}
			again, err := e.st.Register(ctx, registration(e, 1, domain.RoleAdvisor), nil)
			if err != nil {
				t.Fatalf("register again: %v", err)
			}
			if again.ID == u.ID || !slices.Equal(again.Roles, []domain.Role{domain.RoleAdvisor}) {
				t.Errorf("after re-registration: %+v (erased row %d)", again, u.ID)
			}
		})
	}
}

// A confirmed version stays locked for everyone but the erasure of its
// advisor, which copies it to billing_records (locked until 31.12. of the
// confirmation's year plus the retention) and blanks only its note; the
// purge deletes the copy and the version itself after that day.
func TestEraseLocksBillingAndPurges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newReportEnv(t, false)
	r := e.submit(t, e.draft(0))
	e.confirm(t, r.ID)
	adv := e.advisors[0].ID
	if _, err := e.db.Exec(ctx, `UPDATE reports SET note = '' WHERE id = $1`, r.ID); err == nil {
		t.Fatal("a confirmed version's note was changed before any erasure")
	}
	plan, err := e.st.ErasurePlan(ctx, adv)
	until := time.Date(2034, 12, 31, 0, 0, 0, 0, time.UTC)
	if err != nil || len(plan.Billing) != 1 || !plan.Billing[0].LockedUntil.Equal(until) {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	er, err := e.st.EraseUser(ctx, adv)
	if err != nil || er.Billing != 1 || !er.LockedUntil.Equal(until) {
		t.Fatalf("erase: %+v, %v", er, err)
	}
	if n := e.count(t, `SELECT count(*) FROM reports WHERE id = $1 AND status = 'confirmed' AND note = ''
		AND km = 120 AND prep_minutes = 180`, r.ID); n != 1 {
		t.Error("the confirmed version lost more than its note")
	}
	if n := e.count(t, `SELECT count(*) FROM billing_records WHERE report_id = $1 AND advisor_name <> ''
		AND km = 120 AND km_rate_cents = 30 AND other_cents = 1250 AND locked_until = '2034-12-31'`, r.ID); n != 1 {
		t.Error("no billing record with the figures")
	}
	lines, err := e.st.ConfirmedInPeriod(ctx, day(1), day(30))
	if err != nil || len(lines) != 1 || lines[0].Advisor != e.advisors[0].Name || lines[0].Note != "" {
		t.Errorf("the billing export after the erasure: %+v, %v", lines, err)
	}
	if _, err := e.db.Exec(ctx, `UPDATE reports SET km = 1 WHERE id = $1`, r.ID); err == nil {
		t.Error("the figures of a confirmed version were changed after the erasure")
	}
	if n, err := e.st.PurgeBillingRecords(ctx, time.Date(2034, 12, 31, 12, 0, 0, 0, time.UTC)); err != nil || n != 0 {
		t.Errorf("purge on the last day: %d, %v", n, err)
	}
	if n, err := e.st.PurgeBillingRecords(ctx, time.Date(2035, 1, 1, 12, 0, 0, 0, time.UTC)); err != nil || n != 1 {
		t.Errorf("purge after the period: %d, %v; want 1", n, err)
	}
	if n := e.count(t, `SELECT count(*) FROM reports WHERE advisor_id = $1`, adv); n != 0 {
		t.Errorf("%d report rows of the erased advisor remain after the purge", n)
	}
	if n := e.count(t, `SELECT count(*) FROM billing_records WHERE report_id = $1`, r.ID); n != 0 {
		t.Error("the billing record remains after the purge")
	}
}

// BILLING_RETENTION moves the date.
func TestBillingRetentionIsConfigured(t *testing.T) {
	t.Parallel()
	st := storagetest.Store(t, storage.WithBillingRetention(10))
	if _, err := st.ErasurePlan(context.Background(), 1); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("plan of nobody: %v", err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	got := domain.BillingLockedUntil(time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), 10, berlin)
	if want := time.Date(2037, 12, 31, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("locked until %v, want %v (New Year's Eve in Berlin is 2027)", got, want)
	}
}

// The erasure of one advisor of a tandem keeps the rating's stars (the
// partner's too) and blanks its comment (about both); the erasure of an
// advisor alone deletes the rating.
func TestEraseRatingOfATandem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tandem := range []bool{true, false} {
		e := newReportEnv(t, tandem)
		e.confirm(t, e.submit(t, e.draft(0)).ID)
		if _, err := e.st.RateRequest(ctx, e.req.ID, e.actor(t, 1), 4, "Beide sehr hilfreich", tellRating); err != nil {
			t.Fatalf("rate: %v", err)
		}
		if _, err := e.st.EraseUser(ctx, e.advisors[0].ID); err != nil {
			t.Fatalf("erase: %v", err)
		}
		got := e.count(t, `SELECT count(*) FROM report_ratings WHERE request_id = $1 AND stars = 4 AND comment = ''`, e.req.ID)
		all := e.count(t, `SELECT count(*) FROM report_ratings WHERE request_id = $1`, e.req.ID)
		if tandem && (got != 1 || all != 1) {
			t.Errorf("tandem: %d ratings, %d with the stars and no comment; want the partner's kept, blanked", all, got)
		}
		if !tandem && all != 0 {
			t.Errorf("alone: %d ratings remain, want none", all)
		}
	}
}

// A cancellation's reason is the canceller's: erasing the advisor who
// proposed blanks their own reason and keeps the requester's.
func TestEraseBlanksOnlyTheCancellersReason(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	theirs, mine := e.agree(t, 72), e.agree(t, 96)
	if _, err := e.st.CancelAppointment(ctx, theirs.ID, e.requester.ID, "Gemeinderat tagt", apptTell); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CancelAppointment(ctx, mine.ID, e.advisors[0].ID, "krank", apptTell); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.EraseUser(ctx, e.advisors[0].ID); err != nil {
		t.Fatalf("erase: %v", err)
	}
	if n := e.count(t, `SELECT count(*) FROM appointments WHERE id = $1 AND reason = 'Gemeinderat tagt'`, theirs.ID); n != 1 {
		t.Error("the requester's reason was blanked with the advisor's erasure")
	}
	if n := e.count(t, `SELECT count(*) FROM appointments WHERE id = $1 AND reason = ''`, mine.ID); n != 1 {
		t.Error("the advisor's own reason was kept")
	}
}
