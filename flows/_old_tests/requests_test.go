package flows_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestCanTransition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to flows.Status
		want     bool
	}{
		{flows.StatusSubmitted, flows.StatusInReview, true},
		{flows.StatusSubmitted, flows.StatusQuestion, true},
		{flows.StatusSubmitted, flows.StatusApproved, true},
		{flows.StatusSubmitted, flows.StatusDeclined, true},
		{flows.StatusInReview, flows.StatusQuestion, true},
		{flows.StatusQuestion, flows.StatusInReview, true},
		{flows.StatusInReview, flows.StatusApproved, true},
		{flows.StatusInReview, flows.StatusDeclined, true},
		{flows.StatusQuestion, flows.StatusApproved, true},
		{flows.StatusApproved, flows.StatusMatching, true},
		{flows.StatusMatching, flows.StatusAssigned, true},
		{flows.StatusAssigned, flows.StatusScheduled, true},
		{flows.StatusScheduled, flows.StatusCompleted, true},
		{flows.StatusCompleted, flows.StatusClosed, true},
		{flows.StatusSubmitted, flows.StatusCancelled, true},
		{flows.StatusQuestion, flows.StatusCancelled, true},
		{flows.StatusMatching, flows.StatusCancelled, true},
		{flows.StatusAssigned, flows.StatusCancelled, false},
		{flows.StatusDeclined, flows.StatusCancelled, false},
		{flows.StatusClosed, flows.StatusCancelled, false},
		{flows.StatusCancelled, flows.StatusCancelled, false},
		{flows.StatusSubmitted, flows.StatusSubmitted, false},
		{flows.StatusInReview, flows.StatusSubmitted, false},
		{flows.StatusApproved, flows.StatusDeclined, false},
		{flows.StatusDeclined, flows.StatusApproved, false},
		{flows.StatusSubmitted, flows.StatusMatching, false},
		{flows.StatusApproved, flows.StatusAssigned, false},
		{flows.StatusClosed, flows.StatusSubmitted, false},
		{"bogus", flows.StatusInReview, false},
		{flows.StatusSubmitted, "bogus", false},
	}
	for _, tc := range tests {
		t.Run(string(tc.from)+"_to_"+string(tc.to), func(t *testing.T) {
			if got := flows.CanTransition(tc.from, tc.to); got != tc.want {
				t.Errorf("CanTransition(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestCanCancelUntilAssigned(t *testing.T) {
	t.Parallel()
	all := []flows.Status{flows.StatusSubmitted, flows.StatusInReview, flows.StatusQuestion, flows.StatusApproved,
		flows.StatusDeclined, flows.StatusMatching, flows.StatusAssigned, flows.StatusScheduled,
		flows.StatusCompleted, flows.StatusClosed, flows.StatusCancelled}
	want := map[flows.Status]bool{flows.StatusSubmitted: true, flows.StatusInReview: true,
		flows.StatusQuestion: true, flows.StatusApproved: true, flows.StatusMatching: true}
	for _, s := range all {
		if got := flows.CanCancel(s); got != want[s] {
			t.Errorf("CanCancel(%s) = %v, want %v", s, got, want[s])
		}
	}
}
