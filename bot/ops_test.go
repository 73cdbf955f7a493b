package bot

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// An HTTP_ADDR that another process holds stops the bot at start, with a
// sentence that names the variable, instead of surfacing at shutdown.
func TestHTTPAddrInUseStopsTheBotAtStart(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	p := newPipelineWith(t, time.Minute, func(c *Config) { c.Mode = "polling"; c.HTTPAddr = taken.Addr().String() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.bot.Run(ctx) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "HTTP_ADDR="+taken.Addr().String()) {
			t.Fatalf("Run returned %v, want an error naming HTTP_ADDR and the address", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the bot ran on with its ops port taken")
	}
}

// As soon as the drain begins, /readyz answers 503, while the updates in
// hand are still being finished.
func TestReadyzIsUnavailableWhileDraining(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	u := user(6101)
	p.fake.AddUser(u)
	release, inHand := make(chan struct{}), make(chan struct{}, 1)
	p.rec.hook = func(engine.Update) {
		inHand <- struct{}{}
		<-release
	}
	p.start()
	h := p.bot.OpsHandler()
	ready := func() int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/readyz", nil))
		return rec.Code
	}
	if code := ready(); code != http.StatusOK {
		t.Fatalf("/readyz before the drain: %d", code)
	}
	p.fake.SendText(u, "langsam")
	select {
	case <-inHand:
	case <-time.After(10 * time.Second):
		t.Fatal("the update never reached the engine")
	}
	stopped := make(chan error, 1)
	go func() { stopped <- p.stop() }()
	code := 0
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if code = ready(); code == http.StatusServiceUnavailable {
			break
		}
	}
	close(release)
	if code != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the drain: %d, want 503", code)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	p.expectEcho(u.ID, "langsam") // the update in hand was finished
}
