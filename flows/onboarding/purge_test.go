package onboarding_test

import (
	"errors"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// purgeJob returns the registered job that purges invites.
func purgeJob(h *flowstest.H) engine.ScheduledJob {
	h.T.Helper()
	for _, j := range h.Engine.Jobs() {
		if j.Name == "invites.purge" {
			return j
		}
	}
	h.T.Fatal("no job invites.purge registered")
	return engine.ScheduledJob{}
}

// expectInvites fails unless exactly the codes marked true are stored.
func expectInvites(h *flowstest.H, want map[string]bool) {
	h.T.Helper()
	for code, kept := range want {
		_, err := h.DB.InviteByCode(h.T.Context(), code)
		if gone := errors.Is(err, domain.ErrNotFound); gone == kept || err != nil && !gone {
			h.T.Errorf("invite %s: kept %v (err %v), want kept %v", code, !gone, err, kept)
		}
	}
}

func TestInvitePurgeKeepsRecentAndUsedInvites(t *testing.T) {
	h := flowstest.New(t)
	job := purgeJob(h)
	if job.Spec != "17 3 * * *" {
		t.Errorf("spec %q, want nightly", job.Spec)
	}
	start := flowstest.Start
	invite(h, "old-unused", domain.RoleAdvisor, start.Add(-domain.InviteRetention-time.Hour))
	invite(h, "just-kept", domain.RoleAdvisor, start.Add(-domain.InviteRetention+time.Minute))
	invite(h, "recent-unused", domain.RoleAdvisor, start.Add(-time.Hour))
	invite(h, "valid", domain.RoleAdvisor, start.Add(time.Hour))
	invite(h, "used", domain.RoleAdvisor, start.Add(time.Hour))
	p := flowstest.Person{ID: 6101}
	h.Send(p, "/start used")
	onboardAfterStart(h, p, "Amira Haddad")
	h.Confirm(p, "de")

	if err := job.Run(t.Context()); err != nil {
		t.Fatalf("run: %v", err)
	}
	expectInvites(h, map[string]bool{"old-unused": false, "just-kept": true, "recent-unused": true, "valid": true, "used": true})
	if err := job.Run(t.Context()); err != nil { // twice does no harm
		t.Fatalf("second run: %v", err)
	}

	// The retention later, every unused invite has expired long enough;
	// the used one stays.
	h.Clock.Advance(domain.InviteRetention + 2*time.Hour)
	if err := job.Run(t.Context()); err != nil {
		t.Fatalf("run: %v", err)
	}
	expectInvites(h, map[string]bool{"just-kept": false, "recent-unused": false, "valid": false, "used": true})
	if u, err := h.User(p); err != nil || !u.Has(domain.RoleAdvisor) {
		t.Errorf("the invited user after the purge: %+v, %v", u, err)
	}
}
