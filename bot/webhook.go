package bot

import (
	"context"
	"crypto/subtle"
	"io"
	"log/slog"
	"net/http"
)

// maxUpdateBytes bounds a webhook body; Telegram's updates are far smaller.
const maxUpdateBytes = 1 << 20

// WebhookHandler is the webhook intake. It answers 401 to a missing or wrong
// secret header (compared in constant time), 400 to a body that is not an
// update, 503 when the update could not be handled now (Telegram delivers it
// again), and 200 only after the update was handled.
func (b *Bot) WebhookHandler() http.Handler {
	secret := []byte(b.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxUpdateBytes+1))
		if err != nil || len(body) > maxUpdateBytes {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		u, err := parseUpdate(body)
		if err != nil || u.ID == 0 {
			http.Error(w, "bad request: not an update", http.StatusBadRequest)
			return
		}
		done := make(chan error, 1)
		b.dispatch.submit(chatOf(&u), func() {
			// Not r.Context(): a handler that started finishes even if
			// Telegram hangs up; it will redeliver and find it done.
			ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), b.handleTimeout)
			defer cancel()
			unlock, err := b.lockChat(ctx, chatOf(&u))
			if err != nil {
				done <- err
				return
			}
			defer unlock()
			defer b.keepAlive(chatOf(&u), []int64{u.ID})()
			done <- b.handleOne(ctx, &u)
		})
		if err := <-done; err != nil {
			b.log.Warn("webhook update not handled", slog.Int64("update_id", u.ID), slog.String("err", err.Error()))
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// serveWebhook registers the webhook with Telegram and serves it until ctx
// ends; then it stops taking updates and waits for those in hand.
func (b *Bot) serveWebhook(ctx context.Context) error {
	path, err := webhookPath(b.cfg.WebhookPublicURL)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(path, b.WebhookHandler())
	ln, err := listen("WEBHOOK_LISTEN_ADDR", b.cfg.WebhookListenAddr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: readHeaderTimeout}
	return b.serveUntil(ctx, srv, ln, func() error { return b.client.setWebhook(ctx, b.cfg.WebhookPublicURL, b.cfg.WebhookSecret) })
}
