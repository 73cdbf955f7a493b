package storage_test

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// statsWorld builds the records of the statistics straight in the tables,
// with exact times (UTC), so that every figure is known.
type statsWorld struct {
	env
	t    *testing.T
	next int // the next Telegram id, reference and key
}

// at is a moment in UTC.
func at(month time.Month, day, hour int) time.Time {
	return time.Date(2026, month, day, hour, 0, 0, 0, time.UTC)
}

// days is d days.
func days(d float64) time.Duration { return time.Duration(d * 24 * float64(time.Hour)) }

// id runs an INSERT ... RETURNING id.
func (w *statsWorld) id(sql string, args ...any) int64 {
	w.t.Helper()
	var id int64
	if err := w.db.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		w.t.Fatalf("%s: %v", sql, err)
	}
	return id
}

// exec runs sql.
func (w *statsWorld) exec(sql string, args ...any) {
	w.t.Helper()
	if _, err := w.db.Exec(context.Background(), sql, args...); err != nil {
		w.t.Fatalf("%s: %v", sql, err)
	}
}

// user stores a user with role granted at granted.
func (w *statsWorld) user(role domain.Role, granted time.Time) int64 {
	w.t.Helper()
	w.next++
	id := w.id(`INSERT INTO users (telegram_id, chat_id, name, consent_at) VALUES ($1, $1, 'Person', $2) RETURNING id`,
		w.next, granted)
	w.exec(`INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3)`, id, string(role), granted)
	return id
}

// request stores a request of municipality muni by requester, submitted at
// created, now in status, with approval and completion events after the
// days given (negative: none).
func (w *statsWorld) request(requester, muni int64, created time.Time, status domain.Status, topic domain.Topic,
	approved, completed float64) int64 {
	w.t.Helper()
	w.next++
	id := w.id(`INSERT INTO requests (ref, submit_key, status, requester_id, municipality_id, department, topic,
			topic_other, description, goal, format, earliest, latest, created_at, updated_at, contact_function)
		VALUES ($1, $1, $2, $3, $4, 'Integration', $5, CASE WHEN $5 = 'other' THEN 'Sonstiges' ELSE '' END,
			'Eine Beschreibung mit genug Zeichen.', 'Ziel', 'online', '2027-01-01', '2027-03-31', $6, $6, '')
		RETURNING id`, fmt.Sprintf("MG-2026-%04d", w.next), string(status), requester, muni, string(topic), created)
	w.exec(`INSERT INTO request_events (request_id, at, kind, to_status) VALUES ($1, $2, 'status', 'submitted')`, id, created)
	for _, e := range []struct {
		after float64
		to    string
	}{{approved, "approved"}, {completed, "completed"}} {
		if e.after >= 0 {
			w.exec(`INSERT INTO request_events (request_id, at, kind, from_status, to_status) VALUES ($1, $2, 'status', 'x', $3)`,
				id, created.Add(days(e.after)), e.to)
		}
	}
	return id
}

// offer stores an offer of request to advisor sent at sent (zero: still
// queued) in status, with reason when declined; an accepted one takes
// seat at taken.
func (w *statsWorld) offer(request, advisor int64, sent time.Time, status domain.OfferStatus, reason domain.DeclineReason,
	seat int, taken time.Time) {
	w.t.Helper()
	var offered, deadline, why any
	if !sent.IsZero() {
		offered, deadline = sent, sent.Add(48*time.Hour)
	}
	if reason != "" {
		why = string(reason)
	}
	id := w.id(`INSERT INTO offers (request_id, advisor_id, mode, status, position, answer_secs, created_at, offered_at,
			deadline, decline_reason)
		VALUES ($1, $2, 'parallel', $3, 0, 172800, $4, $5, $6, $7) RETURNING id`,
		request, advisor, string(status), at(7, 1, 0), offered, deadline, why)
	if seat > 0 {
		w.exec(`INSERT INTO request_seats (request_id, seat, advisor_id, offer_id, assigned_at) VALUES ($1, $2, $3, $4, $5)`,
			request, seat, advisor, id, taken)
	}
}

