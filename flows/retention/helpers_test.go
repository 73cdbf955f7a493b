package retention_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// day is a calendar day's length, for moving the clock.
const day = 24 * time.Hour

// logs records what the bot logged, as "message key=value ..." lines.
type logs struct {
	mu    sync.Mutex
	lines []string
	attrs []slog.Attr // of WithAttrs
}

func (l *logs) Enabled(context.Context, slog.Level) bool { return true }

func (l *logs) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	add := func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	}
	for _, a := range l.attrs {
		add(a)
	}
	r.Attrs(add)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, b.String())
	return nil
}

func (l *logs) WithAttrs(as []slog.Attr) slog.Handler {
	return &logs{attrs: append(append([]slog.Attr{}, l.attrs...), as...)}
}

func (l *logs) WithGroup(string) slog.Handler { return l }

// take returns the lines logged since the last take and forgets them.
func (l *logs) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

// newH is a harness whose logs the test reads.
func newH(t *testing.T) (*flowstest.H, *logs) {
	t.Helper()
	l := &logs{}
	h := flowstest.NewConfigured(t, func(c *flows.Config) { c.Log = slog.New(l) })
	return h, l
}

// expectLog fails unless the lines logged since the last take are exactly
// want (in order), and none holds a word of secret (names, places, texts
// the test entered, Telegram ids).
func expectLog(h *flowstest.H, l *logs, want []string, secret ...string) {
	h.T.Helper()
	got := l.take()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		h.T.Errorf("logged\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, line := range got {
		for _, s := range secret {
			if strings.Contains(line, s) {
				h.T.Errorf("log line %q holds %q", line, s)
			}
		}
	}
}

// runTwiceAtOnce runs job name on two "instances" at the same time.
func runTwiceAtOnce(h *flowstest.H, name string) {
	h.T.Helper()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() {
			for _, j := range h.Engine.Jobs() {
				if j.Name == name {
					errs[i] = j.Run(context.Background())
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			h.T.Fatal(err)
		}
	}
}

// count is the number of rows of sql (a SELECT count(*)).
func count(h *flowstest.H, sql string, args ...any) int {
	h.T.Helper()
	return int(h.QueryInt(sql, args...))
}
