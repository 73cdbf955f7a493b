package telegramfake

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// hookRecorder is a webhook endpoint that records what it receives.
type hookRecorder struct {
	mu      sync.Mutex
	got     []string // "<update id>:<status answered>"
	secrets []string
	answer  func(u models.Update, attempt int) int
	tries   map[int64]int
}

func (h *hookRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var u models.Update
	if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.tries[u.ID]++
	attempt := h.tries[u.ID]
	h.secrets = append(h.secrets, r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
	h.mu.Unlock()
	status := h.answer(u, attempt)
	h.mu.Lock()
	h.got = append(h.got, itoa(u.ID)+":"+itoa(int64(status)))
	h.mu.Unlock()
	w.WriteHeader(status)
}

func newHook(t *testing.T, answer func(models.Update, int) int) (*hookRecorder, string) {
	t.Helper()
	h := &hookRecorder{answer: answer, tries: map[int64]int{}}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return h, ts.URL
}

// waitFor polls cond until it holds or fails the test after 10s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestWebhookDeliveryAndRedelivery(t *testing.T) {
	s := newServer(t, Options{RedeliverAfter: 10 * time.Millisecond})
	h, hookURL := newHook(t, func(_ models.Update, attempt int) int {
		if attempt == 1 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	})
	u1 := s.SendText(alice, "vorher")
	if a := callJSON(t, s, "setWebhook", map[string]any{"url": hookURL, "secret_token": "s3cr3t_-X"}); !a.OK {
		t.Fatalf("setWebhook: %+v", a)
	}
	u2 := s.SendText(alice, "danach")
	waitFor(t, "both updates confirmed", func() bool { return len(s.ConfirmedIDs()) == 2 })

	h.mu.Lock()
	got, secrets := slices.Clone(h.got), slices.Clone(h.secrets)
	h.mu.Unlock()
	want := []string{itoa(u1) + ":500", itoa(u1) + ":200", itoa(u2) + ":500", itoa(u2) + ":200"}
	if !slices.Equal(got, want) {
		t.Fatalf("received %v, want %v (one at a time per chat, in order)", got, want)
	}
	for _, sec := range secrets {
		if sec != "s3cr3t_-X" {
			t.Fatalf("secret header = %q", sec)
		}
	}
	if c := s.ConfirmedIDs(); !slices.Equal(c, []int64{u1, u2}) {
		t.Fatalf("confirmed = %v", c)
	}
	d := s.Deliveries()
	if len(d) != 4 || d[0].Status != 500 || d[1].Status != 200 || d[0].UpdateID != u1 || d[0].ChatID != alice.ID {
		t.Fatalf("deliveries = %+v", d)
	}

	a := callJSON(t, s, "getUpdates", map[string]any{})
	wantRejected(t, s, a, http.StatusConflict, webhookActive)
	info := callJSON(t, s, "getWebhookInfo", nil)
	var wi models.WebhookInfo
	if err := json.Unmarshal(info.Result, &wi); err != nil || wi.URL != hookURL || wi.PendingUpdateCount != 0 || wi.MaxConnections != DefaultMaxConnections {
		t.Fatalf("webhook info = %+v, %v", wi, err)
	}

	if a := callJSON(t, s, "deleteWebhook", nil); !a.OK || a.Description != "Webhook was deleted" {
		t.Fatalf("deleteWebhook: %+v", a)
	}
	u3 := s.SendText(alice, "polling")
	if ups := getUpdates(t, s, nil); len(ups) != 1 || ups[0].ID != u3 {
		t.Fatalf("after deleteWebhook: %v", ids(ups))
	}
}

func TestWebhookChatsRunConcurrently(t *testing.T) {
	s := newServer(t, Options{})
	release := make(chan struct{})
	_, hookURL := newHook(t, func(u models.Update, _ int) int {
		if u.Message.Chat.ID == alice.ID {
			<-release
		}
		return http.StatusOK
	})
	if a := callJSON(t, s, "setWebhook", map[string]any{"url": hookURL}); !a.OK {
		t.Fatalf("setWebhook: %+v", a)
	}
	a1 := s.SendText(alice, "eins")
	a2 := s.SendText(alice, "zwei")
	b1 := s.SendText(bob, "hallo")
	waitFor(t, "bob's update while alice's hangs", func() bool { return slices.Contains(s.ConfirmedIDs(), b1) })
	if c := s.ConfirmedIDs(); slices.Contains(c, a1) || slices.Contains(c, a2) {
		t.Fatalf("alice's updates confirmed while blocked: %v", c)
	}
	close(release)
	waitFor(t, "alice's updates", func() bool { return len(s.ConfirmedIDs()) == 3 })
	if c := s.ConfirmedIDs(); !slices.Equal(c, []int64{b1, a1, a2}) {
		t.Fatalf("confirmed = %v", c)
	}
}

func TestWebhookConnectionErrorAndDelete(t *testing.T) {
	s := newServer(t, Options{RedeliverAfter: 5 * time.Millisecond})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() + "/hook"
	_ = ln.Close()
	if a := callForm(t, s, "setWebhook", map[string][]string{"url": {dead}}); !a.OK {
		t.Fatalf("setWebhook: %+v", a)
	}
	id := s.SendText(alice, "niemand da")
	waitFor(t, "two failed attempts", func() bool { return len(s.Deliveries()) >= 2 })
	for _, d := range s.Deliveries()[:2] {
		if d.Status != 0 || d.Err == "" || d.UpdateID != id {
			t.Fatalf("delivery = %+v", d)
		}
	}
	if a := callJSON(t, s, "deleteWebhook", nil); !a.OK {
		t.Fatalf("deleteWebhook: %+v", a)
	}
	if ups := getUpdates(t, s, nil); len(ups) != 1 || ups[0].ID != id {
		t.Fatalf("undelivered update not back in getUpdates: %v", ids(ups))
	}
	if a := callJSON(t, s, "deleteWebhook", nil); !a.OK || a.Description != "Webhook is already deleted" {
		t.Fatalf("second deleteWebhook: %+v", a)
	}
}

func TestSetWebhookRejects(t *testing.T) {
	s := newServer(t, Options{})
	tests := []struct{ name, url, secret, desc string }{
		{"not loopback", "https://example.org/hook", "", "Bad Request: bad webhook: the fake Bot API delivers to loopback addresses only"},
		{"not http", "ftp://127.0.0.1/hook", "", "Bad Request: bad webhook: invalid webhook URL specified"},
		{"bad secret", "http://127.0.0.1:1/hook", "no spaces", "Bad Request: secret token contains unallowed characters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := callJSON(t, s, "setWebhook", map[string]any{"url": tc.url, "secret_token": tc.secret})
			wantRejected(t, s, a, http.StatusBadRequest, tc.desc)
		})
	}
}
