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

func TestConcurrentDecisionsOneWins(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	for round := range 5 {
		r := e.submit(t, fmt.Sprintf("race-%d", round), nil)
		if _, err := e.st.Transition(ctx, r.ID, e.coordA.ID, []domain.Status{domain.StatusSubmitted},
			domain.StatusInReview, domain.EventStatus, "", nil); err != nil {
			t.Fatalf("take in review: %v", err)
		}
		deciders := []struct {
			by   domain.User
			to   domain.Status
			note string
		}{{e.coordA, domain.StatusApproved, ""}, {e.coordB, domain.StatusDeclined, "Nicht im Programm"}}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, d := range deciders {
			wg.Go(func() {
				_, errs[i] = e.st.Transition(ctx, r.ID, d.by.ID, []domain.Status{domain.StatusInReview},
					d.to, domain.EventStatus, d.note, e.toRequester)
			})
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("round %d: errors %v, %v; want exactly one winner", round, errs[0], errs[1])
		}
		win, lose := 0, 1
		if errs[0] != nil {
			win, lose = 1, 0
		}
		var c *domain.StatusConflict
		if !errors.As(errs[lose], &c) || !errors.Is(errs[lose], domain.ErrConflict) {
			t.Fatalf("loser's error %v is no *StatusConflict wrapping ErrConflict", errs[lose])
		}
		w := deciders[win]
		if c.Status != w.to || c.ByID != w.by.ID || c.ByName != w.by.Name || c.RequestID != r.ID || c.At.IsZero() {
			t.Errorf("conflict = %+v, want status %s by %d (%s)", c, w.to, w.by.ID, w.by.Name)
		}
		got, err := e.st.RequestByID(ctx, r.ID)
		if err != nil || got.Status != w.to {
			t.Errorf("status = %s, %v; want %s", got.Status, err, w.to)
		}
		hist, err := e.st.History(ctx, r.ID)
		if err != nil || len(hist) != 3 || hist[2].To != w.to || hist[2].From != domain.StatusInReview || hist[2].Note != w.note {
			t.Errorf("history = %+v, %v", hist, err)
		}
	}
	if n := e.count(t, `SELECT count(*) FROM outbox`); n != 5 {
		t.Errorf("outbox rows = %d, want 5 (only the winners notify)", n)
	}
}

func TestQuestionAnswerAndCancel(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	r := e.submit(t, "qa", nil)
	steps := []struct {
		name string
		do   func() (domain.Request, error)
		want domain.Status
	}{
		{"ask without review", func() (domain.Request, error) {
			return e.st.Transition(ctx, r.ID, e.coordA.ID, []domain.Status{domain.StatusSubmitted, domain.StatusInReview},
				domain.StatusQuestion, domain.EventQuestion, "Wie viele Vereine?", e.toRequester)
		}, domain.StatusQuestion},
		{"ask again", func() (domain.Request, error) {
			return e.st.AddEvent(ctx, r.ID, e.coordA.ID, []domain.Status{domain.StatusQuestion},
				domain.EventQuestion, "Und welche Sprachen?", e.toRequester)
		}, domain.StatusQuestion},
		{"answer", func() (domain.Request, error) {
			return e.st.Transition(ctx, r.ID, e.requester.ID, []domain.Status{domain.StatusQuestion},
				domain.StatusInReview, domain.EventAnswer, "Zwölf, Türkisch", e.toCoordinators)
		}, domain.StatusInReview},
		{"approve", func() (domain.Request, error) {
			return e.st.Transition(ctx, r.ID, e.coordB.ID, []domain.Status{domain.StatusInReview},
				domain.StatusApproved, domain.EventStatus, "", e.toRequester)
		}, domain.StatusApproved},
		{"cancel", func() (domain.Request, error) {
			return e.st.Transition(ctx, r.ID, e.requester.ID, []domain.Status{domain.StatusApproved, domain.StatusMatching},
				domain.StatusCancelled, domain.EventStatus, "", e.toCoordinators)
		}, domain.StatusCancelled},
	}
	for _, s := range steps {
		e.clock.Add(time.Minute)
		got, err := s.do()
		if err != nil || got.Status != s.want || !got.UpdatedAt.Equal(e.clock.Now()) {
			t.Fatalf("%s: status %s updated %v, %v; want %s at %v", s.name, got.Status, got.UpdatedAt, err, s.want, e.clock.Now())
		}
	}
	hist, err := e.st.History(ctx, r.ID)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	var kinds []string
	for _, h := range hist {
		kinds = append(kinds, fmt.Sprintf("%s:%s>%s", h.Kind, h.From, h.To))
	}
	want := []string{"status:>submitted", "question:submitted>question", "question:>", "answer:question>in_review",
		"status:in_review>approved", "status:approved>cancelled"}
	if !slices.Equal(kinds, want) {
		t.Errorf("history = %v, want %v", kinds, want)
	}
	if hist[2].Note != "Und welche Sprachen?" || hist[3].ActorID != e.requester.ID {
		t.Errorf("question row %+v, answer row %+v", hist[2], hist[3])
	}
	if n := e.count(t, `SELECT count(*) FROM outbox`); n != 1+1+2+1+2 {
		t.Errorf("outbox rows = %d, want 7", n)
	}
}

