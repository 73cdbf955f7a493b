package storage_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// An advisor's profile: none at first, then saved and read back as saved,
// replaced by a second save (the office's deactivation kept), refused when
// it breaks a rule, audited, and gone with the user.
func TestAdvisorProfileRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.st.Register(ctx, registration(e, 511, domain.RoleAdvisor), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AdvisorProfile(ctx, u.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("before saving: %v, want ErrNotFound", err)
	}
	p := domain.AdvisorProfile{UserID: u.ID,
		Expertise: []domain.Topic{domain.TopicFairTrade, domain.TopicEventsPR},
		Languages: []string{"Deutsch", "Tigrinya"}, City: "Bochum", State: "NW", Travels: []string{"NI", "HE"},
		Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, MaxPerQuarter: 3,
		PausedUntil: time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC), Reach: "Telefon 0234 123456"}
	if err := e.st.SaveAdvisorProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := e.st.AdvisorProfile(ctx, u.ID)
	want := p
	want.Name = u.Name
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("read back:\n got %+v %v\nwant %+v", got, err, want)
	}

	if _, err := e.db.Exec(ctx, `UPDATE advisor_profiles SET deactivated = true WHERE user_id = $1`, u.ID); err != nil {
		t.Fatal(err)
	}
	p2 := domain.AdvisorProfile{UserID: u.ID, Expertise: []domain.Topic{domain.TopicAgenda2030},
		Languages: []string{"Englisch"}, City: "Kiel", State: "SH", Travels: []string{"HH"}, OnlineOnly: true,
		Formats: []domain.Format{domain.FormatOnline}, Deactivated: false}
	if err := e.st.SaveAdvisorProfile(ctx, p2); err != nil {
		t.Fatal(err)
	}
	got, err = e.st.AdvisorProfile(ctx, u.ID)
	if err != nil || got.City != "Kiel" || len(got.Travels) != 0 || !got.OnlineOnly || !got.Deactivated ||
		!got.PausedUntil.IsZero() || got.Reach != "" || got.MaxPerQuarter != 0 {
		t.Fatalf("replaced: %+v %v", got, err)
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action = 'advisor.profile' AND actor_user_id = $1`, u.ID); n != 2 {
		t.Errorf("audit entries: %d, want 2", n)
	}

	for name, bad := range map[string]func(p *domain.AdvisorProfile){
		"topic":     func(p *domain.AdvisorProfile) { p.Expertise = []domain.Topic{"cooking"} },
		"format":    func(p *domain.AdvisorProfile) { p.Formats = []domain.Format{domain.FormatHybrid} },
		"no format": func(p *domain.AdvisorProfile) { p.Formats = nil },
		"state":     func(p *domain.AdvisorProfile) { p.State = "XX" },
		"travels":   func(p *domain.AdvisorProfile) { p.Travels = []string{"XX"} },
		"quota":     func(p *domain.AdvisorProfile) { p.MaxPerQuarter = -1 },
		"reach":     func(p *domain.AdvisorProfile) { p.Reach = strings.Repeat("x", domain.MaxReachLen+1) },
	} {
		q := p
		bad(&q)
		if err := e.st.SaveAdvisorProfile(ctx, q); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if err := e.st.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: 999999, City: "X", State: "NW",
		Formats: []domain.Format{domain.FormatOnline}}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("unknown user: %v, want ErrNotFound", err)
	}
	if err := e.st.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if n := e.count(t, `SELECT count(*) FROM advisor_profiles WHERE user_id = $1`, u.ID); n != 0 {
		t.Errorf("a deleted user's profile stays")
	}
}
