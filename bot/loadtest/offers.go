package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// offerPoll is how often the offer phase looks at what it waits for;
// what it measures comes from the fake's own timestamps.
const offerPoll = 5 * time.Millisecond

// card is the offer card on an advisor's phone: its message and the
// callback data of its "Annehmen".
type card struct {
	msgID  int
	accept string
}

// offers is the offer phase: it seeds the advisors, requesters and
// approved requests straight in Postgres, has the coordinator offer each
// request to its advisors at once through the bot's real flow, takes the
// cards as the outbox delivers them, waits until the outbox is empty, and
// then every advisor taps "Annehmen" on their card at the same moment.
// It records each tap's time to its confirmation and counts the double
// winners in Postgres. The fake's flood limits are lifted for the phase:
// the coordinator's seeding draws a shortlist per request into one chat
// faster than Telegram's 1/s per chat; the bot's outbox sender keeps
// Telegram's limits anyway.
func (b *bench) offers(ctx context.Context, res *results) error {
	if b.cfg.Offers == 0 {
		b.progress("offers: skipped (-offers 0)")
		return nil
	}
	b.fake.SetLimits(nil)
	store, err := storage.Open(ctx, b.dbURL)
	if err != nil {
		return fmt.Errorf("offer phase: %w", err)
	}
	defer store.Close()
	start := time.Now()
	w, err := b.seedOffers(ctx, store)
	if err != nil {
		return err
	}
	b.progress("offers: %d advisors and %d approved requests seeded in %s", b.cfg.Offers, len(w.requests),
		time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := b.offerAll(w); err != nil {
		return err
	}
	cards, err := b.takeCards(w)
	if err != nil {
		return err
	}
	if err := b.awaitOutboxEmpty(ctx, store); err != nil {
		return err
	}
	b.progress("offers: offered through the coordinator's chat, %d cards delivered in %s", len(cards),
		time.Since(start).Round(time.Millisecond))
	st, won, err := b.wave(w, cards)
	if err != nil {
		return err
	}
	races := make([]seatRace, len(w.requests))
	for i, r := range w.requests {
		offers, seats, err := store.OffersOf(ctx, r.ID)
		if err != nil {
			return fmt.Errorf("offer phase: %w", err)
		}
		races[i] = seatRace{Seats: seats, Offers: offers}
		for _, o := range offers {
			if won[o.Advisor.TelegramID] {
				races[i].Told = append(races[i].Told, o.Advisor.ID)
			}
		}
		st.Seats += domain.SeatsFor(r)
		if r.Tandem {
			st.Tandems++
		}
	}
	st.Advisors, st.Requests = b.cfg.Offers, len(w.requests)
	st.Held, st.Doubles = countDoubles(races)
	res.Offers = st
	b.progress("offers: %d taps answered in %s", st.Taps, st.Span.Round(time.Millisecond))
	return nil
}

// takeCards takes each advisor's first message, which must be the card
// with "Annehmen".
func (b *bench) takeCards(w offerWorld) (map[int64]card, error) {
	label := b.sim.plain("btn.offer_accept", nil)
	cards := map[int64]card{}
	for _, group := range w.advisors {
		for _, u := range group {
			m, err := b.fake.Next(u.ID, outboxStall)
			if err != nil {
				return nil, fmt.Errorf("offer phase: advisor %d got no card: %w", u.ID, err)
			}
			data := m.ButtonData(label)
			if !strings.HasPrefix(data, "*:of:ac:") {
				return nil, fmt.Errorf("offer phase: advisor %d: %q is no card", u.ID, clip(m.Text, 80))
			}
			cards[u.ID] = card{msgID: m.ID, accept: data}
		}
	}
	return cards, nil
}

// awaitOutboxEmpty waits until the outbox has sent everything, so that
// the taps meet a quiet bot.
func (b *bench) awaitOutboxEmpty(ctx context.Context, store *storage.Store) error {
	deadline := time.Now().Add(outboxStall)
	for {
		n, err := store.PendingOutbox(ctx)
		switch {
		case err != nil:
			return fmt.Errorf("offer phase: %w", err)
		case n == 0:
			return nil
		case time.Now().After(deadline):
			return fmt.Errorf("offer phase: %d outbox messages still pending after %s", n, outboxStall)
		}
		time.Sleep(10 * offerPoll)
	}
}

// wave makes every advisor tap "Annehmen" on their card at once and waits
// until each tap is answered and each winner's card shows the acceptance.
// It returns the taps' figures and who was told they won (by chat).
func (b *bench) wave(w offerWorld, cards map[int64]card) (offerStats, map[int64]bool, error) {
	var st offerStats
	calls0, answers0 := len(b.fake.Calls()), len(b.fake.Answers())
	cpu0, err := procCPU(b.bot.pid)
	if err != nil {
		return st, nil, err
	}
	gen0, err := procCPU("self")
	if err != nil {
		return st, nil, err
	}
	taps := make(map[int64]time.Time, len(cards))
	var users []telegramfake.User
	for _, group := range w.advisors {
		users = append(users, group...)
	}
	for _, u := range users {
		c := cards[u.ID]
		taps[u.ID] = time.Now()
		b.fake.PressData(u, c.msgID, c.accept)
	}
	answers, err := b.awaitAnswers(answers0, taps)
	if err != nil {
		return st, nil, err
	}
	won := map[int64]bool{}
	for _, a := range answers {
		switch a.Text {
		case b.sim.plain("offer.toast_accepted", nil):
			won[a.UserID] = true
			st.Won++
			if _, err := b.fake.WaitEdit(a.UserID, cards[a.UserID].msgID, 1, b.cfg.ReplyTimeout); err != nil {
				return st, nil, fmt.Errorf("offer phase: winner %d's card: %w", a.UserID, err)
			}
		case b.sim.plain("offer.toast_taken", nil):
			st.Taken++
		default:
			st.Other++
		}
	}
	cpu1, err := procCPU(b.bot.pid)
	if err != nil {
		return st, nil, err
	}
	gen1, err := procCPU("self")
	if err != nil {
		return st, nil, err
	}
	st.BotCPU, st.GenCPU = cpu1-cpu0, gen1-gen0
	st.Latencies, st.Span = tapLatencies(taps, confirmations(b.fake.Calls()[calls0:], taps, won))
	st.Taps = len(st.Latencies)
	return st, won, nil
}

// awaitAnswers waits until every chat of taps has an answer among the
// fake's answers from index from on, and returns those answers.
func (b *bench) awaitAnswers(from int, taps map[int64]time.Time) ([]telegramfake.CallbackAnswer, error) {
	deadline := time.Now().Add(b.cfg.ReplyTimeout)
	for {
		var got []telegramfake.CallbackAnswer
		for _, a := range b.fake.Answers()[from:] {
			if _, ok := taps[a.UserID]; ok {
				got = append(got, a)
			}
		}
		if len(got) >= len(taps) {
			return got, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("offer phase: %d of %d taps answered after %s", len(got), len(taps), b.cfg.ReplyTimeout)
		}
		time.Sleep(offerPoll)
	}
}

// errNoOffers: nothing to offer with these flags.
var errNoOffers = errors.New("-offers must be a multiple of -offer-group, which must be at least 2")
