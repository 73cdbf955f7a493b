package telegramfake

import (
	"context"
	"html"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// TestLibraryRoundTrip runs go-telegram/bot's own polling and handlers
// against the fake, with CheckTB on the real test.
func TestLibraryRoundTrip(t *testing.T) {
	s := newServer(t, Options{})
	s.CheckTB(t)
	handled := make(chan string, 2) // the handlers must be done before the client is cancelled
	handler := func(ctx context.Context, b *bot.Bot, u *models.Update) {
		switch {
		case u.Message != nil:
			_, err := b.SendMessage(ctx, &bot.SendMessageParams{
				ChatID: u.Message.Chat.ID, ParseMode: models.ParseModeHTML,
				Text:        "<b>Sie schrieben:</b> " + html.EscapeString(u.Message.Text),
				ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "OK", CallbackData: "ok"}),
			})
			if err != nil {
				t.Errorf("send: %v", err)
			}
			handled <- "message"
		case u.CallbackQuery != nil:
			if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID}); err != nil {
				t.Errorf("answer: %v", err)
			}
			m := u.CallbackQuery.Message.Message
			if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: m.Chat.ID, MessageID: m.ID, Text: "Erledigt"}); err != nil {
				t.Errorf("edit: %v", err)
			}
			handled <- "callback"
		}
	}
	b, err := bot.New(testToken, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(), bot.WithDefaultHandler(handler))
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.Start(ctx)
	}()
	defer wg.Wait()
	defer cancel()

	s.SendText(alice, `Hallo <Welt> & "Sie"`)
	m, err := s.Next(alice.ID, 5*time.Second)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	if want := "<b>Sie schrieben:</b> Hallo &lt;Welt&gt; &amp; &#34;Sie&#34;"; m.Text != want {
		t.Fatalf("text = %q, want %q", m.Text, want)
	}
	waitHandled(t, handled, "message")
	if _, err := s.Press(alice, "OK"); err != nil {
		t.Fatalf("Press: %v", err)
	}
	if m, err = s.WaitEdit(alice.ID, m.ID, 1, 5*time.Second); err != nil || m.Text != "Erledigt" || m.Buttons != nil {
		t.Fatalf("after the press: %+v, %v", m, err)
	}
	waitHandled(t, handled, "callback")
	if a := s.Answers(); len(a) != 1 || a[0].UserID != alice.ID {
		t.Fatalf("answers = %+v", a)
	}
}

// waitHandled waits until a handler reports that it is done: the fake shows a
// message as soon as it stored it, before the bot's call has returned.
func waitHandled(t *testing.T, handled <-chan string, want string) {
	t.Helper()
	select {
	case got := <-handled:
		if got != want {
			t.Fatalf("handled %s, want %s", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the %s handler did not finish", want)
	}
}
