package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// eventStall is how long the event phase waits for a new delivery before
// it fails: longer than the outbox's lease (2 minutes), after which the
// restarted bot sends what the killed one had claimed.
const eventStall = 3 * time.Minute

// eventStats is what the event phase measured; all 0 when it was skipped.
type eventStats struct {
	Members   int // members invited
	Orgs      int // their associations
	Published int // invitations the bot said it wrote
	Cards     int // members who received their card
	Files     int // members who received the calendar file
	Repeats   int // cards and files beyond the first to a member
	// InFlight are the repeats whose first copy Telegram (the fake)
	// accepted in the last inFlight before the kill: sends the killed bot
	// could not record any more, which its successor sends again after
	// their lease (Telegram takes no idempotency key, so a crash can
	// repeat what was in flight, and only that).
	InFlight int
	Active   time.Duration // first to last send to a member, without pauses over eventPause
	Pause    time.Duration // the longest pause between two sends (the killed bot's lease)
	TooMany  int           // 429 answers of the fake during the phase
	KilledAt int           // cards and files delivered when the bot was killed
}

// inFlight is how close to the kill a send counts as in flight: its
// answer may not have been recorded (a send and its record take a few
// milliseconds; a second either side is generous).
const inFlight = time.Second

// eventPause is the shortest pause between two sends that the rate leaves
// out: the wait for the killed bot's lease, not the sender's pace.
const eventPause = 5 * time.Second

// rate is the messages (cards and files) per second while the sender
// sends (Active); 0 with fewer than two.
func (e eventStats) rate() float64 {
	n := e.Cards + e.Files + e.Repeats
	if n < 2 || e.Active <= 0 {
		return 0
	}
	return float64(n-1) / e.Active.Seconds()
}

// events is the event phase: with the fake enforcing Telegram's limits it
// seeds cfg.Events members of associations and an organiser's draft event
// straight in Postgres, has the organiser publish it through the bot's
// real flow, kills the bot (SIGKILL) once half of the members have their
// card, starts it again, and waits until every member has the card and the
// calendar file. It counts what arrived twice and every 429.
func (b *bench) events(ctx context.Context, res *results) error {
	if b.cfg.Events == 0 {
		b.progress("events: skipped (-events 0)")
		return nil
	}
	b.fake.SetLimits(nil)
	store, err := storage.Open(ctx, b.dbURL)
	if err != nil {
		return fmt.Errorf("event phase: %w", err)
	}
	defer store.Close()
	start := time.Now()
	w, err := b.seedEvents(ctx, store)
	if err != nil {
		return err
	}
	b.progress("events: %d members of %d associations and a draft event seeded in %s", len(w.members), w.orgs,
		time.Since(start).Round(time.Millisecond))
	b.fake.SetLimits(&outboxLimits)
	before := len(b.fake.Calls())
	start = time.Now()
	published, err := b.publishEvent(ctx, store, w)
	if err != nil {
		return err
	}
	b.progress("events: published to %d members in %s", published, time.Since(start).Round(time.Millisecond))
	// Half way: half of the cards and files (the sender sends the cards
	// first, one per chat and second, then the files).
	sent := func(st eventStats) int { return st.Cards + st.Files }
	if err := b.awaitInvitations(ctx, w, len(w.members), sent); err != nil {
		return err
	}
	killed := sent(b.delivered(w, b.fake.Calls()[before:], time.Time{}))
	killedAt := time.Now()
	if err := b.crash(ctx); err != nil {
		return fmt.Errorf("event phase: restart: %w", err)
	}
	b.progress("events: bot killed with %d of %d cards and files delivered, and started again", killed, 2*len(w.members))
	if err := b.awaitInvitations(ctx, w, len(w.members), func(st eventStats) int { return min(st.Cards, st.Files) }); err != nil {
		return err
	}
	res.Events = b.delivered(w, b.fake.Calls()[before:], killedAt)
	res.Events.Published, res.Events.KilledAt = published, killed
	b.progress("events: every member has the card and the file, %s after publishing", time.Since(start).Round(time.Second))
	return nil
}