// event stores an event published at published (zero: a draft), cancelled
// when told, inviting the members of orgs; answers are the answers of
// orgs in turn: "yes:3:came", "yes:4:away", "yes:2", "no", "maybe", "" (none).
func (w *statsWorld) event(organiser int64, published time.Time, cancelled bool, orgs []int64, members map[int64][]int64,
	answers ...string) {
	w.t.Helper()
	status, pub, canc := "draft", any(nil), any(nil)
	if !published.IsZero() {
		status, pub = "published", published
	}
	if cancelled {
		status, canc = "cancelled", published.Add(time.Hour)
	}
	id := w.id(`INSERT INTO events (organiser_id, status, title, starts_at, ends_at, link, city, state, topics,
			created_at, updated_at, published_at, cancelled_at)
		VALUES ($1, $2, 'Fest', '2027-02-01 17:00Z', '2027-02-01 19:00Z', 'https://example.org', 'Dortmund', 'NW',
			'{culture}', $3, $3, $4, $5) RETURNING id`, organiser, status, at(7, 1, 0), pub, canc)
	for i, org := range orgs {
		for _, m := range members[org] {
			w.exec(`INSERT INTO event_invitations (event_id, organisation_id, user_id, invited_at) VALUES ($1, $2, $3, $4)`,
				id, org, m, at(7, 1, 0))
		}
		parts := append(strings.Split(answers[i], ":"), "", "")
		reply, persons, came := parts[0], 0, any(nil)
		if parts[1] != "" {
			persons, _ = strconv.Atoi(parts[1])
		}
		if parts[2] != "" {
			came = parts[2] == "came"
		}
		if reply != "" {
			w.exec(`INSERT INTO event_answers (event_id, organisation_id, reply, persons, seats, answered_at, attended)
				VALUES ($1, $2, $3, $4, $4, $5, $6)`, id, org, reply, persons, at(7, 1, 0), came)
		}
	}
}

// org stores an organisation with n members.
func (w *statsWorld) org(n int, members map[int64][]int64) int64 {
	w.t.Helper()
	id := w.id(`INSERT INTO organisations (name, city, state, topics) VALUES ('Verein', 'Dortmund', 'NW', '{culture}') RETURNING id`)
	for range n {
		m := w.user(domain.RoleOrganisation, at(7, 1, 0))
		w.exec(`INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)`, id, m)
		members[id] = append(members[id], m)
	}
	return id
}

// rate stores a rating of request.
func (w *statsWorld) rate(request int64, stars int, when time.Time) {
	w.t.Helper()
	w.exec(`INSERT INTO report_ratings (request_id, stars, comment, rated_at) VALUES ($1, $2, 'Sehr gut', $3)`,
		request, stars, when)
}

// berlinQuarter is the calendar quarter of 2026 that starts in month, in
// Berlin: [from, to).
func berlinQuarter(t *testing.T, month time.Month) (time.Time, time.Time) {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, month, 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 3, 0)
}

