package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestConcurrentDecisionsOneWins(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	for round := range 5 {
		r := e.submit(t, fmt.Sprintf("race-%d", round), nil)
		if _, err := e.st.Transition(ctx, r.ID, e.coordA.ID, []flows.Status{flows.StatusSubmitted},
			flows.StatusInReview, flows.EventStatus, "", nil); err != nil {
			t.Fatalf("take in review: %v", err)
		}
		deciders := []struct {
			by   flows.User
			to   flows.Status
			note string
		}{{e.coordA, flows.StatusApproved, ""}, {e.coordB, flows.StatusDeclined, "Nicht im Programm"}}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, d := range deciders {
			wg.Go(func() {
				_, errs[i] = e.st.Transition(ctx, r.ID, d.by.ID, []flows.Status{flows.StatusInReview},
					d.to, flows.EventStatus, d.note, e.toRequester)
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
		var c *flows.StatusConflict
		if !errors.As(errs[lose], &c) || !errors.Is(errs[lose], flows.ErrConflict) {
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
		if err != nil || len(hist) != 3 || hist[2].To != w.to || hist[2].From != flows.StatusInReview || hist[2].Note != w.note {
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
		do   func() (flows.Request, error)
		want flows.Status
	}{
		{"ask without review", func() (flows.Request, error) {
			return e.st.Transition(ctx, r.ID, e.coordA.ID, []flows.Status{flows.StatusSubmitted, flows.StatusInReview},
				flows.StatusQuestion, flows.EventQuestion, "Wie viele Vereine?", e.toRequester)
		}, flows.StatusQuestion},
		{"ask again", func() (flows.Request, error) {
			return e.st.AddEvent(ctx, r.ID, e.coordA.ID, []flows.Status{flows.StatusQuestion},
				flows.EventQuestion, "Und welche Sprachen?", e.toRequester)
		}, flows.StatusQuestion},
		{"answer", func() (flows.Request, error) {
			return e.st.Transition(ctx, r.ID, e.requester.ID, []flows.Status{flows.StatusQuestion},
				flows.StatusInReview, flows.EventAnswer, "Zwölf, Türkisch", e.toCoordinators)
		}, flows.StatusInReview},
		{"approve", func() (flows.Request, error) {
			return e.st.Transition(ctx, r.ID, e.coordB.ID, []flows.Status{flows.StatusInReview},
				flows.StatusApproved, flows.EventStatus, "", e.toRequester)
		}, flows.StatusApproved},
		{"cancel", func() (flows.Request, error) {
			return e.st.Transition(ctx, r.ID, e.requester.ID, []flows.Status{flows.StatusApproved, flows.StatusMatching},
				flows.StatusCancelled, flows.EventStatus, "", e.toCoordinators)
		}, flows.StatusCancelled},
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
	in := func(s ...flows.Status) []flows.Status { return s }
	tests := []struct {
		name string
		id   int64
		from []flows.Status
		to   flows.Status
		kind flows.EventKind
		note string
		want error
	}{
		{"skip ahead", r.ID, in(flows.StatusSubmitted), flows.StatusMatching, flows.EventStatus, "", flows.ErrInvalid},
		{"cancel after assignment", r.ID, in(flows.StatusAssigned), flows.StatusCancelled, flows.EventStatus, "", flows.ErrInvalid},
		{"decline without reason", r.ID, in(flows.StatusSubmitted), flows.StatusDeclined, flows.EventStatus, "", flows.ErrInvalid},
		{"note changes no status", r.ID, in(flows.StatusSubmitted), flows.StatusInReview, flows.EventNote, "x", flows.ErrInvalid},
		{"question without text", r.ID, in(flows.StatusSubmitted), flows.StatusQuestion, flows.EventQuestion, "", flows.ErrInvalid},
		{"no from", r.ID, nil, flows.StatusInReview, flows.EventStatus, "", flows.ErrInvalid},
		{"unknown request", 999, in(flows.StatusSubmitted), flows.StatusInReview, flows.EventStatus, "", flows.ErrNotFound},
		{"stale status", r.ID, in(flows.StatusInReview), flows.StatusApproved, flows.EventStatus, "", flows.ErrConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.st.Transition(ctx, tc.id, e.coordA.ID, tc.from, tc.to, tc.kind, tc.note, e.toRequester)
			if !errors.Is(err, tc.want) {
				t.Fatalf("transition: %v, want %v", err, tc.want)
			}
		})
	}
	_, err := e.st.Transition(ctx, r.ID, e.coordA.ID, in(flows.StatusInReview), flows.StatusApproved, flows.EventStatus, "", nil)
	var c *flows.StatusConflict
	if !errors.As(err, &c) || c.Status != flows.StatusSubmitted || c.ByID != e.requester.ID {
		t.Errorf("stale status conflict = %+v, want submitted by the requester", c)
	}
	addTests := []struct {
		name string
		id   int64
		kind flows.EventKind
		note string
		want error
	}{
		{"status kind", r.ID, flows.EventStatus, "x", flows.ErrInvalid},
		{"empty note", r.ID, flows.EventQuestion, "", flows.ErrInvalid},
		{"unknown request", 999, flows.EventQuestion, "x", flows.ErrNotFound},
		{"not in question", r.ID, flows.EventAnswer, "x", flows.ErrConflict},
	}
	for _, tc := range addTests {
		t.Run("add event "+tc.name, func(t *testing.T) {
			_, err := e.st.AddEvent(ctx, tc.id, e.requester.ID, in(flows.StatusQuestion), tc.kind, tc.note, e.toCoordinators)
			if !errors.Is(err, tc.want) {
				t.Fatalf("add event: %v, want %v", err, tc.want)
			}
		})
	}
	if c := e.counts(t); c != [3]int{1, 1, 0} {
		t.Errorf("requests, events, outbox = %v after refusals, want [1 1 0]", c)
	}
	if _, err := e.st.History(ctx, 999); !errors.Is(err, flows.ErrNotFound) {
		t.Errorf("history of unknown request: %v, want ErrNotFound", err)
	}
}
