package telegramfake

import (
	"cmp"
	"context"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// setWebhook starts delivering updates to url; an empty url deletes the webhook.
func (s *Server) setWebhook(_ *http.Request, p params) reply {
	raw := strings.TrimSpace(p.str("url"))
	secret := p.str("secret_token")
	if len(secret) > 256 || strings.IndexFunc(secret, func(r rune) bool { return !isSecretChar(r) }) >= 0 {
		return fail(badRequest("secret token contains unallowed characters"), 0)
	}
	maxConn, err := p.int("max_connections", DefaultMaxConnections)
	if err != nil {
		return fail(badRequest("bad max_connections"), 0)
	}
	maxConn = min(max(maxConn, 1), 100)
	drop := p.bool("drop_pending_updates")

	s.hookMu.Lock()
	defer s.hookMu.Unlock()
	if raw == "" {
		if s.stopWebhook(drop) {
			return reply{result: true, desc: "Webhook was deleted"}
		}
		return reply{result: true, desc: "Webhook is already deleted"}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fail(badRequest("bad webhook: invalid webhook URL specified"), 0)
	}
	if !isLoopback(u.Hostname()) {
		return fail(badRequest("bad webhook: the fake Bot API delivers to loopback addresses only"), 0)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if drop {
		s.dropPendingLocked()
	}
	if h := s.hook; h != nil {
		h.url, h.secret, h.maxConn = raw, secret, int(maxConn)
		s.pumpLocked(h)
		return reply{result: true, desc: "Webhook was set"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &webhook{
		url: raw, secret: secret, maxConn: int(maxConn), ctx: ctx, cancel: cancel,
		client: &http.Client{Transport: &http.Transport{
			MaxIdleConns: 100, MaxIdleConnsPerHost: 100, IdleConnTimeout: 30 * time.Second,
		}},
		queues: make(map[int64][]models.Update),
		state:  make(map[int64]chatState),
	}
	s.hook = h
	for _, u := range s.pending {
		h.enqueueLocked(s, u)
	}
	s.pending = nil
	if s.updWake != nil { // long polls end with 0 updates
		close(s.updWake)
		s.updWake = nil
	}
	return reply{result: true, desc: "Webhook was set"}
}

// deleteWebhook stops webhook delivery; undelivered updates go back to getUpdates.
func (s *Server) deleteWebhook(_ *http.Request, p params) reply {
	s.hookMu.Lock()
	defer s.hookMu.Unlock()
	if s.stopWebhook(p.bool("drop_pending_updates")) {
		return reply{result: true, desc: "Webhook was deleted"}
	}
	return reply{result: true, desc: "Webhook is already deleted"}
}

// getWebhookInfo reports the webhook, or an empty URL in polling mode.
func (s *Server) getWebhookInfo(_ *http.Request, _ params) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := models.WebhookInfo{PendingUpdateCount: len(s.pending)}
	if h := s.hook; h != nil {
		info.URL, info.PendingUpdateCount, info.MaxConnections = h.url, h.pending, h.maxConn
		info.LastErrorDate, info.LastErrorMessage = h.lastErrAt, h.lastErr
	}
	return reply{result: info}
}

// stopWebhook cancels delivery, waits for the deliveries in flight and puts
// what was not delivered back in the getUpdates queue (or drops it). It
// reports whether a webhook was set. The caller holds hookMu.
func (s *Server) stopWebhook(drop bool) bool {
	s.mu.Lock()
	h := s.hook
	if h == nil {
		if drop {
			s.dropPendingLocked()
		}
		s.mu.Unlock()
		return false
	}
	h.stopped = true
	h.cancel()
	s.mu.Unlock()
	h.wg.Wait()
	h.client.CloseIdleConnections()

	s.mu.Lock()
	defer s.mu.Unlock()
	var rest []models.Update
	for _, q := range h.queues {
		rest = append(rest, q...)
	}
	slices.SortFunc(rest, func(a, b models.Update) int { return cmp.Compare(a.ID, b.ID) })
	s.hook = nil
	s.pending = rest
	if drop {
		s.dropPendingLocked()
	}
	return true
}

// dropPendingLocked forgets the updates waiting for the bot.
func (s *Server) dropPendingLocked() {
	s.pending = nil
	if h := s.hook; h != nil {
		for key, q := range h.queues {
			if h.state[key] == chatBusy {
				h.queues[key] = q[:1] // in flight; its delivery settles it
				h.pending -= len(q) - 1
				continue
			}
			delete(h.queues, key)
			delete(h.state, key)
			h.pending -= len(q)
		}
		h.ready = nil
	}
}

func isSecretChar(r rune) bool {
	return r < 128 && (isAlnum(byte(r)) || r == '_' || r == '-')
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
