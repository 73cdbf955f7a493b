package statistics

import (
	"bytes"
	"log/slog"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// csvType is the content type of the exported file.
const csvType = "text/csv; charset=utf-8"

// export sends the figures of the quarter with code as a CSV of style,
// below its screen (shown again in place).
func (d Deps) export(t *engine.Turn, code string, style engine.CSVStyle) {
	v, ok := d.load(t, code)
	if !ok {
		return
	}
	t.Replace(v.screen(t))
	var b bytes.Buffer
	n, err := writeCSV(&b, t, style, v.st)
	if err != nil {
		t.Fail(err)
		return
	}
	t.SendDocument(domain.Document{Name: "statistik-" + v.q.Code() + ".csv", Content: b.Bytes(), Type: csvType,
		Caption: t.T(keyCaption, map[string]any{"Quarter": label(t, v.q), "Count": n})})
	t.Log().Info("statistics export", slog.String("quarter", v.q.Code()), slog.Int("rows", n), slog.Int("style", int(style)))
}

// sheet writes the rows of the CSV: a section, a figure and its value,
// each label in the turn's language. The first error sticks.
type sheet struct {
	t       *engine.Turn
	c       *engine.CSVWriter
	section string
	rows    int
	err     error
}

// row writes one figure of the current section.
func (s *sheet) row(figure string, value string) {
	if s.err == nil {
		s.err = s.c.Row(s.c.Text(s.section), s.c.Text(figure), value)
		s.rows++
	}
}

// count writes a figure labelled by key (with data) and its count.
func (s *sheet) count(key string, data map[string]any, n int) {
	s.row(s.t.Plain(key, data), strconv.Itoa(n))
}

// named writes a count for each of keys in their order, zeros included,
// labelled by key with the key's name.
func named[K comparable](s *sheet, key string, keys []K, counts map[K]int, name func(K) string) {
	for _, k := range keys {
		s.count(key, map[string]any{"Name": name(k)}, counts[k])
	}
}

// decimal writes a figure labelled by key (with data) and v with places
// decimals; an empty cell when ok is false (nothing to take it from).
func (s *sheet) decimal(key string, data map[string]any, v float64, places int, ok bool) {
	value := ""
	if ok {
		value = s.c.Decimal(v, places)
	}
	s.row(s.t.Plain(key, data), value)
}

// writeCSV writes st to b as a CSV of style with the figures' labels in
// the turn's language, and returns how many figures it holds.
func writeCSV(b *bytes.Buffer, t *engine.Turn, style engine.CSVStyle, st domain.Statistics) (int, error) {
	c, err := engine.NewCSV(b, style, t.Location(),
		[]string{t.Plain(keyColSection, nil), t.Plain(keyColFigure, nil), t.Plain(keyColValue, nil)})
	if err != nil {
		return 0, err
	}
	s := &sheet{t: t, c: c}
	requestRows(s, st.Requests)
	offerRows(s, st.Offers)
	workloadRows(s, st.Workload)
	eventRows(s, st.Events)
	ratingRows(s, st.Ratings)
	if s.err != nil {
		return 0, s.err
	}
	return s.rows, c.Close()
}

// requestRows are the requests' figures: every status, topic and
// Bundesland (zeros too) and the three medians with what they cover.
func requestRows(s *sheet, r domain.RequestFigures) {
	t := s.t
	s.section = t.Plain(keySecRequests, nil)
	s.count(keyFigTotal, nil, r.Total)
	named(s, keyFigStatus, statuses, r.ByStatus, statusName(t))
	named(s, keyFigTopic, domain.Topics, r.ByTopic, topicName(t))
	named(s, keyFigState, domain.States, r.ByState, t.StateName)
	for _, m := range []struct {
		key string
		m   domain.Median
	}{{keyStepApproval, r.ToApproval}, {keyStepAssignment, r.ToAssignment}, {keyStepCompletion, r.ToCompletion}} {
		step := map[string]any{"Step": t.Plain(m.key, nil)}
		s.decimal(keyFigMedianDays, step, m.m.Days, 1, m.m.N > 0)
		s.count(keyFigMedianN, step, m.m.N)
	}
}

// offerRows are the offers' figures: sent, each outcome, each reason.
func offerRows(s *sheet, o domain.OfferFigures) {
	t := s.t
	s.section = t.Plain(keySecOffers, nil)
	s.count(keyFigSent, nil, o.Sent)
	outcomes := map[domain.OfferStatus]int{domain.OfferAccepted: o.Accepted, domain.OfferDeclined: o.Declined,
		domain.OfferExpired: o.Expired, domain.OfferTaken: o.Taken, domain.OfferWithdrawn: o.Withdrawn, domain.OfferOpen: o.Open}
	for _, k := range outcomeKeys {
		s.count(keyFigOutcome, map[string]any{"Name": t.Plain(k.key, nil)}, outcomes[k.status])
	}
	named(s, keyFigReason, domain.DeclineReasons, o.Reasons, reasonName(t))
}

// workloadRows are the advisors' workload, as counts only.
func workloadRows(s *sheet, w domain.Workload) {
	s.section = s.t.Plain(keySecWorkload, nil)
	s.count(keyFigAdvisors, nil, w.Advisors)
	for n := range 3 {
		s.count(keyFigWith, map[string]any{"N": n}, w.With(n))
	}
	s.count(keyFigWithMore, nil, w.With(-3))
	s.count(keyFigMax, nil, w.Max)
	s.decimal(keyFigMedianSeats, nil, w.Median, 1, w.Advisors > 0)
}

// eventRows are the events' figures.
func eventRows(s *sheet, e domain.EventFigures) {
	t := s.t
	s.section = t.Plain(keySecEvents, nil)
	s.count(keyFigPublished, nil, e.Published)
	s.count(keyFigCancelled, nil, e.Cancelled)
	s.count(keyFigInvited, nil, e.Invited)
	s.count(keyFigAnswered, nil, e.Answered)
	s.decimal(keyFigAnswerRate, nil, e.AnswerRate(), 1, e.Invited > 0)
	replies := map[domain.EventReply]int{domain.ReplyYes: e.Yes, domain.ReplyMaybe: e.Maybe, domain.ReplyNo: e.No}
	for _, r := range replyKeys {
		s.count(keyFigReply, map[string]any{"Name": t.Plain(r.key, nil)}, replies[r.reply])
	}
	s.count(keyFigPersons, nil, e.Persons)
	s.count(keyFigCame, nil, e.Came)
	s.count(keyFigNotCame, nil, e.NotCame)
}

// ratingRows are the ratings' figures: count, mean, and each number of
// stars from five down.
func ratingRows(s *sheet, g domain.RatingFigures) {
	s.section = s.t.Plain(keySecRatings, nil)
	s.count(keyFigRatings, nil, g.Count())
	s.decimal(keyFigMeanStars, nil, g.Mean(), 2, g.Count() > 0)
	for i := len(g.Stars); i >= 1; i-- {
		s.count(keyFigStars, map[string]any{"N": i}, g.Stars[i-1])
	}
}