// A known data set across Q3 and Q4 2026 (Berlin): every figure of each
// quarter exactly, medians included; a request submitted at 01:00 on 1
// October in Berlin (still 30 September in UTC) counts in Q4, one at 23:00
// on 30 September in Q3; queued offers, drafts and advisors who joined
// after the quarter do not count; an empty quarter has zeros.
func TestStatisticsOfTwoQuarters(t *testing.T) {
	t.Parallel()
	w := &statsWorld{env: newEnv(t), t: t}
	nw := w.id(`INSERT INTO municipalities (name, state) VALUES ('Hattingen', 'NW') RETURNING id`)
	by := w.id(`INSERT INTO municipalities (name, state) VALUES ('München', 'BY') RETURNING id`)
	muni := w.user(domain.RoleMunicipal, at(7, 1, 0))
	var adv []int64
	for _, granted := range []time.Time{at(7, 1, 0), at(7, 1, 0), at(7, 1, 0), at(7, 1, 0), at(10, 15, 0),
		time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)} {
		adv = append(adv, w.user(domain.RoleAdvisor, granted))
	}

	// Q3: two requests, two offers sent, one seat, one event, one rating.
	r00 := w.request(muni, nw, at(8, 1, 10), domain.StatusAssigned, domain.TopicPartnerships, 2, -1)
	r0 := w.request(muni, nw, at(9, 30, 21), domain.StatusDeclined, domain.TopicFairTrade, -1, -1)
	w.offer(r00, adv[0], at(8, 3, 10), domain.OfferDeclined, domain.DeclineDistance, 0, time.Time{})
	w.offer(r00, adv[3], at(8, 4, 10), domain.OfferAccepted, "", 1, at(8, 5, 10))
	w.rate(r0, 2, at(9, 20, 12))

	// Q4: five requests.
	r1 := w.request(muni, nw, at(9, 30, 23), domain.StatusClosed, domain.TopicInterculturalOpening, 1, 10)
	r2 := w.request(muni, nw, at(10, 10, 10), domain.StatusCompleted, domain.TopicAgenda2030, 2, 20)
	r3 := w.request(muni, by, at(11, 1, 10), domain.StatusMatching, domain.TopicInterculturalOpening, 3, -1)
	r4 := w.request(muni, nw, at(11, 5, 10), domain.StatusCancelled, domain.TopicOther, -1, -1)
	r5 := w.request(muni, by, at(12, 1, 10), domain.StatusAssigned, domain.TopicAgenda2030, 0.5, -1)
	// Offers: eleven sent, one still queued.
	w.offer(r1, adv[0], at(10, 2, 9), domain.OfferAccepted, "", 1, at(9, 30, 23).Add(days(3)))
	w.offer(r1, adv[1], at(10, 2, 9), domain.OfferDeclined, domain.DeclineNoTime, 0, time.Time{})
	w.offer(r1, adv[2], at(10, 2, 9), domain.OfferTaken, "", 0, time.Time{})
	w.offer(r2, adv[0], at(10, 12, 9), domain.OfferAccepted, "", 1, at(10, 10, 10).Add(days(4)))
	w.offer(r2, adv[1], at(10, 12, 9), domain.OfferAccepted, "", 2, at(10, 10, 10).Add(days(5)))
	w.offer(r2, adv[2], at(10, 12, 9), domain.OfferDeclined, domain.DeclineTopic, 0, time.Time{})
	w.offer(r2, adv[3], at(10, 12, 9), domain.OfferExpired, "", 0, time.Time{})
	w.offer(r5, adv[2], at(12, 1, 20), domain.OfferAccepted, "", 1, at(12, 1, 10).Add(days(1)))
	w.offer(r5, adv[0], at(12, 1, 20), domain.OfferAccepted, "", 2, at(12, 1, 10).Add(days(2)))
	w.offer(r5, adv[3], at(12, 1, 20), domain.OfferWithdrawn, "", 0, time.Time{})
	w.offer(r5, adv[1], at(12, 2, 20), domain.OfferOpen, "", 0, time.Time{})
	w.offer(r3, adv[3], time.Time{}, domain.OfferQueued, "", 0, time.Time{})
	// Events: Q3 one, Q4 two published (one cancelled since) and a draft.
	members := map[int64][]int64{}
	o1, o2, o3 := w.org(2, members), w.org(1, members), w.org(1, members)
	w.event(adv[0], at(9, 15, 10), false, []int64{o1}, members, "yes:2:away")
	w.event(adv[0], at(10, 20, 10), false, []int64{o1, o2, o3}, members, "yes:3:came", "no", "yes:4:away")
	w.event(adv[1], at(11, 10, 10), true, []int64{o1, o2}, members, "", "maybe")
	w.event(adv[1], time.Time{}, false, nil, members)
	// Ratings: 5, 3 and 5 stars in Q4.
	w.rate(r1, 5, at(10, 12, 10))
	w.rate(r2, 3, at(11, 2, 10))
	w.rate(r4, 5, at(12, 31, 22)) // 23:00 in Berlin: still Q4

	since := at(8, 1, 10)
	q3from, q3to := berlinQuarter(t, time.July)
	q4from, q4to := berlinQuarter(t, time.October)
	q1from, q1to := berlinQuarter(t, time.January)
	cases := []struct {
		name     string
		from, to time.Time
		want     domain.Statistics
	}{
		{"Q4", q4from, q4to, domain.Statistics{From: q4from, To: q4to, Since: since,
			Requests: domain.RequestFigures{Total: 5,
				ByStatus: map[domain.Status]int{domain.StatusClosed: 1, domain.StatusCompleted: 1, domain.StatusMatching: 1,
					domain.StatusCancelled: 1, domain.StatusAssigned: 1},
				ByTopic: map[domain.Topic]int{domain.TopicInterculturalOpening: 2, domain.TopicAgenda2030: 2, domain.TopicOther: 1},
				ByState: map[string]int{"NW": 3, "BY": 2},
				// approval after 1, 2, 3 and ½ days; a seat after 3, 4 and 1; completion after 10 and 20
				ToApproval: domain.Median{N: 4, Days: 1.5}, ToAssignment: domain.Median{N: 3, Days: 3},
				ToCompletion: domain.Median{N: 2, Days: 15}},
			Offers: domain.OfferFigures{Sent: 11, Open: 1, Accepted: 5, Declined: 2, Expired: 1, Taken: 1, Withdrawn: 1,
				Reasons: map[domain.DeclineReason]int{domain.DeclineNoTime: 1, domain.DeclineTopic: 1}},
			Workload: domain.Workload{Advisors: 5, Counts: []int{3, 1, 1, 0, 0}, Max: 3, Median: 1},
			Events: domain.EventFigures{Published: 2, Cancelled: 1, Invited: 5, Answered: 4, Yes: 2, Maybe: 1, No: 1,
				Persons: 7, Came: 1, NotCame: 1},
			Ratings: domain.RatingFigures{Stars: [5]int{0, 0, 1, 0, 2}}}},
		{"Q3", q3from, q3to, domain.Statistics{From: q3from, To: q3to, Since: since,
			Requests: domain.RequestFigures{Total: 2,
				ByStatus:   map[domain.Status]int{domain.StatusAssigned: 1, domain.StatusDeclined: 1},
				ByTopic:    map[domain.Topic]int{domain.TopicPartnerships: 1, domain.TopicFairTrade: 1},
				ByState:    map[string]int{"NW": 2},
				ToApproval: domain.Median{N: 1, Days: 2}, ToAssignment: domain.Median{N: 1, Days: 4}},
			Offers: domain.OfferFigures{Sent: 2, Accepted: 1, Declined: 1,
				Reasons: map[domain.DeclineReason]int{domain.DeclineDistance: 1}},
			Workload: domain.Workload{Advisors: 4, Counts: []int{1, 0, 0, 0}, Max: 1, Median: 0},
			Events:   domain.EventFigures{Published: 1, Invited: 1, Answered: 1, Yes: 1, Persons: 2, NotCame: 1},
			Ratings:  domain.RatingFigures{Stars: [5]int{0, 1, 0, 0, 0}}}},
		{"Q1 without records", q1from, q1to, domain.Statistics{From: q1from, To: q1to, Since: since,
			Requests: domain.RequestFigures{ByStatus: map[domain.Status]int{}, ByTopic: map[domain.Topic]int{},
				ByState: map[string]int{}},
			Offers:   domain.OfferFigures{Reasons: map[domain.DeclineReason]int{}},
			Workload: domain.Workload{Counts: []int{}}}},
	}
	for _, c := range cases {
		got, err := w.st.Statistics(context.Background(), c.from, c.to)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got.Since = got.Since.UTC()
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}
