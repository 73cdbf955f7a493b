package outbox

import (
	"testing"
	"time"
)

// An instance alone books back-to-back slots while the limit is busy;
// a wider gap was booked by another instance, and the limit counts as shared
// for sharedFor after it.
func TestSharingDetectsOtherInstances(t *testing.T) {
	const every = 40 * time.Millisecond
	type booking struct {
		asked, answered, wait int // milliseconds: the call from t0 on, and the wait for the slot
		shared                bool
	}
	tests := []struct {
		name     string
		bookings []booking
	}{
		{"alone and busy", []booking{
			{0, 1, 0, false}, {2, 3, 38, false}, {3, 4, 77, false}, {4, 5, 116, false},
		}},
		{"alone with an idle pause", []booking{
			{0, 1, 0, false}, {2, 3, 38, false}, {900, 901, 0, false}, {902, 903, 38, false},
			{1500, 1501, 1, false}, // rounded to just ahead of now
		}},
		{"a slow answer from Redis is no gap", []booking{
			{0, 1, 0, false}, {2, 3, 38, false}, {5, 60, 75, false}, {61, 62, 59, false},
		}},
		{"another instance took a slot in between", []booking{
			{0, 1, 0, false}, {2, 3, 38, false}, {4, 5, 116, true}, {6, 7, 154, true},
			{2001, 2002, 0, true}, {2008, 2009, 33, false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := sharing{every: every}
			for i, b := range tt.bookings {
				got := h.booked(ms(b.asked), ms(b.answered), time.Duration(b.wait)*time.Millisecond)
				if got != b.shared {
					t.Fatalf("booking %d: shared %v, want %v", i, got, b.shared)
				}
			}
		})
	}
}
