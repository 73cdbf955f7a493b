package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// What the offer race tests check once every tap is answered, and the
// small helpers they share.

// toasts counts the answers to the advisors' taps by their text.
func (r *offerRace) toasts() map[string]int {
	out := map[string]int{}
	for _, a := range r.answers {
		out[a.Text]++
	}
	return out
}

// checkSeats checks Postgres after the race for a request of seats
// seats: every seat held, by different advisors, each holding an
// accepted offer, every other offer taken, the advisors told they won
// the holders; the request assigned with one history row. It returns the
// holders' Telegram ids.
func (r *offerRace) checkSeats(seats int) []int64 {
	r.t.Helper()
	ctx := context.Background()
	offers, held, err := r.store.OffersOf(ctx, r.req.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	tg := map[int64]int64{} // users.id -> Telegram id
	status := map[domain.OfferStatus]int{}
	accepted := map[int64]bool{}
	for _, o := range offers {
		tg[o.Advisor.ID] = o.Advisor.TelegramID
		status[o.Status]++
		if o.Status == domain.OfferAccepted {
			accepted[o.Advisor.ID] = true
		}
	}
	var holders []int64
	for _, s := range held {
		if s.AdvisorID == 0 || !accepted[s.AdvisorID] || slices.Contains(holders, tg[s.AdvisorID]) {
			r.t.Fatalf("seats %+v with offers %v", held, status)
		}
		holders = append(holders, tg[s.AdvisorID])
	}
	if len(holders) != seats || status[domain.OfferAccepted] != seats || status[domain.OfferTaken] != len(r.advisors)-seats {
		r.t.Fatalf("%d seats held %v, offers %v", seats, holders, status)
	}
	var told []int64
	for _, a := range r.answers {
		if a.Text == r.plain("offer.toast_accepted") {
			told = append(told, a.UserID)
		}
	}
	slices.Sort(told)
	if slices.Sort(holders); !slices.Equal(told, holders) {
		r.t.Fatalf("told they won: %v; hold the seats: %v", told, holders)
	}
	req, err := r.store.RequestByID(ctx, r.req.ID)
	if err != nil || req.Status != domain.StatusAssigned {
		r.t.Fatalf("request %s: %v", req.Status, err)
	}
	history, err := r.store.History(ctx, r.req.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	assigned := 0
	for _, e := range history {
		if e.To == domain.StatusAssigned {
			assigned++
		}
	}
	if assigned != 1 {
		r.t.Fatalf("%d history rows to assigned: %+v", assigned, history)
	}
	return holders
}

// settle waits until the outbox has sent everything: what the race
// told anyone is on the phones then.
func (r *offerRace) settle() {
	r.t.Helper()
	r.await("the outbox drained", func() bool {
		n, err := r.store.PendingOutbox(context.Background())
		if err != nil {
			r.t.Fatal(err)
		}
		return n == 0
	})
}

// checkCards checks every card: the winners' show whom to contact, the
// others say the request is taken, without buttons.
func (r *offerRace) checkCards(winners []int64) {
	r.t.Helper()
	won := r.fixed("offer.accepted_card", map[string]any{"Function": "Integrationsbeauftragte",
		"Department": "Amt für Integration", "Municipality": "Hattingen", "Place": "Rathaus Hattingen", "Reach": ""})
	taken := r.tr("offer.closed_taken", nil)
	for _, a := range r.advisors {
		card := r.message(a.ID, r.cards[a.ID].ID)
		switch {
		case slices.Contains(winners, a.ID):
			if !strings.Contains(card.Text, won) || !strings.Contains(card.Text, "Erika Mustermann") {
				r.t.Errorf("winner %d's card: %q", a.ID, card.Text)
			}
		case !strings.Contains(card.Text, taken) || len(card.Buttons) != 0:
			r.t.Errorf("advisor %d's card is not closed as taken: %q, buttons %v", a.ID, card.Text, card.Buttons)
		}
	}
}

// checkTold checks that the requester got the messages of keys (after
// the one saying the request is offered) as often as given, and nothing
// else, and that the office heard of each acceptance once: one message
// for each count of seats left free after it.
func (r *offerRace) checkTold(keys map[string]int, free ...int) {
	r.t.Helper()
	msgs := r.fake.Messages(r.requester.ID)
	want := map[string]int{"offer.to_requester_matching": 1}
	for k, n := range keys {
		want[k] = n
	}
	total := 0
	for key, n := range want {
		total += n
		if got := count(msgs, r.fixed(key, map[string]any{"Ref": r.req.Ref})); got != n {
			r.t.Errorf("the requester got %q %d times, want %d", key, got, n)
		}
	}
	if len(msgs) != total {
		r.t.Errorf("the requester got %d messages, want %d", len(msgs), total)
	}
	for _, f := range free {
		office := r.fixed("offer.to_office_accepted", map[string]any{"Ref": r.req.Ref, "Free": f})
		if got := count(r.fake.Messages(r.coord.ID), office); got != 1 {
			r.t.Errorf("the office was told %d times of the acceptance that left %d seats free, want once", got, f)
		}
	}
}

// count is how many of msgs contain s.
func count(msgs []telegramfake.Message, s string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, s) {
			n++
		}
	}
	return n
}

