package domain_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The lifecycle of a request: which
// status changes a decision may make.
func TestCanTransition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to domain.Status
		want     bool
	}{
		{domain.StatusSubmitted, domain.StatusInReview, true},
		{domain.StatusSubmitted, domain.StatusQuestion, true},
		{domain.StatusSubmitted, domain.StatusApproved, true},
		{domain.StatusSubmitted, domain.StatusDeclined, true},
		{domain.StatusInReview, domain.StatusQuestion, true},
		{domain.StatusQuestion, domain.StatusInReview, true},
		{domain.StatusInReview, domain.StatusApproved, true},
		{domain.StatusInReview, domain.StatusDeclined, true},
		{domain.StatusQuestion, domain.StatusApproved, true},
		{domain.StatusApproved, domain.StatusMatching, true},
		{domain.StatusMatching, domain.StatusAssigned, true},
		{domain.StatusAssigned, domain.StatusScheduled, true},
		{domain.StatusAssigned, domain.StatusMatching, true},
		{domain.StatusScheduled, domain.StatusMatching, false},
		{domain.StatusScheduled, domain.StatusCompleted, true},
		{domain.StatusCompleted, domain.StatusClosed, true},
		{domain.StatusSubmitted, domain.StatusCancelled, true},
		{domain.StatusQuestion, domain.StatusCancelled, true},
		{domain.StatusMatching, domain.StatusCancelled, true},
		{domain.StatusAssigned, domain.StatusCancelled, false},
		{domain.StatusDeclined, domain.StatusCancelled, false},
		{domain.StatusClosed, domain.StatusCancelled, false},
		{domain.StatusCancelled, domain.StatusCancelled, false},
		{domain.StatusSubmitted, domain.StatusSubmitted, false},
		{domain.StatusInReview, domain.StatusSubmitted, false},
		{domain.StatusApproved, domain.StatusDeclined, false},
		{domain.StatusDeclined, domain.StatusApproved, false},
		{domain.StatusSubmitted, domain.StatusMatching, false},
		{domain.StatusApproved, domain.StatusAssigned, false},
		{domain.StatusClosed, domain.StatusSubmitted, false},
		{"bogus", domain.StatusInReview, false},
		{domain.StatusSubmitted, "bogus", false},
	}
	for _, tc := range tests {
		t.Run(string(tc.from)+"_to_"+string(tc.to), func(t *testing.T) {
			if got := domain.CanTransition(tc.from, tc.to); got != tc.want {
				t.Errorf("CanTransition(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

// A request may be withdrawn until an advisor is assigned, not after a
// decline.
func TestCanCancelUntilAssigned(t *testing.T) {
	t.Parallel()
	all := []domain.Status{domain.StatusSubmitted, domain.StatusInReview, domain.StatusQuestion, domain.StatusApproved,
		domain.StatusDeclined, domain.StatusMatching, domain.StatusAssigned, domain.StatusScheduled,
		domain.StatusCompleted, domain.StatusClosed, domain.StatusCancelled}
	want := map[domain.Status]bool{domain.StatusSubmitted: true, domain.StatusInReview: true,
		domain.StatusQuestion: true, domain.StatusApproved: true, domain.StatusMatching: true}
	for _, s := range all {
		if got := domain.CanCancel(s); got != want[s] {
			t.Errorf("CanCancel(%s) = %v, want %v", s, got, want[s])
		}
	}
}
