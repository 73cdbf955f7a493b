package telegramfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
)

const testToken = "123456:TEST-token"

var (
	alice = User{ID: 1001, FirstName: "Alice", LanguageCode: "de"}
	bob   = User{ID: 1002, FirstName: "Bob", LanguageCode: "en"}
)

// newServer starts a fake on loopback and closes it when the test ends.
func newServer(t *testing.T, opt Options) *Server {
	t.Helper()
	if opt.Token == "" {
		opt.Token = testToken
	}
	s := New(opt)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("start fake: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// newBot returns a go-telegram client talking to s.
func newBot(t *testing.T, s *Server) *bot.Bot {
	t.Helper()
	b, err := bot.New(testToken, bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

// answer is a Bot API answer as a raw client sees it.
type answer struct {
	Status      int             `json:"-"`
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// post sends a raw request to path and decodes the answer.
func post(t *testing.T, s *Server, path, contentType string, body io.Reader) answer {
	t.Helper()
	resp, err := http.Post(s.URL()+path, contentType, body)
	if err != nil {
		t.Fatalf("post %s: %v", path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("decode answer of %s: %v", path, err)
	}
	a.Status = resp.StatusCode
	return a
}

// callJSON calls method with a JSON body.
func callJSON(t *testing.T, s *Server, method string, body any) answer {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatalf("encode body: %v", err)
	}
	return post(t, s, "/bot"+testToken+"/"+method, "application/json", bytes.NewReader(raw))
}

// callForm calls method with an urlencoded body.
func callForm(t *testing.T, s *Server, method string, vals url.Values) answer {
	t.Helper()
	return post(t, s, "/bot"+testToken+"/"+method, "application/x-www-form-urlencoded", strings.NewReader(vals.Encode()))
}

// wantRejected checks the answer and the violation recorded for it.
func wantRejected(t *testing.T, s *Server, a answer, code int, desc string) {
	t.Helper()
	if a.OK || a.Status != code || a.ErrorCode != code || a.Description != desc {
		t.Fatalf("answer = %d ok=%v %d %q, want %d %q", a.Status, a.OK, a.ErrorCode, a.Description, code, desc)
	}
	v := s.Violations()
	if len(v) == 0 || v[len(v)-1].Code != code || v[len(v)-1].Description != desc {
		t.Fatalf("last violation = %+v, want %d %q", v, code, desc)
	}
}

// lastViolation returns the newest violation or fails.
func lastViolation(t *testing.T, s *Server) Violation {
	t.Helper()
	v := s.Violations()
	if len(v) == 0 {
		t.Fatal("no violation recorded")
	}
	return v[len(v)-1]
}

// fakeTB records what CheckTB reports and runs its cleanups on demand.
type fakeTB struct {
	mu       sync.Mutex
	errs     []string
	cleanups []func()
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

func (f *fakeTB) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// clock is a test clock for Options.Clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newClockServer is newServer with a test clock.
func newClockServer(t *testing.T, opt Options) (*Server, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)}
	opt.Token, opt.Clock = testToken, c.now
	s := New(opt)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("start fake: %v", err)
	}
	t.Cleanup(s.Close)
	return s, c
}
