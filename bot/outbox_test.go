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

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// New sets up the outbox sender for storage.Store and storage.Redis, and
// Run runs it: a committed notification reaches its chat. (That a NOTIFY,
// not the poll, wakes the sender, and nothing else, bot/outbox's
// TestOutboxNotifyWakesSender shows on the same sender.)
func TestOutboxRunsInsideTheBot(t *testing.T) {
	t.Parallel()
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
	b, err := New(cfg, store, redis, newRecorder(t).build)
	if err != nil {
		t.Fatal(err)
	}
	if b.outbox == nil {
		t.Fatal("New did not set up the outbox sender for storage.Store and storage.Redis")
	}
	runUntilCleanup(t, b)
	if err := store.Notify(context.Background(), []domain.Notification{{ChatID: 3000, Message: domain.Message{Text: "sofort"}}}); err != nil {
		t.Fatal(err)
	}
	if m, err := fake.Next(3000, 20*time.Second); err != nil || m.Text != "sofort" {
		t.Fatalf("the notification did not arrive: %q, %v", m.Text, err)
	}
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
	id, err := api.SendMessage(ctx, 3101, "<b>Neu</b>", markup)
	if err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages(3101); len(got) != 1 || got[0].ID != id || got[0].Text != "<b>Neu</b>" || len(got[0].Buttons) != 1 {
		t.Fatalf("the chat got %+v, the API said message %d", got, id)
	}
	fake.FailNext(1, 2)
	var tooMany *tgbot.TooManyRequestsError
	if _, err := api.SendMessage(ctx, 3101, "gleich", nil); !errors.As(err, &tooMany) || tooMany.RetryAfter != 2 {
		t.Fatalf("a 429 came back as %v", err)
	}
	if _, err := api.SendMessage(ctx, 3102, "blockiert", nil); !errors.Is(err, tgbot.ErrorForbidden) {
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

	// An edit row's call: the keyboard changes, the text stays; no
	// markup removes it.
	other := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Stand", CallbackData: "*:rq:vw:1"}}}}
	if err := api.EditMarkup(ctx, 3101, id, other); err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages(3101)[0]; got.Text != "<b>Neu</b>" || len(got.Buttons) != 1 || got.Buttons[0][0].Text != "Stand" {
		t.Fatalf("after the edit the message is %+v", got)
	}
	if err := api.EditMarkup(ctx, 3101, id, nil); err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages(3101)[0]; len(got.Buttons) != 0 {
		t.Fatalf("the edit without markup left %+v", got.Buttons)
	}

	// An edit row with a text: one editMessageText, text and keyboard
	// change together; no markup removes the buttons.
	if err := api.EditText(ctx, 3101, id, "<b>Vergeben</b>", other); err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages(3101)[0]; got.Text != "<b>Vergeben</b>" || len(got.Buttons) != 1 || got.Buttons[0][0].Text != "Stand" {
		t.Fatalf("after the text edit the message is %+v", got)
	}
	if err := api.EditText(ctx, 3101, id, "<b>Zurückgezogen</b>", nil); err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages(3101)[0]; got.Text != "<b>Zurückgezogen</b>" || len(got.Buttons) != 0 {
		t.Fatalf("after the text edit without markup the message is %+v", got)
	}
	var d dto.Metric
	if err := m.apiCalls.WithLabelValues("editMessageText", "ok").Write(&d); err != nil || d.GetCounter().GetValue() != 2 {
		t.Errorf("editMessageText calls counted %v (%v), want 2", d.GetCounter().GetValue(), err)
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
