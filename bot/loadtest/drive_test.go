package main

import (
	"testing"
	"time"
)

func TestThinkTime(t *testing.T) {
	t.Run("no think time", func(t *testing.T) {
		for _, mean := range []time.Duration{0, -time.Millisecond} {
			if got := thinkTime(mean); got != 0 {
				t.Errorf("thinkTime(%v) = %v, want 0", mean, got)
			}
		}
	})
	t.Run("within half to one and a half of the mean", func(t *testing.T) {
		const mean, draws = 50 * time.Millisecond, 10000
		lo, hi := mean, mean
		var sum time.Duration
		for range draws {
			d := thinkTime(mean)
			if d < mean/2 || d >= mean*3/2 {
				t.Fatalf("thinkTime(%v) = %v, want in [%v, %v)", mean, d, mean/2, mean*3/2)
			}
			lo, hi, sum = min(lo, d), max(hi, d), sum+d
		}
		// Uniform draws: the extremes come near both ends and the mean near
		// mean (its standard error here is about 0.15 ms).
		if lo > 30*time.Millisecond || hi < 70*time.Millisecond {
			t.Errorf("draws spread over [%v, %v] only; want them near [25ms, 75ms)", lo, hi)
		}
		if avg := sum / draws; avg < 48*time.Millisecond || avg > 52*time.Millisecond {
			t.Errorf("mean of %d draws = %v, want about %v", draws, avg, mean)
		}
	})
}

func TestStagger(t *testing.T) {
	const think = 50 * time.Millisecond
	tests := []struct {
		name  string
		i, n  int
		think time.Duration
		want  time.Duration
	}{
		{"first user starts at once", 0, 100, think, 0},
		{"users spread over one think time", 50, 100, think, 25 * time.Millisecond},
		{"last user starts before one think time", 99, 100, think, 49500 * time.Microsecond},
		{"no think time, no stagger", 99, 100, 0, 0},
		{"no users", 0, 0, think, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := stagger(tc.i, tc.n, tc.think); got != tc.want {
				t.Errorf("stagger(%d, %d, %v) = %v, want %v", tc.i, tc.n, tc.think, got, tc.want)
			}
		})
	}
}
