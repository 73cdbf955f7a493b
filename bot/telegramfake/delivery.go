package telegramfake

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// deliveryTimeout bounds one webhook request.
const deliveryTimeout = 30 * time.Second

// Delivery is one attempt to POST an update to the webhook.
type Delivery struct {
	UpdateID int64
	ChatID   int64
	Status   int    // HTTP status of the answer; 0 when the request failed
	Err      string // the request's error, "" when an answer came
	At       time.Time
}

type chatState int

const (
	chatReady chatState = iota + 1 // has updates and waits for a connection
	chatBusy                       // a delivery is in flight or backing off
)

// webhook is the delivery state while a webhook is set. The server's lock
// guards it, except ctx, cancel, client and wg.
type webhook struct {
	url, secret string
	maxConn     int
	ctx         context.Context
	cancel      context.CancelFunc
	client      *http.Client
	wg          sync.WaitGroup
	queues      map[int64][]models.Update // per chat, in order
	state       map[int64]chatState       // absent: nothing to deliver
	ready       []int64                   // chats waiting for a connection, FIFO
	active      int                       // deliveries in flight
	pending     int                       // updates in queues
	stopped     bool
	lastErrAt   int
	lastErr     string
}

// enqueueLocked adds u to its chat's queue and starts delivery if possible.
func (h *webhook) enqueueLocked(s *Server, u models.Update) {
	key := chatKey(&u)
	h.queues[key] = append(h.queues[key], u)
	h.pending++
	if _, ok := h.state[key]; !ok {
		h.state[key] = chatReady
		h.ready = append(h.ready, key)
	}
	s.pumpLocked(h)
}

// pumpLocked starts deliveries for ready chats while connections are free:
// one update at a time per chat, at most maxConn at once.
func (s *Server) pumpLocked(h *webhook) {
	for !h.stopped && h.active < h.maxConn && len(h.ready) > 0 {
		key := h.ready[0]
		h.ready = h.ready[1:]
		if h.state[key] != chatReady || len(h.queues[key]) == 0 {
			continue
		}
		h.state[key] = chatBusy
		h.active++
		h.wg.Add(1)
		go s.deliver(h, key, h.queues[key][0], h.url, h.secret)
	}
}

// deliver posts u once and settles the outcome: confirm on 2xx, otherwise
// retry the same update after the backoff.
func (s *Server) deliver(h *webhook, key int64, u models.Update, url, secret string) {
	defer h.wg.Done()
	status, errText := h.post(u, url, secret)
	s.mu.Lock()
	defer s.mu.Unlock()
	h.active--
	now := s.now()
	s.deliveries = append(s.deliveries, Delivery{UpdateID: u.ID, ChatID: key, Status: status, Err: errText, At: now})
	if status >= 200 && status < 300 {
		q := h.queues[key][1:]
		h.pending--
		s.confirmed = append(s.confirmed, u.ID)
		if len(q) == 0 {
			delete(h.queues, key)
			delete(h.state, key)
		} else {
			h.queues[key] = q
			h.state[key] = chatReady
			h.ready = append(h.ready, key)
		}
	} else {
		h.lastErrAt = int(now.Unix())
		h.lastErr = errText
		if errText == "" {
			h.lastErr = "Wrong response from the webhook: " + http.StatusText(status)
		}
		if !h.stopped {
			time.AfterFunc(s.opt.RedeliverAfter, func() {
				s.mu.Lock()
				defer s.mu.Unlock()
				if !h.stopped && h.state[key] == chatBusy {
					h.state[key] = chatReady
					h.ready = append(h.ready, key)
					s.pumpLocked(h)
				}
			})
		}
	}
	s.pumpLocked(h)
}

// post sends u as JSON and returns the status, or 0 and the error.
func (h *webhook) post(u models.Update, url, secret string) (int, string) {
	body, err := json.Marshal(&u)
	if err != nil {
		return 0, "encode update: " + err.Error()
	}
	ctx, cancel := context.WithTimeout(h.ctx, deliveryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	return resp.StatusCode, ""
}

// Deliveries returns every webhook delivery attempt, in order of completion.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deliveries)
}
