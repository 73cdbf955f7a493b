package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/miglobe/miglobe-bot/bot/outbox"
	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// A NOTIFY wakes the sender at once, where the fallback poll would take ten
// minutes; this runs the sender inside Bot.Run, as main does, and checks as
// bot/outbox's test of the sender does: the message arrives within a few
// seconds of the commit, claimed after a wake that came after the commit
// (the listener's only wake besides the one when LISTEN took hold), and
// with LISTEN switched off (a ListenOutbox that never wakes) nothing
// arrives in that time.
func TestOutboxNotifyWakesSender(t *testing.T) {
	t.Parallel()
	// Far longer than a wake takes, even on a loaded machine; far shorter
	// than the poll.
	const within = 5 * time.Second
	type run struct {
		fake   *telegramfake.Server
		store  *storage.Store
		probe  *listenProbe
		commit time.Time
	}
	start := func(listenOff bool) *run {
		fake := telegramfake.New(telegramfake.Options{Token: testToken, Limits: &telegramfake.Limits{Global: 30, PerChat: 1}})
		if err := fake.Start("127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(fake.Close)
		fake.CheckTB(t)
		fake.AddUser(user(3000))
		store, redis := storagetest.Store(t), storagetest.Redis(t, storage.RedisOptions{})
		cfg := Config{Token: testToken, APIURL: fake.URL(), Log: slog.New(slog.DiscardHandler),
			OutboxGlobalPerSecond: 30, OutboxChatPerSecond: 1, PollTimeout: time.Second}
		rec := newRecorder(t)
		b, err := New(cfg, store, redis, rec.build)
		if err != nil {
			t.Fatal(err)
		}
		if b.outbox == nil {
			t.Fatal("New did not set up the outbox sender for storage.Store and storage.Redis")
		}
		// The same sender as New's, on the probe, with the fallback poll out of the way.
		probe := &listenProbe{Store: store, off: listenOff}
		oc := b.cfg.outboxConfig()
		oc.Poll = 10 * time.Minute
		b.outbox = outbox.New(probe, redis, outboxAPI{b.client}, oc, prometheus.NewRegistry())
		runUntilCleanup(t, b)
		return &run{fake: fake, store: store, probe: probe}
	}
	on, off := start(false), start(true)
	on.probe.waitIdle(t)
	off.probe.waitIdle(t)
	for _, x := range []*run{on, off} {
		x.commit = time.Now()
		if err := x.store.Notify(context.Background(), []domain.Notification{{ChatID: 3000, Message: domain.Message{Text: "sofort"}}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := on.fake.Next(3000, within); err != nil {
		t.Fatalf("no message within %v of the commit: %v", within, err)
	}
	t.Logf("delivered %v after the commit", time.Since(on.commit))
	on.probe.checkWokenAfter(t, on.commit)
	if m, err := off.fake.Next(3000, time.Until(off.commit.Add(within))); !errors.Is(err, telegramfake.ErrTimeout) {
		t.Fatalf("with LISTEN off the message came within %v all the same (%q, %v): something else wakes the sender, so this test cannot tell whether LISTEN works",
			within, m.Text, err)
	}
	on.probe.checkOnlyNotifyWakes(t, on.commit)
}

// The outbox's API is one sendMessage of the bot's client: not retried,
// with the library's errors, counted in the calls metric.
func TestOutboxAPI(t *testing.T) {
	fake := startFake(t)
	fake.AddUser(user(3101))
	fake.AddUser(user(3102))
	fake.Block(3102)
	cfg := Config{Token: testToken, APIURL: fake.URL(), Log: slog.New(slog.DiscardHandler)}.withDefaults()
	m := newMetrics(prometheus.NewRegistry())
	c, err := newClient(cfg, m, newHTTPClient(1))
	if err != nil {
		t.Fatal(err)
	}
	api := outboxAPI{c}
	ctx := context.Background()
	markup := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Details", CallbackData: "*:rq:view:1"}}}}
	if err := api.SendMessage(ctx, 3101, "<b>Neu</b>", markup); err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages(3101); len(got) != 1 || got[0].Text != "<b>Neu</b>" || len(got[0].Buttons) != 1 {
		t.Fatalf("the chat got %+v", got)
	}
	fake.FailNext(1, 2)
	var tooMany *tgbot.TooManyRequestsError
	if err := api.SendMessage(ctx, 3101, "gleich", nil); !errors.As(err, &tooMany) || tooMany.RetryAfter != 2 {
		t.Fatalf("a 429 came back as %v", err)
	}
	if err := api.SendMessage(ctx, 3102, "blockiert", nil); !errors.Is(err, tgbot.ErrorForbidden) {
		t.Fatalf("a blocked chat came back as %v", err)
	}
	var sends int
	for _, call := range fake.Calls() {
		if call.Method == "sendMessage" {
			sends++
		}
	}
	if sends != 3 {
		t.Fatalf("%d sendMessage calls, want 3 (no retries)", sends)
	}
	for result, want := range map[string]float64{"ok": 1, "retry_after": 1, "error": 1} {
		var d dto.Metric
		if err := m.apiCalls.WithLabelValues("sendMessage", result).Write(&d); err != nil {
			t.Fatal(err)
		}
		if got := d.GetCounter().GetValue(); got != want {
			t.Errorf("calls with result %s: %v, want %v", result, got, want)
		}
	}
}

func TestOutboxConfig(t *testing.T) {
	c, err := LoadConfig(baseEnv())
	if err != nil || c.OutboxGlobalPerSecond != 30 || c.OutboxChatPerSecond != 1 {
		t.Fatalf("defaults: %d/%d, %v; want 30/1", c.OutboxGlobalPerSecond, c.OutboxChatPerSecond, err)
	}
	for _, kv := range []string{"OUTBOX_GLOBAL_PER_SECOND=fast", "OUTBOX_GLOBAL_PER_SECOND=0",
		"OUTBOX_CHAT_PER_SECOND=-1", "OUTBOX_CHAT_PER_SECOND=1.5"} {
		t.Run(kv, func(t *testing.T) {
			_, err := LoadConfig(baseEnv(kv))
			name, _, _ := strings.Cut(kv, "=")
			if err == nil || !strings.Contains(err.Error(), name) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v should be one line naming %s", err, name)
			}
		})
	}
	c, err = LoadConfig(baseEnv("OUTBOX_GLOBAL_PER_SECOND=300", "OUTBOX_CHAT_PER_SECOND=10"))
	if err != nil {
		t.Fatal(err)
	}
	if oc := c.outboxConfig(); oc.GlobalPerSecond != 300 || oc.ChatPerSecond != 10 {
		t.Fatalf("the sender's configuration %+v, want 300 and 10 per second", oc)
	}
}
