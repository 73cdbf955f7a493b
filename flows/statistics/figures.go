package statistics

import (
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// statuses are the request statuses in the order of their lifecycle.
var statuses = []domain.Status{domain.StatusSubmitted, domain.StatusInReview, domain.StatusQuestion,
	domain.StatusApproved, domain.StatusDeclined, domain.StatusMatching, domain.StatusAssigned, domain.StatusScheduled,
	domain.StatusCompleted, domain.StatusClosed, domain.StatusCancelled}

// figuresText is the screen of quarter q's figures st: a heading and five
// short sections.
func figuresText(t *engine.Turn, q domain.Quarter, st domain.Statistics) string {
	from, to := q.Span(t.Location())
	r, o, w, e, g := st.Requests, st.Offers, st.Workload, st.Events, st.Ratings
	return strings.Join([]string{
		t.T(keyHead, map[string]any{"Quarter": label(t, q), "From": t.FormatDate(from),
			"To": t.FormatDate(to.AddDate(0, 0, -1)), "Zone": t.Location().String()}),
		t.T(keyRequests, map[string]any{"Total": r.Total,
			"Statuses":   items(t, statuses, r.ByStatus, statusName(t)),
			"Topics":     items(t, domain.Topics, r.ByTopic, topicName(t)),
			"States":     items(t, domain.States, r.ByState, t.StateName),
			"ToApproval": median(t, r.ToApproval), "ToAssignment": median(t, r.ToAssignment),
			"ToCompletion": median(t, r.ToCompletion)}),
		t.T(keyOffers, map[string]any{"Sent": o.Sent, "Accepted": o.Accepted, "Declined": o.Declined, "Expired": o.Expired,
			"Taken": o.Taken, "Withdrawn": o.Withdrawn, "Open": o.Open,
			"Reasons": items(t, domain.DeclineReasons, o.Reasons, reasonName(t))}),
		t.T(keyWorkload, map[string]any{"Advisors": w.Advisors, "Zero": w.With(0), "One": w.With(1), "Two": w.With(2),
			"More": w.With(-3), "Max": w.Max, "Median": workloadMedian(t, w)}),
		t.T(keyEvents, map[string]any{"Published": e.Published, "Cancelled": e.Cancelled, "Invited": e.Invited,
			"Answered": e.Answered, "Rate": rate(t, e), "Yes": e.Yes, "Persons": e.Persons, "Maybe": e.Maybe, "No": e.No,
			"Came": e.Came, "NotCame": e.NotCame}),
		t.T(keyRatings, map[string]any{"Count": g.Count(), "Mean": mean(t, g), "S1": g.Stars[0], "S2": g.Stars[1],
			"S3": g.Stars[2], "S4": g.Stars[3], "S5": g.Stars[4]}),
	}, "\n\n")
}

// items lists the keys with a count other than zero in counts, in the
// order of keys, each by its name and count, as Telegram HTML ("Bayern 2
// · Hessen 1"); a dash when every count is zero.
func items[K comparable](t *engine.Turn, keys []K, counts map[K]int, name func(K) string) engine.HTML {
	var out []string
	for _, k := range keys {
		if n := counts[k]; n != 0 {
			out = append(out, t.T(keyItem, map[string]any{"Name": name(k), "N": n}))
		}
	}
	if len(out) == 0 {
		return engine.HTML(t.T(keyNone, nil))
	}
	return engine.HTML(strings.Join(out, " · "))
}

// median is m in days with one decimal and how many it covers; a dash
// when it covers none.
func median(t *engine.Turn, m domain.Median) engine.HTML {
	if m.N == 0 {
		return engine.HTML(t.T(keyNone, nil))
	}
	return engine.HTML(t.T(keyMedian, map[string]any{"Days": decimal(t, m.Days), "N": m.N}))
}

// rate is the answer rate of e in percent with one decimal; a dash when
// nobody was invited.
func rate(t *engine.Turn, e domain.EventFigures) engine.HTML {
	if e.Invited == 0 {
		return engine.HTML(t.T(keyNone, nil))
	}
	return engine.HTML(t.T(keyPercent, map[string]any{"N": decimal(t, e.AnswerRate())}))
}

// workloadMedian is the median of the seats the advisors took, with one
// decimal; a dash without advisors.
func workloadMedian(t *engine.Turn, w domain.Workload) engine.HTML {
	if w.Advisors == 0 {
		return engine.HTML(t.T(keyNone, nil))
	}
	return engine.HTML(decimal(t, w.Median))
}

// mean is the mean stars of g with one decimal; a dash without ratings.
func mean(t *engine.Turn, g domain.RatingFigures) engine.HTML {
	if g.Count() == 0 {
		return engine.HTML(t.T(keyNone, nil))
	}
	return engine.HTML(decimal(t, g.Mean()))
}

// decimal is v with one decimal in the turn's language ("1,5", "1.5").
func decimal(t *engine.Turn, v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", t.Plain(keyDecimalSep, nil), 1)
}

// statusName names request statuses in the turn's language.
func statusName(t *engine.Turn) func(domain.Status) string {
	return func(s domain.Status) string { return t.Texts().StatusName(t.Lang(), s) }
}

// topicName names topics in the turn's language.
func topicName(t *engine.Turn) func(domain.Topic) string {
	return func(tp domain.Topic) string { return t.Texts().TopicName(t.Lang(), tp) }
}

// reasonName names the reasons of declined offers in the turn's language.
func reasonName(t *engine.Turn) func(domain.DeclineReason) string {
	return func(r domain.DeclineReason) string { return t.Plain(reasonKeys[r], nil) }
}
