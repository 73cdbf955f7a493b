package telegramfake

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// BotUsername is the username of the fake bot, as getMe reports it and as
// commands address it ("/help@MiGlobeBot").
const BotUsername = "MiGlobeBot"

// Defaults of Options.
const (
	DefaultAnswerDeadline = 10 * time.Second
	DefaultRedeliverAfter = 200 * time.Millisecond
	DefaultMaxConnections = 40
)

// Errors returned by the helpers that simulate users and wait for the bot.
var (
	// ErrTimeout: what was waited for did not happen in time.
	ErrTimeout = errors.New("telegramfake: timeout")
	// ErrClosed: the server was closed while waiting.
	ErrClosed = errors.New("telegramfake: server closed")
	// ErrNoButton: no bot message in the chat shows the button.
	ErrNoButton = errors.New("telegramfake: no such button")
)

// Options configure a Server.
type Options struct {
	Token          string          // accepted token; required
	OnViolation    func(Violation) // optional; called for every violation from the serving goroutine, outside the lock
	AnswerDeadline time.Duration   // callback queries answered later are rejected; default 10s
	RedeliverAfter time.Duration   // webhook retry backoff; default 200ms
	Limits         *Limits         // nil = no rate limits

	// Clock is Telegram's clock: it dates messages and times callback
	// answers and rate limits. Default time.Now.
	Clock func() time.Time
}

// Limits are Telegram's flood limits for sendMessage and sendDocument, in
// messages per second. Zero means unlimited.
type Limits struct {
	Global  int // across all chats, Telegram's is about 30
	PerChat int // per chat, Telegram's is about 1
}

// Server is the fake Bot API. Create it with New; it is safe for concurrent use.
type Server struct {
	opt   Options
	now   func() time.Time
	me    models.User
	mu    sync.Mutex
	state // guarded by mu

	hookMu    sync.Mutex // serialises setWebhook, deleteWebhook and Close
	startOnce sync.Once
	closeOnce sync.Once
	closeCh   chan struct{}
	srv       *http.Server
	url       string
}

// state is everything the server's lock guards.
type state struct {
	chats      map[int64]*chat
	pending    []models.Update // updates for getUpdates, ascending ids
	nextUpdate int64
	confirmed  []int64
	updWake    chan struct{} // closed when an update is enqueued
	waitCh     chan struct{} // closed when a transcript changes
	queries    map[string]*query
	nextQuery  int64
	answers    []CallbackAnswer
	violations []Violation
	calls      []Call
	failN      int
	failRetry  int
	limiter    *limiter
	hook       *webhook
	deliveries []Delivery
	files      map[string]*Document
	nextFile   int64
	commands   map[string][]models.BotCommand
	subs       map[int64]map[*subscriber]struct{}
	closed     bool
}

// New returns a server that accepts opt.Token. It panics when the token is
// empty, which is a programming error in the test that creates it.
func New(opt Options) *Server {
	if strings.TrimSpace(opt.Token) == "" {
		panic("telegramfake: Options.Token is required")
	}
	if opt.AnswerDeadline <= 0 {
		opt.AnswerDeadline = DefaultAnswerDeadline
	}
	if opt.RedeliverAfter <= 0 {
		opt.RedeliverAfter = DefaultRedeliverAfter
	}
	id, err := strconv.ParseInt(strings.SplitN(opt.Token, ":", 2)[0], 10, 64)
	if err != nil || id <= 0 {
		id = 1
	}
	s := &Server{
		opt:     opt,
		now:     time.Now,
		me:      models.User{ID: id, IsBot: true, FirstName: "MiGlobe", Username: BotUsername, CanJoinGroups: true},
		closeCh: make(chan struct{}),
	}
	if opt.Clock != nil {
		s.now = opt.Clock
	}
	s.chats = make(map[int64]*chat)
	s.queries = make(map[string]*query)
	s.files = make(map[string]*Document)
	s.commands = make(map[string][]models.BotCommand)
	s.subs = make(map[int64]map[*subscriber]struct{})
	s.nextUpdate = 100000
	s.nextQuery = 4200000000000
	if opt.Limits != nil {
		s.limiter = newLimiter(*opt.Limits)
	}
	return s
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves in the background
// until Close. It returns an error if it cannot listen, was called before, or
// the server is closed.
func (s *Server) Start(addr string) error {
	err := errors.New("telegramfake: start: already started")
	s.startOnce.Do(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.closed {
			err = fmt.Errorf("telegramfake: start: %w", ErrClosed)
			return
		}
		var ln net.Listener
		if ln, err = net.Listen("tcp", addr); err != nil {
			err = fmt.Errorf("telegramfake: start: %w", err)
			return
		}
		s.url = "http://" + ln.Addr().String()
		s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
		go func(srv *http.Server) { _ = srv.Serve(ln) }(s.srv)
	})
	return err
}

// Now returns the time on the fake's clock (Options.Clock), by which it
// dates messages.
func (s *Server) Now() time.Time {
	return s.now()
}

// URL returns the base URL to pass to bot.WithServerURL, or "" before Start.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops serving, ends long polls and waiters, stops webhook delivery
// and closes every subscription. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.hookMu.Lock()
		defer s.hookMu.Unlock()
		s.mu.Lock()
		s.closed = true
		close(s.closeCh)
		srv := s.srv
		s.mu.Unlock()
		s.stopWebhook(false)
		if srv != nil {
			_ = srv.Close()
		}
		s.mu.Lock()
		for _, subs := range s.subs {
			for sub := range subs {
				sub.stop()
			}
		}
		s.subs = nil
		s.mu.Unlock()
	})
}

// wakeWaitersLocked wakes every Next and WaitEdit call.
func (s *Server) wakeWaitersLocked() {
	if s.waitCh != nil {
		close(s.waitCh)
		s.waitCh = nil
	}
}

// waiterLocked returns a channel closed at the next transcript change.
func (s *Server) waiterLocked() <-chan struct{} {
	if s.waitCh == nil {
		s.waitCh = make(chan struct{})
	}
	return s.waitCh
}
