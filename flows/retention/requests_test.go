package retention_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/retention"
)

var aylin = person{ID: 7101}

// offered gives request id a seat that Aylin (an advisor) accepted, as
// a tandem withdrawn with one seat taken has: seats that point at offers.
func offered(h *flowstest.H, id int64) {
	h.T.Helper()
	ctx := context.Background()
	h.Register(aylin, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Aylin Demir"})
	h.Exec(`UPDATE requests SET status = 'approved' WHERE id = $1`, id)
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: id, CoordinatorID: h.UserID(coord),
		Mode: domain.ModeDirect, Advisors: []int64{h.UserID(aylin)}, Window: 48 * time.Hour}, nil)
	if err == nil {
		_, err = h.DB.AcceptOffer(ctx, ch.Opened[0].ID, h.UserID(aylin), nil)
	}
	if err != nil {
		h.T.Fatal(err)
	}
	h.Exec(`UPDATE requests SET status = 'cancelled' WHERE id = $1`, id)
	if n := count(h, `SELECT count(*) FROM request_seats WHERE request_id = $1 AND offer_id IS NOT NULL`, id); n != 1 {
		h.T.Fatalf("%d seats with an offer, want 1", n)
	}
}

// Declined and withdrawn requests go a year after their last change, with
// their history and reports; one changed a day short of a year stays (and
// goes two days on), other states stay, and so does a request with a
// confirmed report, whatever its age.
func TestEndedRequestsGoAfterAYear(t *testing.T) {
	h, l := newH(t)
	h.RegisterCoordinators()
	h.RegisterMunicipal(muni, "de")
	now, coordID, muniID := h.Clock.Now(), h.UserID(coord), h.UserID(muni)
	req := func(status string, changed int) int64 {
		r := h.SubmitRequest(muni, false, fmt.Sprintf("rt-%s-%d", status, changed))
		h.Exec(`UPDATE requests SET status = $2, updated_at = $3 WHERE id = $1`, r.ID, status, now.AddDate(-1, 0, changed))
		return r.ID
	}
	report := func(id int64, confirmed bool) {
		h.Exec(`INSERT INTO reports (request_id, advisor_id, version, status, dates, prep_minutes, session_minutes,
				followup_minutes, note, submitted_at, confirmed_by, confirmed_at)
			VALUES ($1, $2, 1, CASE WHEN $3 THEN 'confirmed' ELSE 'submitted' END, '{2026-01-12}', 60, 120, 0,
				'Workshop mit Erika', $4, CASE WHEN $3 THEN $5::bigint END, CASE WHEN $3 THEN $4::timestamptz END)`,
			id, coordID, confirmed, now.AddDate(-2, 0, 0), muniID)
	}
	declined, withdrawn := req("declined", -1), req("cancelled", -1)
	report(declined, false)
	offered(h, withdrawn)
	h.Exec(`UPDATE requests SET updated_at = $2 WHERE id = $1`, withdrawn, now.AddDate(-1, 0, -1))
	young, closed, billed := req("declined", 1), req("closed", -400), req("cancelled", -400)
	report(billed, true)
	l.take()

	h.RunJob(retention.JobRequests)
	h.RunJob(retention.JobRequests)
	runTwiceAtOnce(h, retention.JobRequests)
	for id, want := range map[int64]bool{declined: false, withdrawn: false, young: true, closed: true, billed: true} {
		if got := exists(h, "requests", id); got != want {
			t.Errorf("request %d there: %v, want %v", id, got, want)
		}
	}
	for _, table := range []string{"request_events", "reports", "offers", "request_seats"} {
		if n := count(h, `SELECT count(*) FROM `+table+` WHERE request_id = ANY($1)`, []int64{declined, withdrawn}); n != 0 {
			t.Errorf("%d rows of %s left of the removed requests", n, table)
		}
	}
	line := "retention: declined and withdrawn requests removed count="
	expectLog(h, l, []string{line + "2", line + "0", line + "0", line + "0"}, "Erika", "Hattingen", "MG-")

	h.Clock.Advance(2 * day)
	h.RunJob(retention.JobRequests)
	if exists(h, "requests", young) || !exists(h, "requests", billed) {
		t.Errorf("two days on: the younger one there %v, the billed one there %v", exists(h, "requests", young),
			exists(h, "requests", billed))
	}
	expectLog(h, l, []string{line + "1"})
}
