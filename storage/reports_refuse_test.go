package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Forged actions change nothing: an advisor confirming their own report
// (also as a contact of the municipality), a contact of another
// municipality, another advisor, an advisor reporting on a request they
// hold no seat of, a rating before any confirmation.
func TestReportRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newReportEnv(t, false)
	own := e.submit(t, e.draft(0))

	// Berater 0 also speaks for Hattingen; a contact of Witten, confirmed.
	if _, err := e.db.Exec(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, 'municipal_contact')`, e.advisors[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Exec(ctx, `INSERT INTO municipal_contacts (user_id, municipality_id, function, status, decided_at)
		VALUES ($1, $2, '', 'verified', now())`, e.advisors[0].ID, e.mun.MunicipalityID); err != nil {
		t.Fatal(err)
	}
	registerUser(t, e.env, 50, "Fremde Kontaktperson", domain.RoleMunicipal, "Witten")
	if _, err := e.db.Exec(ctx, `UPDATE municipal_contacts SET status = 'verified', decided_at = now()
		WHERE user_id = (SELECT id FROM users WHERE telegram_id = 50)`); err != nil {
		t.Fatal(err)
	}
	self, stranger, coordinator, other := e.actor(t, 100), e.actor(t, 50), e.actor(t, 2), e.actor(t, 101)
	if !self.SpeaksFor(e.mun.MunicipalityID) || !stranger.Has(domain.RoleMunicipal) || len(stranger.Verified) != 1 {
		t.Fatalf("set-up: %+v / %+v", self, stranger)
	}

	before := e.state(t)
	for _, c := range []struct {
		name string
		a    domain.Actor
	}{{"own report", self}, {"other municipality", stranger}, {"coordinator", coordinator}, {"other advisor", other}} {
		if _, err := e.st.ConfirmReport(ctx, own.ID, c.a, tellReport); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%s confirms: %v, want ErrForbidden", c.name, err)
		}
		if _, err := e.st.AskAboutReport(ctx, own.ID, c.a, "Frage?", tellReport); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%s asks: %v, want ErrForbidden", c.name, err)
		}
		if _, err := e.st.RateRequest(ctx, e.req.ID, c.a, 5, "", nil); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%s rates: %v, want ErrForbidden", c.name, err)
		}
	}
	if _, err := e.st.RateRequest(ctx, e.req.ID, e.actor(t, 1), 5, "", nil); !errors.Is(err, domain.ErrForbidden) {
		t.Errorf("rating before a confirmation: %v, want ErrForbidden", err)
	}
	d := e.draft(1) // Berater 1 holds no seat
	if _, err := e.st.SubmitReport(ctx, d, tellReport); !errors.Is(err, domain.ErrForbidden) {
		t.Errorf("a report without a seat: %v, want ErrForbidden", err)
	}
	if _, err := e.st.ConfirmReport(ctx, own.ID+1000, e.actor(t, 1), nil); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("an unknown report: %v, want ErrNotFound", err)
	}
	if after := e.state(t); after != before {
		t.Errorf("refusals changed the state:\n%s\n%s", before, after)
	}
}

// Bad input is ErrInvalid and writes nothing.
func TestReportBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newReportEnv(t, false)
	cases := []struct {
		name   string
		change func(*domain.ReportDraft)
	}{
		{"negative hours", func(d *domain.ReportDraft) { d.PrepMinutes = -60 }},
		{"more than 24 hours a day", func(d *domain.ReportDraft) { d.SessionMinutes = 48 * 60 }},
		{"more than 2000 km", func(d *domain.ReportDraft) { d.Km = 2001 }},
		{"a date before the acceptance", func(d *domain.ReportDraft) { d.Dates = []time.Time{day(23), day(25)} }},
		{"a date in the future", func(d *domain.ReportDraft) { d.Dates = []time.Time{day(28)} }},
		{"note too long", func(d *domain.ReportDraft) { d.Note = strings.Repeat("ß", 1001) }},
	}
	before := e.state(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := e.draft(0)
			c.change(&d)
			if _, err := e.st.SubmitReport(ctx, d, tellReport); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("submit: %v, want ErrInvalid", err)
			}
		})
	}
	if after := e.state(t); after != before {
		t.Errorf("bad reports changed the state:\n%s\n%s", before, after)
	}
	own := e.submit(t, e.draft(0))
	requester := e.actor(t, 1)
	before = e.state(t)
	if _, err := e.st.AskAboutReport(ctx, own.ID, requester, "", tellReport); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("empty question: %v, want ErrInvalid", err)
	}
	if _, err := e.st.AskAboutReport(ctx, own.ID, requester, strings.Repeat("?", 1001), tellReport); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("question too long: %v, want ErrInvalid", err)
	}
	if after := e.state(t); after != before {
		t.Errorf("bad questions changed the state:\n%s\n%s", before, after)
	}
	e.confirm(t, own.ID)
	before = e.state(t)
	for _, stars := range []int{0, 6} {
		if _, err := e.st.RateRequest(ctx, e.req.ID, requester, stars, "", tellRating); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%d stars: %v, want ErrInvalid", stars, err)
		}
	}
	if after := e.state(t); after != before {
		t.Errorf("bad input changed the state:\n%s\n%s", before, after)
	}
}

// tellRating writes one outbox row per rating.
func tellRating(g domain.Rating) []domain.Notification {
	return []domain.Notification{{ChatID: 1, Message: domain.Message{Text: "rated"}}}
}

// The requester side rates once, after a confirmation.
func TestRateRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newReportEnv(t, false)
	e.confirm(t, e.submit(t, e.draft(0)).ID)
	requester := e.actor(t, 1)
	g, err := e.st.RateRequest(ctx, e.req.ID, requester, 5, "Sehr hilfreich", tellRating)
	if err != nil || g.Stars != 5 || g.RaterID != requester.ID {
		t.Fatalf("rate: %+v, %v", g, err)
	}
	if _, err := e.st.RateRequest(ctx, e.req.ID, requester, 1, "", tellRating); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("rating twice: %v, want ErrConflict", err)
	}
	got, err := e.st.RatingOf(ctx, e.req.ID)
	if err != nil || got.Stars != 5 || got.Comment != "Sehr hilfreich" || !got.RatedAt.Equal(e.clock.Now()) {
		t.Fatalf("rating of the request: %+v, %v", got, err)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE text = 'rated'`); n != 1 {
		t.Errorf("%d rating notifications, want 1", n)
	}
}