// delivered counts, in the members' chats, the cards (messages with the
// event's title) and calendar files that arrived, the repeats (and those
// of sends in flight at killedAt), and the span from the first to the
// last; and, among calls, every 429.
func (b *bench) delivered(w eventWorld, calls []telegramfake.Call, killedAt time.Time) eventStats {
	st := eventStats{Members: len(w.members), Orgs: w.orgs}
	for _, c := range calls {
		if c.Code == http.StatusTooManyRequests {
			st.TooMany++
		}
	}
	var at []time.Time
	for _, id := range w.members {
		cards, files := 0, 0
		var first [2]time.Time // of the card and of the file
		for _, m := range b.fake.Messages(id) {
			kind := 0
			switch {
			case m.Document != nil && strings.HasSuffix(m.Document.FileName, ".ics"):
				files, kind = files+1, 1
			case strings.Contains(m.Text, eventTitle):
				cards++
			default:
				continue
			}
			if first[kind].IsZero() {
				first[kind] = m.At
			} else if d := killedAt.Sub(first[kind]); !killedAt.IsZero() && d <= inFlight && d >= -inFlight {
				st.InFlight++
			}
			at = append(at, m.At)
		}
		st.Cards += min(cards, 1)
		st.Files += min(files, 1)
		st.Repeats += max(cards-1, 0) + max(files-1, 0)
	}
	slices.SortFunc(at, time.Time.Compare)
	for i := 1; i < len(at); i++ {
		gap := at[i].Sub(at[i-1])
		st.Pause = max(st.Pause, gap)
		if gap <= eventPause {
			st.Active += gap
		}
	}
	return st
}

// awaitInvitations waits until count of what arrived reaches want. It
// fails when ctx ends or nothing new arrives for eventStall.
func (b *bench) awaitInvitations(ctx context.Context, w eventWorld, want int, count func(eventStats) int) error {
	tick := time.NewTicker(outboxPoll)
	defer tick.Stop()
	last, lastNew, lastPrint := -1, time.Now(), time.Now()
	for {
		got := count(b.delivered(w, nil, time.Time{}))
		if got > last {
			last, lastNew = got, time.Now()
		}
		switch {
		case got >= want:
			return nil
		case time.Since(lastNew) >= eventStall:
			return fmt.Errorf("event phase: %d of %d arrived, none more in the last %s", got, want, eventStall)
		case time.Since(lastPrint) >= outboxProgress:
			b.progress("events: %d of %d arrived", got, want)
			lastPrint = time.Now()
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-tick.C:
		}
	}
}

// publishEvent has the organiser publish w's event through the bot's real
// flow, as on the phone: /veranstaltungen, the event, "Publikum und
// Einladen", "Einladen (N)". It waits until the event is published and
// returns the number of invitations written.
func (b *bench) publishEvent(ctx context.Context, store *storage.Store, w eventWorld) (int, error) {
	b.fake.SendText(w.organiser, "/veranstaltungen")
	invite, _, _ := strings.Cut(b.sim.plain("btn.ev_invite", map[string]any{"Members": 0}), "(")
	for i, label := range []string{eventTitle, b.sim.plain("btn.ev_audience", nil), invite} {
		if i == 2 {
			// A person reads the audience first; the confirmation is a
			// new message, which the fake's 1/s per chat counts.
			time.Sleep(1100 * time.Millisecond)
		}
		if err := b.pressContaining(w.organiser, label); err != nil {
			return 0, err
		}
	}
	deadline := time.Now().Add(b.cfg.ReplyTimeout)
	for {
		e, err := store.EventByID(ctx, w.event.ID)
		if err != nil {
			return 0, fmt.Errorf("event phase: %w", err)
		}
		if e.Status == domain.EventPublished {
			c, err := store.Counts(ctx, w.event.ID)
			return c.Members, err
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("event phase: not published %s after the press", b.cfg.ReplyTimeout)
		}
		time.Sleep(offerPoll)
	}
}

// pressContaining presses, in u's chat, the button whose label contains
// label on the newest message that has one, waiting for it up to the
// reply timeout.
func (b *bench) pressContaining(u telegramfake.User, label string) error {
	deadline := time.Now().Add(b.cfg.ReplyTimeout)
	for {
		msgs := b.fake.Messages(u.ID)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, row := range msgs[i].Buttons {
				for _, btn := range row {
					if btn.Data != "" && strings.Contains(btn.Text, label) {
						b.fake.PressData(u, msgs[i].ID, btn.Data)
						return nil
					}
				}
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("event phase: no button %q in the organiser's chat after %s", label, b.cfg.ReplyTimeout)
		}
		time.Sleep(offerPoll)
	}
}
