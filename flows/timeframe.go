package flows

// Keys of the timeframe answers in Session.Data.
const (
	dataEarliest = "earliest"
	dataLatest   = "latest"
)

// timeframeSteps asks for the earliest and the latest date of an
// assignment. The latest may not be before the earliest; when an edited
// earliest date passes the latest, the latest is dropped with a note and
// asked again.
func timeframeSteps() []step {
	earliest := dateStep(dateSpec{name: dataEarliest, label: keyFieldEarliest, promptKey: keyTimeframeEarliestPrompt})
	check := earliest.handle
	earliest.handle = func(t *turn, in input) string {
		if problem := check(t, in); problem != "" {
			return problem
		}
		// ISO dates compare as strings.
		if l := t.get(dataLatest); l != "" && l < t.get(dataEarliest) {
			delete(t.sess.Data, dataLatest)
			t.note(keyTimeframeLatestCleared)
		}
		return ""
	}
	latest := dateStep(dateSpec{
		name: dataLatest, label: keyFieldLatest, promptKey: keyTimeframeLatestPrompt,
		data: func(t *turn) map[string]any {
			if d, ok := parseISO(t.get(dataEarliest)); ok {
				return map[string]any{"Earliest": t.formatDate(d)}
			}
			return nil
		},
		after: dataEarliest, afterKey: keyTimeframeLatestBeforeEarliest,
	})
	return []step{earliest, latest}
}
