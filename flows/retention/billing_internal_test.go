package retention

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// purger is a BillingPurger that records when it was asked.
type purger struct{ asked []time.Time }

func (p *purger) PurgeBillingRecords(_ context.Context, now time.Time) (int, error) {
	p.asked = append(p.asked, now)
	return 4, nil
}

// The billing job asks part 2's store to purge at the job's time and logs
// the count.
func TestBillingJobPurgesAtTheJobsTime(t *testing.T) {
	p := &purger{}
	var logged strings.Builder
	now := time.Date(2035, 1, 2, 3, 37, 0, 0, time.UTC)
	env := engine.JobEnv{Now: now, Log: slog.New(slog.NewTextHandler(&logged, nil))}
	if err := (Deps{Billing: p}).purgeBilling(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	if len(p.asked) != 1 || !p.asked[0].Equal(now) {
		t.Errorf("asked %v, want once at %v", p.asked, now)
	}
	if !strings.Contains(logged.String(), `msg="retention: billing records removed" count=4`) {
		t.Errorf("logged %q", logged.String())
	}
}
