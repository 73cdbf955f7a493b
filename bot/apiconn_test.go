package bot

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/internal/rawsock"
)

// The lean transport reads every way an HTTP/1.x answer can be framed.
func TestAPIConnReadsEveryFraming(t *testing.T) {
	for name, tc := range map[string]struct {
		answer string
		keep   bool
	}{
		"length":       {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}", true},
		"chunked":      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"ok\r\n7\r\n\":true}\r\n0\r\nX-Trailer: 1\r\n\r\n", true},
		"close":        {"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 11\r\n\r\n{\"ok\":true}", false},
		"until EOF":    {"HTTP/1.0 200 OK\r\n\r\n{\"ok\":true}", false},
		"1.0 kept":     {"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 11\r\n\r\n{\"ok\":true}", true},
		"lower header": {"HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\n{\"ok\":true}", true},
	} {
		t.Run(name, func(t *testing.T) {
			c := &apiConn{r: bufio.NewReader(strings.NewReader(tc.answer))}
			var out bytes.Buffer
			status, keep, err := c.readAnswer(&out)
			if err != nil || status != 200 || keep != tc.keep || out.String() != `{"ok":true}` {
				t.Fatalf("got %d %v %q %v, want 200 %v {\"ok\":true}", status, keep, out.String(), err, tc.keep)
			}
		})
	}
	for _, bad := range []string{"", "HTTP/1.1 2x0 OK\r\n\r\n", "SMTP ready\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"ok\":true}"} {
		c := &apiConn{r: bufio.NewReader(strings.NewReader(bad))}
		if _, _, err := c.readAnswer(new(bytes.Buffer)); err == nil {
			t.Errorf("%q was read as an answer", bad)
		}
	}
}

// A connection the server closed while it was idle is not used again: the
// next call dials anew and succeeds.
func TestAPIConnSkipsConnectionsClosedWhileIdle(t *testing.T) {
	srv, conns := countingAPI(t, false)
	tr, err := newAPITransport(srv.URL+"/botTOKEN/", 4)
	if err != nil || tr == nil {
		t.Fatalf("transport: %v", err)
	}
	defer tr.close()
	post := func() {
		t.Helper()
		var out bytes.Buffer
		if status, err := tr.post(context.Background(), "sendMessage", []byte(`{}`), &out); err != nil || status != 200 {
			t.Fatalf("post: %d %v", status, err)
		}
	}
	post()
	post()
	if n := conns.Load(); n != 1 {
		t.Fatalf("two calls took %d connections, want 1 (kept alive)", n)
	}
	srv.CloseClientConnections() // the server drops the idle connection
	deadline := time.Now().Add(5 * time.Second)
	for tr.idleOpen() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond) // until the close has reached this side
	}
	post()
	if n := conns.Load(); n != 2 {
		t.Fatalf("after the server closed the idle connection: %d connections, want 2", n)
	}
}

// idleOpen reports whether an idle connection still looks open.
func (t *apiTransport) idleOpen() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.idle) > 0 && rawsock.Open(t.idle[len(t.idle)-1].c)
}

// Cancelling the context ends a call that waits for its answer.
func TestAPIConnCancelEndsAWaitingCall(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	tr, _ := newAPITransport(srv.URL+"/botTOKEN/", 4)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := tr.post(ctx, "getUpdates", []byte(`{"timeout":25}`), new(bytes.Buffer))
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled call returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the call went on after its context was cancelled")
	}
}

// Behind a proxy the bot keeps net/http, which speaks to proxies.
func TestAPIConnLeavesProxiesToNetHTTP(t *testing.T) {
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
	t.Setenv("NO_PROXY", "")
	tr, err := newAPITransport("https://api.telegram.org/botTOKEN/", 4)
	if err != nil || tr != nil {
		t.Fatalf("with a proxy set: %v, %v; want no lean transport", tr, err)
	}
}

// The Bot API is reached over TLS in production: the lean transport speaks
// it on its raw sockets, and keeps the connection for the next call.
func TestAPIConnOverTLS(t *testing.T) {
	srv, conns := countingAPI(t, true)
	tr, err := newAPITransport(srv.URL+"/botTOKEN/", 4)
	if err != nil || tr == nil || tr.tls == nil {
		t.Fatalf("transport: %v %v", tr, err)
	}
	defer tr.close()
	tr.tls.RootCAs = srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	for range 3 {
		var out bytes.Buffer
		if status, err := tr.post(context.Background(), "sendMessage", []byte(`{}`), &out); err != nil || status != 200 ||
			!strings.Contains(out.String(), `"message_id":1`) {
			t.Fatalf("post over TLS: %d %q %v", status, out.String(), err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("three calls over TLS took %d connections, want 1", n)
	}
}

// countingAPI starts a Bot API stand-in (over TLS when tls is set) that
// answers every call with a sent message, and counts the connections made
// to it.
func countingAPI(t *testing.T, tls bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Write([]byte(`{"ok":true,"result":{"message_id":1}}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv, &conns
}
