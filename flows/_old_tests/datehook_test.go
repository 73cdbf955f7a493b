package flows

import (
	"context"
	"fmt"
)

// flowDateTest is a flow that only tests have: the timeframe steps, a
// summary, and a finish that says which dates it got.
const flowDateTest = "datetest"

// StartDateTest starts the test-only timeframe flow in u's conversation as a
// command would, and sends its first question. The flow then runs through
// Handle like any other; its finish ends it with the note
// "dates <earliest> <latest>". It returns the Messenger's error.
func (e *Engine) StartDateTest(ctx context.Context, u Update, sess *Session) error {
	if e.flows[flowDateTest] == nil {
		e.flows[flowDateTest] = &flow{
			name:    flowDateTest,
			steps:   timeframeSteps(),
			summary: func(_ *turn, lines string) string { return lines },
			finish: func(t *turn) {
				done := fmt.Sprintf("dates %s %s", t.get(dataEarliest), t.get(dataLatest))
				t.endFlow()
				t.notes = append(t.notes, done)
			},
		}
	}
	t := &turn{e: e, ctx: ctx, u: u, sess: sess, now: e.cfg.Clock()}
	t.startFlow(e.flows[flowDateTest], nil, false)
	sess.Touched = t.now
	return t.flush()
}