// offers returns the request's offers by the advisor's Telegram id.
func (r *offerRace) offers() map[int64]domain.Offer {
	r.t.Helper()
	list, _, err := r.store.OffersOf(context.Background(), r.req.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	out := map[int64]domain.Offer{}
	for _, o := range list {
		out[o.Advisor.TelegramID] = o
	}
	return out
}

// tr and plain are the German texts of key.
func (r *offerRace) tr(key string, data map[string]any) string { return r.texts.T("de", key, data) }
func (r *offerRace) plain(key string, data ...map[string]any) string {
	var d map[string]any
	if len(data) > 0 {
		d = data[0]
	}
	return r.texts.Plain("de", key, d)
}

// fixed is the longest part of key's German text that does not depend on
// the fields missing from data: enough to recognise the message.
func (r *offerRace) fixed(key string, data map[string]any) string {
	s := r.texts.T("de", key, withMarks(data))
	parts := strings.Split(s, "\x00")
	return slices.MaxFunc(parts, func(a, b string) int { return len(a) - len(b) })
}

// withMarks is data with a mark for every other field a text may use.
func withMarks(data map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"Advisor", "Reach", "Deadline", "Contact", "N", "Ref", "Function",
		"Department", "Municipality", "Place"} {
		out[k] = "\x00"
	}
	for k, v := range data {
		out[k] = v
	}
	return out
}

// durable is the callback data of the offers feature's durable button.
func (r *offerRace) durable(act string, id int64) string {
	r.t.Helper()
	data, err := engine.CallbackData("*", "of", act, strconv.FormatInt(id, 10))
	if err != nil {
		r.t.Fatal(err)
	}
	return data
}

// press makes u press the button labelled label.
func (r *offerRace) press(u telegramfake.User, label string) {
	r.t.Helper()
	if _, err := r.fake.Press(u, label); err != nil {
		r.t.Fatal(err)
	}
}

// newest waits until the newest message of chat satisfies ok.
func (r *offerRace) newest(chat int64, what string, ok func(telegramfake.Message) bool) telegramfake.Message {
	r.t.Helper()
	var m telegramfake.Message
	r.await(what, func() bool {
		msgs := r.fake.Messages(chat)
		if len(msgs) == 0 {
			return false
		}
		m = msgs[len(msgs)-1]
		return ok(m)
	})
	return m
}

// message returns message id of chat as it is now.
func (r *offerRace) message(chat int64, id int) telegramfake.Message {
	r.t.Helper()
	for _, m := range r.fake.Messages(chat) {
		if m.ID == id {
			return m
		}
	}
	r.t.Fatalf("chat %d has no message %d", chat, id)
	return telegramfake.Message{}
}

// await looks at cond every 20 ms until it holds, and fails the test
// after a minute.
func (r *offerRace) await(what string, cond func() bool) {
	r.t.Helper()
	await(r.t, what, cond)
}

// await waits up to a minute until cond holds, and fails the test with
// what it waited for when it does not.
func await(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
		<-tick.C
	}
}

// labels are the labels of m's buttons, row by row.
func labels(m telegramfake.Message) []string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

// hasLabel and hasLabelPrefix test a message for a button.
func hasLabel(label string) func(telegramfake.Message) bool {
	return func(m telegramfake.Message) bool { return slices.Contains(labels(m), label) }
}
func hasLabelPrefix(prefix string) func(telegramfake.Message) bool {
	return func(m telegramfake.Message) bool {
		return slices.ContainsFunc(labels(m), func(l string) bool { return strings.HasPrefix(l, prefix) })
	}
}
