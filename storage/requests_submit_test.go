package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestSubmitWritesRequestHistoryAndOutboxTogether(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	r := e.submit(t, "draft-1", e.toCoordinators)

	if r.Ref != "MG-2026-0001" || r.Status != domain.StatusSubmitted || r.Municipality != "Hattingen" {
		t.Fatalf("request = %s %s %s", r.Ref, r.Status, r.Municipality)
	}
	d := e.draft()
	if !r.Earliest.Equal(d.Earliest) || !r.Latest.Equal(d.Latest) || !slices.Equal(r.Languages, d.Languages) ||
		r.Topic != d.Topic || r.Format != d.Format || r.Urgency != d.Urgency || !r.Tandem || r.Place != d.Place {
		t.Fatalf("fields did not round trip: %+v", r)
	}
	if !r.CreatedAt.Equal(e.clock.Now()) {
		t.Errorf("created at %v, want the store clock %v", r.CreatedAt, e.clock.Now())
	}
	got, err := e.st.RequestByRef(ctx, r.Ref)
	if err != nil || got.ID != r.ID {
		t.Fatalf("by ref: %v, %v", got.ID, err)
	}
	hist, err := e.st.History(ctx, r.ID)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	if h := hist[0]; h.Kind != domain.EventStatus || h.From != "" || h.To != domain.StatusSubmitted ||
		h.ActorID != e.requester.ID || h.ActorName != "Sabine Krüger" {
		t.Errorf("first history row = %+v", h)
	}
	want := []string{"Neue Anfrage MG-2026-0001 (submitted)", "Neue Anfrage MG-2026-0001 (submitted)"}
	if got := e.texts(t); !slices.Equal(got, want) {
		t.Errorf("outbox = %q, want %q", got, want)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = $1 AND buttons IS NOT NULL`, e.coordA.ChatID); n != 1 {
		t.Errorf("outbox rows for coordinator A with buttons = %d, want 1", n)
	}

	e.submit(t, "draft-2", nil)
	if c := e.counts(t); c != [3]int{2, 2, 2} {
		t.Errorf("after a submit without notifications: requests, events, outbox = %v, want [2 2 2]", c)
	}
}

func TestFailedSubmitLeavesNothingAndConsumesNoNumber(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	badNote := func(domain.Request) []domain.Notification {
		return []domain.Notification{{ChatID: 1, Message: domain.Message{Text: "ok"}}, {ChatID: 2}} // empty text
	}
	tests := []struct {
		name   string
		edit   func(*domain.RequestDraft)
		key    string
		notify func(domain.Request) []domain.Notification
		want   error
	}{
		{"outbox write fails", func(*domain.RequestDraft) {}, "k", badNote, domain.ErrInvalid},
		{"description too short", func(d *domain.RequestDraft) { d.Description = "kurz" }, "k", nil, domain.ErrInvalid},
		{"latest before earliest", func(d *domain.RequestDraft) { d.Latest = d.Earliest.AddDate(0, 0, -1) }, "k", nil, domain.ErrInvalid},
		{"other topic without text", func(d *domain.RequestDraft) { d.Topic = domain.TopicOther }, "k", nil, domain.ErrInvalid},
		{"on site without place", func(d *domain.RequestDraft) { d.Format, d.Place = domain.FormatOnSite, "" }, "k", nil, domain.ErrInvalid},
		{"unknown format", func(d *domain.RequestDraft) { d.Format = "telepathy" }, "k", nil, domain.ErrInvalid},
		{"empty language", func(d *domain.RequestDraft) { d.Languages = []string{""} }, "k", nil, domain.ErrInvalid},
		{"empty submit key", func(*domain.RequestDraft) {}, "", nil, domain.ErrInvalid},
		{"unknown municipality", func(d *domain.RequestDraft) { d.MunicipalityID = 999 }, "k", nil, domain.ErrNotFound},
		{"unknown requester", func(d *domain.RequestDraft) { d.RequesterID = 999 }, "k", nil, domain.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := e.draft()
			tc.edit(&d)
			_, created, err := e.st.SubmitRequest(ctx, d, tc.key, tc.notify)
			if !errors.Is(err, tc.want) || created {
				t.Fatalf("submit: created=%v, err %v; want %v", created, err, tc.want)
			}
			if c := e.counts(t); c != [3]int{0, 0, 0} {
				t.Fatalf("requests, events, outbox = %v after a failed submit", c)
			}
		})
	}
	if r := e.submit(t, "k", e.toCoordinators); r.Ref != "MG-2026-0001" {
		t.Errorf("first successful submit got %s, want MG-2026-0001", r.Ref)
	}
}

func TestSubmitIsIdempotentByKey(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	first := e.submit(t, "double-tap", e.toCoordinators)
	again, created, err := e.st.SubmitRequest(ctx, e.draft(), "double-tap", e.toCoordinators)
	if err != nil || created || again.ID != first.ID || again.Ref != first.Ref {
		t.Fatalf("second submit: id %d created=%v, %v; want id %d, created=false", again.ID, created, err, first.ID)
	}

	const n = 10
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		ids     = map[int64]int{}
		creates int
	)
	for range n {
		wg.Go(func() {
			r, created, err := e.st.SubmitRequest(ctx, e.draft(), "same-update", e.toCoordinators)
			if err != nil {
				t.Errorf("concurrent submit: %v", err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			ids[r.ID]++
			if created {
				creates++
			}
		})
	}
	wg.Wait()
	if len(ids) != 1 || creates != 1 {
		t.Fatalf("%d concurrent submits with one key: ids %v, %d created; want one id, one created", n, ids, creates)
	}
	if c := e.counts(t); c != [3]int{2, 2, 4} {
		t.Errorf("requests, events, outbox = %v, want [2 2 4] (two requests, one set of notifications each)", c)
	}
	if n := e.count(t, `SELECT last FROM request_counters WHERE year = 2026`); n != 2 {
		t.Errorf("counter = %d, want 2 (duplicates consume no number)", n)
	}
	other := registerUser(t, e.env, 9, "Jemand anders", domain.RoleMunicipal, "Hattingen")
	_, created, err = e.st.SubmitRequest(ctx, e.draftOf(other.ID, e.mun.MunicipalityID), "double-tap", nil)
	if !errors.Is(err, domain.ErrConflict) || created {
		t.Errorf("another requester's submit with a used key: created=%v, %v; want ErrConflict", created, err)
	}
}

func TestConcurrentSubmitsGetRefsWithoutGaps(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	const n = 20
	refs := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r, created, err := e.st.SubmitRequest(ctx, e.draft(), fmt.Sprintf("key-%d", i), nil)
			if err != nil || !created {
				t.Errorf("submit %d: created=%v, %v", i, created, err)
			}
			refs[i] = r.Ref
		})
	}
	wg.Wait()
	slices.Sort(refs)
	for i, ref := range refs {
		if want := fmt.Sprintf("MG-2026-%04d", i+1); ref != want {
			t.Fatalf("refs = %v; position %d is %q, want %q", refs, i, ref, want)
		}
	}

	e.clock.Add(40 * 24 * time.Hour) // into 2027
	if r := e.submit(t, "next-year", nil); r.Ref != "MG-2027-0001" {
		t.Errorf("first ref of the next year = %s, want MG-2027-0001", r.Ref)
	}
}
