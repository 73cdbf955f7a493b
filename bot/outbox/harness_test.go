package outbox

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

var (
	_ Store   = (*storage.Store)(nil)
	_ Limiter = (*storage.Redis)(nil)
)

const testToken = "123456:test-token-for-the-fake-api-only"

// libAPI is the API on go-telegram/bot's own client: one sendMessage per
// call, no retries, the library's errors, as package bot's client gives
// them (bot cannot be imported here: it imports this package).
type libAPI struct{ b *tgbot.Bot }

func newLibAPI(t *testing.T, url string) libAPI {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
	t.Cleanup(hc.CloseIdleConnections)
	b, err := tgbot.New(testToken, tgbot.WithServerURL(url), tgbot.WithSkipGetMe(), tgbot.WithHTTPClient(time.Minute, hc))
	if err != nil {
		t.Fatal(err)
	}
	return libAPI{b}
}

func (a libAPI) SendMessage(ctx context.Context, chatID int64, text string, markup *models.InlineKeyboardMarkup) (int, error) {
	p := &tgbot.SendMessageParams{ChatID: chatID, Text: text, ParseMode: models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}}
	if markup != nil {
		p.ReplyMarkup = markup
	}
	m, err := a.b.SendMessage(ctx, p)
	if err != nil {
		return 0, err
	}
	return m.ID, nil
}

func (a libAPI) SendDocument(ctx context.Context, chatID int64, doc domain.Document, markup *models.InlineKeyboardMarkup) (int, error) {
	p := &tgbot.SendDocumentParams{ChatID: chatID, Caption: doc.Caption, ParseMode: models.ParseModeHTML,
		Document: &models.InputFileUpload{Filename: doc.Name, Data: bytes.NewReader(doc.Content)}}
	if markup != nil {
		p.ReplyMarkup = markup
	}
	m, err := a.b.SendDocument(ctx, p)
	if err != nil {
		return 0, err
	}
	return m.ID, nil
}

func (a libAPI) EditMarkup(ctx context.Context, chatID int64, msgID int, markup *models.InlineKeyboardMarkup) error {
	p := &tgbot.EditMessageReplyMarkupParams{ChatID: chatID, MessageID: msgID}
	if markup != nil {
		p.ReplyMarkup = markup
	}
	_, err := a.b.EditMessageReplyMarkup(ctx, p)
	return err
}

func (a libAPI) EditText(ctx context.Context, chatID int64, msgID int, text string, markup *models.InlineKeyboardMarkup) error {
	p := &tgbot.EditMessageTextParams{ChatID: chatID, MessageID: msgID, Text: text, ParseMode: models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}}
	if markup != nil {
		p.ReplyMarkup = markup
	}
	_, err := a.b.EditMessageText(ctx, p)
	return err
}

// outboxRig is the fake Bot API with Telegram's limits (or others), a
// database and a Redis key space of the test's own, for outbox senders.
type outboxRig struct {
	t     *testing.T
	fake  *telegramfake.Server
	dbURL string
	store *storage.Store
	redis *storage.Redis
}

func newOutboxRig(t *testing.T, limits telegramfake.Limits) *outboxRig {
	t.Helper()
	r := newLenientRig(t, limits)
	r.fake.CheckTB(t)
	return r
}

// newLenientRig is newOutboxRig without failing the test for the fake's
// rejections, for tests that provoke them.
func newLenientRig(t *testing.T, limits telegramfake.Limits) *outboxRig {
	t.Helper()
	fake := telegramfake.New(telegramfake.Options{Token: testToken, Limits: &limits})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	r := &outboxRig{t: t, fake: fake, dbURL: storagetest.DatabaseURL(t)}
	r.store = r.openStore()
	r.redis = storagetest.Redis(t, storage.RedisOptions{})
	return r
}

// openStore opens another Store on the rig's database (another instance).
func (r *outboxRig) openStore() *storage.Store {
	r.t.Helper()
	st, err := storage.Open(context.Background(), r.dbURL)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(st.Close)
	return st
}

// config is the configuration of a sender with the given limits.
func config(global, perChat int) Config {
	return Config{GlobalPerSecond: global, ChatPerSecond: perChat, Log: slog.New(slog.DiscardHandler)}
}

// sender builds a sender on store (nil: the rig's) with its own Bot API client.
func (r *outboxRig) sender(store Store, global, perChat int) *Sender {
	r.t.Helper()
	if store == nil {
		store = r.store
	}
	return New(store, r.redis, newLibAPI(r.t, r.fake.URL()), config(global, perChat), prometheus.NewRegistry())
}

// run runs s until the returned stop is called or the test ends.
func (r *outboxRig) run(s *Sender) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				r.t.Error("sender did not stop within 30s")
			}
		})
	}
	r.t.Cleanup(stop)
	return stop
}

// users opens the chats of users first..first+n-1 in the fake.
func (r *outboxRig) users(first int64, n int) {
	for id := first; id < first+int64(n); id++ {
		r.fake.AddUser(telegramfake.User{ID: id, FirstName: "Nutzer", LanguageCode: "de"})
	}
}

// notify enqueues texts[i] to chats[i % len(chats)], all in one transaction.
func (r *outboxRig) notify(chats []int64, texts ...string) {
	r.t.Helper()
	notes := make([]domain.Notification, len(texts))
	for i, text := range texts {
		notes[i] = domain.Notification{ChatID: chats[i%len(chats)], Message: domain.Message{Text: text}}
	}
	if err := r.store.Notify(context.Background(), notes); err != nil {
		r.t.Fatal(err)
	}
}

// sends returns the fake's sendMessage calls with the given result code.
func (r *outboxRig) sends(code int) []telegramfake.Call { return r.callsOf("sendMessage", code) }

// callsOf returns the fake's calls of method with the given result code.
func (r *outboxRig) callsOf(method string, code int) []telegramfake.Call {
	var out []telegramfake.Call
	for _, c := range r.fake.Calls() {
		if c.Method == method && c.Code == code {
			out = append(out, c)
		}
	}
	return out
}

// waitSent waits until the fake has accepted n messages.
func (r *outboxRig) waitSent(n int, timeout time.Duration) {
	r.t.Helper()
	deadline := time.Now().Add(timeout)
	for len(r.sends(200)) < n {
		if time.Now().After(deadline) {
			r.t.Fatalf("%d of %d messages sent within %v", len(r.sends(200)), n, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// texts returns the texts the chat received, in order.
func (r *outboxRig) texts(chat int64) []string {
	var out []string
	for _, m := range r.fake.Messages(chat) {
		out = append(out, m.Text)
	}
	return out
}

// numbered returns "prefix-1" .. "prefix-n".
func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%d", prefix, i+1)
	}
	return out
}

// noTooMany fails the test for every 429 the fake answered.
func (r *outboxRig) noTooMany() {
	r.t.Helper()
	if n := len(r.sends(429)); n > 0 {
		r.t.Errorf("the fake answered %d sends with 429", n)
	}
}
