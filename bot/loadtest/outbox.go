package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// Telegram's flood limits, which the fake enforces in the outbox phase; the
// bot runs with the same values (its defaults).
var outboxLimits = telegramfake.Limits{Global: 30, PerChat: 1}

// Pace of the wait for the outbox phase's deliveries.
const (
	outboxPoll     = time.Second      // how often the chats still waiting are looked at
	outboxProgress = 10 * time.Second // how often progress is printed
	outboxStall    = 30 * time.Second // no new delivery for this long fails the phase
)

// outboxStats is what the outbox phase measured; all 0 when it was skipped.
type outboxStats struct {
	Messages  int           // notifications enqueued, one per chat
	Delivered int           // chats that received their notification
	Repeats   int           // successful sends beyond the first to a chat
	Span      time.Duration // first to last successful send
	TooMany   int           // 429 answers of the fake during the phase
	LateSlots float64       // global slots the bot's sender let go (its metricLateSlots)
}

// rate is the messages per second from the first to the last send: the
// Delivered-1 gaps over Span; 0 with fewer than two sends.
func (o outboxStats) rate() float64 {
	if o.Delivered < 2 || o.Span <= 0 {
		return 0
	}
	return float64(o.Delivered-1) / o.Span.Seconds()
}

// tallyOutbox counts, among calls, the successful sendMessage calls to the
// chats first .. first+n-1 and every 429 answer.
func tallyOutbox(calls []telegramfake.Call, first int64, n int) outboxStats {
	st := outboxStats{Messages: n}
	seen := make(map[int64]bool, n)
	var from, to time.Time
	for _, c := range calls {
		if c.Code == http.StatusTooManyRequests {
			st.TooMany++
		}
		if c.Method != "sendMessage" || !c.OK || c.ChatID < first || c.ChatID >= first+int64(n) {
			continue
		}
		if seen[c.ChatID] {
			st.Repeats++
			continue
		}
		seen[c.ChatID] = true
		st.Delivered++
		if from.IsZero() || c.At.Before(from) {
			from = c.At
		}
		if c.At.After(to) {
			to = c.At
		}
	}
	st.Span = to.Sub(from)
	return st
}

// outboxNotes returns n notifications, one to each chat from first on.
func outboxNotes(first int64, n int) []domain.Notification {
	notes := make([]domain.Notification, n)
	for i := range notes {
		notes[i] = domain.Notification{ChatID: first + int64(i),
			Message: domain.Message{Text: "Lasttest: Benachrichtigung " + strconv.Itoa(i+1)}}
	}
	return notes
}

// outbox is the outbox phase: with the fake enforcing Telegram's limits it
// enqueues cfg.Outbox notifications to as many chats straight into
// Postgres, waits until the bot's sender has delivered all of them and
// records the rate and the 429s. It returns an error when the enqueue fails,
// the bot exits, ctx ends, or no delivery comes for outboxStall.
func (b *bench) outbox(ctx context.Context, res *results) error {
	n := b.cfg.Outbox
	if n == 0 {
		b.progress("outbox: skipped (-outbox 0)")
		return nil
	}
	for i := range n {
		b.fake.AddUser(telegramfake.User{ID: firstOutboxID + int64(i)})
	}
	b.fake.SetLimits(&outboxLimits)
	before := len(b.fake.Calls())
	m0, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, b.dbURL)
	if err != nil {
		return fmt.Errorf("outbox phase: %w", err)
	}
	defer store.Close()
	start := time.Now()
	if err := store.Notify(ctx, outboxNotes(firstOutboxID, n)); err != nil {
		return fmt.Errorf("outbox phase: %w", err)
	}
	b.progress("outbox: %d notifications enqueued in %s", n, time.Since(start).Round(time.Millisecond))

	if err := b.awaitOutbox(ctx, n); err != nil {
		return err
	}
	calls := b.fake.Calls()[before:]
	res.Outbox = tallyOutbox(calls, firstOutboxID, n)
	b.progress("outbox: %d delivered in %s", n, time.Since(start).Round(time.Millisecond))
	for _, l := range explain429s(calls, outboxLimits.Global, 5) {
		b.progress("outbox: %s", l)
	}
	m1, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	res.Outbox.LateSlots = m1[metricLateSlots] - m0[metricLateSlots]
	return nil
}

// awaitOutbox waits until each of the n outbox chats has a message. It looks
// at each chat's transcript (a short hold of the fake's lock each, rather
// than copying every call) and returns an error when the fake closes (the
// bot exited or ctx ended) or no chat got its message for outboxStall.
func (b *bench) awaitOutbox(ctx context.Context, n int) error {
	left := make([]int64, n)
	for i := range left {
		left[i] = firstOutboxID + int64(i)
	}
	tick := time.NewTicker(outboxPoll)
	defer tick.Stop()
	lastNew, lastPrint := time.Now(), time.Now()
	for {
		waiting := left[:0]
		for _, id := range left {
			_, err := b.fake.Next(id, 0)
			switch {
			case errors.Is(err, telegramfake.ErrTimeout):
				waiting = append(waiting, id)
			case err != nil:
				return fmt.Errorf("outbox phase: %w", err)
			}
		}
		if len(waiting) < len(left) {
			lastNew = time.Now()
		}
		left = waiting
		switch {
		case len(left) == 0:
			return nil
		case time.Since(lastNew) >= outboxStall:
			return fmt.Errorf("outbox phase: %d of %d notifications delivered, none in the last %s", n-len(left), n, outboxStall)
		case time.Since(lastPrint) >= outboxProgress:
			b.progress("outbox: %d of %d delivered", n-len(left), n)
			lastPrint = time.Now()
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-tick.C:
		}
	}
}