func TestTransitionRefusals(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	r := e.submit(t, "refuse", nil)
	in := func(s ...domain.Status) []domain.Status { return s }
	tests := []struct {
		name string
		id   int64
		from []domain.Status
		to   domain.Status
		kind domain.EventKind
		note string
		want error
	}{
		{"skip ahead", r.ID, in(domain.StatusSubmitted), domain.StatusMatching, domain.EventStatus, "", domain.ErrInvalid},
		{"cancel after assignment", r.ID, in(domain.StatusAssigned), domain.StatusCancelled, domain.EventStatus, "", domain.ErrInvalid},
		{"decline without reason", r.ID, in(domain.StatusSubmitted), domain.StatusDeclined, domain.EventStatus, "", domain.ErrInvalid},
		{"note changes no status", r.ID, in(domain.StatusSubmitted), domain.StatusInReview, domain.EventNote, "x", domain.ErrInvalid},
		{"question without text", r.ID, in(domain.StatusSubmitted), domain.StatusQuestion, domain.EventQuestion, "", domain.ErrInvalid},
		{"no from", r.ID, nil, domain.StatusInReview, domain.EventStatus, "", domain.ErrInvalid},
		{"unknown request", 999, in(domain.StatusSubmitted), domain.StatusInReview, domain.EventStatus, "", domain.ErrNotFound},
		{"stale status", r.ID, in(domain.StatusInReview), domain.StatusApproved, domain.EventStatus, "", domain.ErrConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.st.Transition(ctx, tc.id, e.coordA.ID, tc.from, tc.to, tc.kind, tc.note, e.toRequester)
			if !errors.Is(err, tc.want) {
				t.Fatalf("transition: %v, want %v", err, tc.want)
			}
		})
	}
	_, err := e.st.Transition(ctx, r.ID, e.coordA.ID, in(domain.StatusInReview), domain.StatusApproved, domain.EventStatus, "", nil)
	var c *domain.StatusConflict
	if !errors.As(err, &c) || c.Status != domain.StatusSubmitted || c.ByID != e.requester.ID {
		t.Errorf("stale status conflict = %+v, want submitted by the requester", c)
	}
	addTests := []struct {
		name string
		id   int64
		kind domain.EventKind
		note string
		want error
	}{
		{"status kind", r.ID, domain.EventStatus, "x", domain.ErrInvalid},
		{"empty note", r.ID, domain.EventQuestion, "", domain.ErrInvalid},
		{"unknown request", 999, domain.EventQuestion, "x", domain.ErrNotFound},
		{"not in question", r.ID, domain.EventAnswer, "x", domain.ErrConflict},
	}
	for _, tc := range addTests {
		t.Run("add event "+tc.name, func(t *testing.T) {
			_, err := e.st.AddEvent(ctx, tc.id, e.requester.ID, in(domain.StatusQuestion), tc.kind, tc.note, e.toCoordinators)
			if !errors.Is(err, tc.want) {
				t.Fatalf("add event: %v, want %v", err, tc.want)
			}
		})
	}
	if c := e.counts(t); c != [3]int{1, 1, 0} {
		t.Errorf("requests, events, outbox = %v after refusals, want [1 1 0]", c)
	}
	if _, err := e.st.History(ctx, 999); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("history of unknown request: %v, want ErrNotFound", err)
	}
}
