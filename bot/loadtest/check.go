package main

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// fakeCheck stands in for a testing.TB so that telegramfake.CheckTB can tell
// the benchmark about calls the fake rejected and callback queries the bot
// never answered.
type fakeCheck struct {
	mu       sync.Mutex
	cleanups []func()
	problems []string
}

var _ telegramfake.TB = (*fakeCheck)(nil)

func (c *fakeCheck) Helper() {}

func (c *fakeCheck) Cleanup(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cleanups = append(c.cleanups, f)
}

func (c *fakeCheck) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// finish runs the checks (once) and returns every problem found.
func (c *fakeCheck) finish() []string {
	c.mu.Lock()
	fns := c.cleanups
	c.cleanups = nil
	c.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.problems
}

// count429 counts the calls the fake answered with 429 Too Many Requests.
func count429(calls []telegramfake.Call) int {
	n := 0
	for _, c := range calls {
		if c.Code == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}
