package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// The crash tests (crash_test.go) run the bot binary as child processes and
// kill them with SIGKILL. These are their helpers: the binary, built once
// per test binary; a child with an environment of the test's own; a closed
// loop of users on the fake Bot API with an exact record of every update
// and its answers; a look into Redis for the leases a process holds; and a
// reverse proxy in front of two webhook instances.

// ---- the binary ----------------------------------------------------------

var crashBin struct {
	once sync.Once
	path string
	err  error
}

// crashBinary builds the bot binary (without -race) once per test binary.
// Under go test it goes into the test binary's own work folder, which go
// test removes afterwards; otherwise into a temporary folder.
func crashBinary(t *testing.T) string {
	t.Helper()
	crashBin.once.Do(func() {
		dir := ""
		if exe, err := os.Executable(); err == nil {
			d := filepath.Dir(exe)
			if strings.HasPrefix(filepath.Base(filepath.Dir(d)), "go-build") {
				dir = d
			}
		}
		if dir == "" {
			d, err := os.MkdirTemp("", "miglobe-crash-")
			if err != nil {
				crashBin.err = err
				return
			}
			dir = d
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			crashBin.err = fmt.Errorf("the go tool is not on PATH: %w", err)
			return
		}
		path := filepath.Join(dir, "miglobe-bot-crashtest")
		cmd := exec.Command(goTool, "build", "-o", path, "github.com/miglobe/miglobe-bot")
		cmd.Env = append(os.Environ(), "GOFLAGS=") // no -race or other flags of the caller's
		if out, err := cmd.CombinedOutput(); err != nil {
			crashBin.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		crashBin.path = path
	})
	if crashBin.err != nil {
		t.Fatalf("build the bot binary: %v", crashBin.err)
	}
	return crashBin.path
}

// ---- the environment -----------------------------------------------------

// crashEnv is what the children of one test share: the fake Bot API, a
// Postgres database and a redis-server of the test's own (which the test
// can restart empty), and a Redis client of the test's to look at leases.
type crashEnv struct {
	t        *testing.T
	bin      string
	fake     *telegramfake.Server
	dbURL    string
	redisURL string
	redisUp  func(up bool)
	rdb      *redis.Client
	children []*botChild
}

func newCrashEnv(t *testing.T) *crashEnv {
	t.Helper()
	e := &crashEnv{t: t, bin: crashBinary(t), fake: startFake(t), dbURL: storagetest.DatabaseURL(t)}
	e.redisURL, e.redisUp = ownRedis(t)
	opt, err := redis.ParseURL(e.redisURL)
	if err != nil {
		t.Fatal(err)
	}
	e.rdb = redis.NewClient(opt)
	t.Cleanup(func() { _ = e.rdb.Close() })
	// Runs after the children are killed (cleanups run last in, first
	// out): on failure, show what they logged.
	t.Cleanup(func() {
		if t.Failed() {
			for _, c := range e.children {
				t.Logf("stderr of bot %s (pid %d), last lines:\n%s", c.name, c.cmd.Process.Pid, lastLogLines(c.log.String(), 40))
			}
		}
	})
	return e
}

// childEnv is the complete environment of a child: nothing is inherited
// from the test process (so never its DATABASE_URL or REDIS_URL).
func (e *crashEnv) childEnv(httpAddr string, extra ...string) []string {
	return append([]string{
		"TELEGRAM_BOT_TOKEN=" + testToken,
		"TELEGRAM_API_URL=" + e.fake.URL(),
		"DATABASE_URL=" + e.dbURL,
		"REDIS_URL=" + e.redisURL,
		"HTTP_ADDR=" + httpAddr,
		"BOT_DEFAULT_LANGUAGE=de",
	}, extra...)
}

// startPolling starts a child in polling mode.
func (e *crashEnv) startPolling(name string) *botChild {
	e.t.Helper()
	addr := freeAddr(e.t)
	return e.start(name, addr, e.childEnv(addr, "BOT_MODE=polling"))
}

// startWebhook starts a child in webhook mode, listening on listen and
// registering publicURL, with extra variables.
func (e *crashEnv) startWebhook(name, listen, publicURL string, extra ...string) *botChild {
	e.t.Helper()
	addr := freeAddr(e.t)
	return e.start(name, addr, e.childEnv(addr, append([]string{"BOT_MODE=webhook", "WEBHOOK_LISTEN_ADDR=" + listen,
		"WEBHOOK_PUBLIC_URL=" + publicURL, "WEBHOOK_SECRET=" + crashSecret}, extra...)...))
}

// crashSecret is the webhook secret of the children.
const crashSecret = "crash-test-secret"

// ---- a child -------------------------------------------------------------

// botChild is the bot binary running as a child process.
type botChild struct {
	name     string
	cmd      *exec.Cmd
	httpAddr string
	log      *crashLog
	logPath  string        // all it wrote
	done     chan struct{} // closed when the process has exited
	killed   atomic.Bool   // set before we end it ourselves
	waitErr  error         // valid once done is closed
}

func (e *crashEnv) start(name, httpAddr string, env []string) *botChild {
	e.t.Helper()
	c := &botChild{name: name, httpAddr: httpAddr, log: &crashLog{max: 64 << 10}, done: make(chan struct{})}
	c.cmd = exec.Command(e.bin)
	c.cmd.Env = env
	// What it writes is kept in memory (the last 64 KiB) and in a file of
	// the test's (all of it, for tests that read the whole log).
	c.logPath = filepath.Join(e.t.TempDir(), name+".log")
	file, err := os.Create(c.logPath)
	if err != nil {
		e.t.Fatal(err)
	}
	out := io.MultiWriter(c.log, file)
	c.cmd.Stdout, c.cmd.Stderr = out, out
	// The child dies with the test process, whatever happens to it.
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := c.cmd.Start(); err != nil {
		e.t.Fatalf("start bot %s: %v", name, err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		_ = file.Close()
		close(c.done)
	}()
	e.children = append(e.children, c)
	e.t.Cleanup(c.kill)
	return c
}

// exitedByItself reports whether the child ended without being killed by us.
func (c *botChild) exitedByItself() bool {
	select {
	case <-c.done:
		return !c.killed.Load()
	default:
		return false
	}
}

// kill ends the child with SIGKILL and waits for it. Safe to call twice.
func (c *botChild) kill() {
	c.killed.Store(true)
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// waitReady polls /readyz until it answers 200.
func (c *botChild) waitReady(t *testing.T, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		if resp, err := client.Get("http://" + c.httpAddr + "/readyz"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-c.done:
			t.Fatalf("bot %s exited before it was ready: %v", c.name, c.waitErr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot %s not ready after %s", c.name, timeout)
		}
	}
}

// freeze stops the child with SIGSTOP and waits until every thread of it
// has stopped, so that nothing it holds changes any more.
func (c *botChild) freeze(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatalf("SIGSTOP bot %s: %v", c.name, err)
	}
	for deadline := time.Now().Add(5 * time.Second); !allThreadsStopped(c.cmd.Process.Pid); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("bot %s did not stop within 5s of SIGSTOP", c.name)
		}
	}
}

// thaw lets a frozen child run on.
func (c *botChild) thaw(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatalf("SIGCONT bot %s: %v", c.name, err)
	}
}

// allThreadsStopped reports whether every thread of pid is in the stopped
// state, as /proc shows it.
func allThreadsStopped(pid int) bool {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil || len(tasks) == 0 {
		return false
	}
	for _, task := range tasks {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/stat", pid, task.Name()))
		if err != nil {
			return false
		}
		// "pid (comm) S ...": the state follows the last ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 || i+2 >= len(stat) || (stat[i+2] != 'T' && stat[i+2] != 't') {
			return false
		}
	}
	return true
}

// freezeHolding freezes c at a moment when Redis shows at least one update
// lease that held accepts (given the update id), thawing and trying again a
// few milliseconds later when there is none: the kill that follows then
// really hits updates in hand. It returns those leases.
func (e *crashEnv) freezeHolding(c *botChild, held func(id int64) bool) map[int64]string {
	t := e.t
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for tries := 1; ; tries++ {
		c.freeze(t)
		all, err := e.leases()
		if err != nil {
			c.thaw(t)
			t.Fatalf("read leases from Redis: %v", err)
		}
		leases := map[int64]string{}
		for id, v := range all {
			if held(id) {
				leases[id] = v
			}
		}
		if len(leases) > 0 {
			t.Logf("bot %s frozen with %d update leases in Redis, %d of them of updates not yet answered (try %d)",
				c.name, len(all), len(leases), tries)
			return leases
		}
		c.thaw(t)
		if time.Now().After(deadline) {
			t.Fatalf("bot %s held no update lease at any of %d freezes in 20s: no load?", c.name, tries)
		}
		time.Sleep(time.Duration(2+rand.IntN(20)) * time.Millisecond)
	}
}

// leases returns the update leases in Redis: update id -> "L:<token>".
func (e *crashEnv) leases() (map[int64]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out := map[int64]string{}
	var cursor uint64
	for {
		keys, next, err := e.rdb.Scan(ctx, cursor, "upd:*", 1000).Result()
		if err != nil {
			return nil, err
		}
		if len(keys) > 0 {
			vals, err := e.rdb.MGet(ctx, keys...).Result()
			if err != nil {
				return nil, err
			}
			for i, v := range vals {
				s, ok := v.(string)
				id, err := strconv.ParseInt(strings.TrimPrefix(keys[i], "upd:"), 10, 64)
				if ok && err == nil && strings.HasPrefix(s, "L:") {
					out[id] = s
				}
			}
		}
		if cursor = next; cursor == 0 {
			return out, nil
		}
	}
}

// crashLog keeps the last max bytes a child wrote.
type crashLog struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (l *crashLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, b...)
	if over := len(l.buf) - l.max; over > 0 {
		l.buf = append(l.buf[:0], l.buf[over:]...)
	}
	return len(b), nil
}

func (l *crashLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.buf)
}

func lastLogLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// ---- the users -----------------------------------------------------------

// crashMsg is one message a user sent, and what became of it.
type crashMsg struct {
	chat     int64
	update   int64
	sent     time.Time // just before the fake took it
	answers  []time.Time
	notices  int      // "briefly unavailable" notices in its chat
	others   []string // bot messages that are neither
	answered time.Time
}

// crashLoad is a closed loop of users on the fake: each of them sends a
// message, waits for its answer, and sends the next. Every message comes
// from a chat of its own (a new user each time), so that every bot message
// in a chat belongs to exactly one update: the transcript then says how
// often, and when, each update was answered, with no guessing. The message
// is "hallo" from a user who is not registered; the bot answers it with its
// hint to /start, and while Redis is out of reach with a notice that it is
// briefly unavailable (not an answer).
type crashLoad struct {
	t       *testing.T
	fake    *telegramfake.Server
	answer  string // the hint to /start
	notice  string // "briefly unavailable"
	nextID  atomic.Int64
	stopCh  chan struct{}
	wg      sync.WaitGroup
	answers atomic.Int64 // answers the users have seen

	mu       sync.Mutex
	msgs     []*crashMsg
	byUpdate map[int64]*crashMsg
}

// crashGiveUp is how long a user waits for an answer before giving up (the
// test then fails); longer than the 30 s lease the issue saw, so that such
// a wait shows as its figure.
const crashGiveUp = 45 * time.Second

// startLoad starts users closed loops; chat ids start after base.
func (e *crashEnv) startLoad(users int, base int64) *crashLoad {
	texts := testTexts(e.t)
	l := &crashLoad{t: e.t, fake: e.fake, stopCh: make(chan struct{}), byUpdate: map[int64]*crashMsg{},
		answer: texts.T("de", engine.KeyHintNotRegistered, nil), notice: texts.T("de", engine.TextUnavailable, nil)}
	l.nextID.Store(base)
	for range users {
		l.wg.Add(1)
		go l.user()
	}
	e.t.Cleanup(l.stop)
	return l
}

func (l *crashLoad) user() {
	defer l.wg.Done()
	for {
		select {
		case <-l.stopCh:
			return
		default:
		}
		chat := l.nextID.Add(1)
		u := telegramfake.User{ID: chat, FirstName: "Nutzer", LanguageCode: "de"}
		m := &crashMsg{chat: chat, sent: time.Now()}
		m.update = l.fake.SendText(u, "hallo")
		l.mu.Lock()
		l.msgs = append(l.msgs, m)
		l.byUpdate[m.update] = m
		l.mu.Unlock()
		deadline := m.sent.Add(crashGiveUp)
		for {
			bm, err := l.fake.Next(chat, time.Until(deadline))
			if err != nil {
				return // never answered: the checks report it
			}
			if bm.Text == l.answer {
				l.answers.Add(1)
				break
			}
		}
	}
}

// unanswered reports whether update id is one of the load's and has no
// answer in the fake's transcript yet.
func (l *crashLoad) unanswered(id int64) bool {
	l.mu.Lock()
	m := l.byUpdate[id]
	l.mu.Unlock()
	if m == nil {
		return false
	}
	for _, bm := range l.fake.Messages(m.chat) {
		if bm.Text == l.answer {
			return false
		}
	}
	return true
}

// stop ends the loops once every user has its last answer (or gave up).
// Safe to call twice.
func (l *crashLoad) stop() {
	select {
	case <-l.stopCh:
	default:
		close(l.stopCh)
	}
	l.wg.Wait()
}

// waitAnswers waits until the users have seen n answers.
func (l *crashLoad) waitAnswers(n int64, timeout time.Duration) {
	l.t.Helper()
	deadline := time.Now().Add(timeout)
	for l.answers.Load() < n {
		if time.Now().After(deadline) {
			l.t.Fatalf("only %d answers within %s", l.answers.Load(), timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until the fake saw every sent update confirmed (after that
// no update can come to the bot again, so the transcript is final), then
// reads each message's answers from the transcript and returns the
// messages in the order they were sent.
func (l *crashLoad) settle(timeout time.Duration) []*crashMsg {
	l.t.Helper()
	l.stop()
	l.mu.Lock()
	msgs := slices.Clone(l.msgs)
	l.mu.Unlock()
	deadline := time.Now().Add(timeout)
	for {
		confirmed := map[int64]bool{}
		for _, id := range l.fake.ConfirmedIDs() {
			confirmed[id] = true
		}
		var open []int64
		for _, m := range msgs {
			if !confirmed[m.update] {
				open = append(open, m.update)
			}
		}
		if len(open) == 0 {
			break
		}
		if time.Now().After(deadline) {
			l.t.Errorf("%d of %d updates were never confirmed to the fake within %s, e.g. %v",
				len(open), len(msgs), timeout, open[:min(len(open), 10)])
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, m := range msgs {
		m.answers, m.notices, m.others = nil, 0, nil
		for _, bm := range l.fake.Messages(m.chat) {
			switch bm.Text {
			case l.answer:
				m.answers = append(m.answers, bm.At)
			case l.notice:
				m.notices++
			default:
				m.others = append(m.others, bm.Text)
			}
		}
		if len(m.answers) > 0 {
			m.answered = slices.MinFunc(m.answers, func(a, b time.Time) int { return a.Compare(b) })
		}
	}
	return msgs
}

// checkAnswered fails the test for every message without an answer, and
// for bot messages that are neither answer nor notice.
func checkAnswered(t *testing.T, msgs []*crashMsg) {
	t.Helper()
	unanswered, others := 0, 0
	for _, m := range msgs {
		if m.answered.IsZero() {
			if unanswered++; unanswered <= 10 {
				t.Errorf("update %d (chat %d, sent %s) was never answered", m.update, m.chat, m.sent.Format("15:04:05.000"))
			}
		}
		for _, o := range m.others {
			if others++; others <= 10 {
				t.Errorf("update %d (chat %d): unexpected bot message %q", m.update, m.chat, o)
			}
		}
	}
	if unanswered > 0 || others > 0 {
		t.Errorf("%d of %d updates never answered, %d unexpected bot messages", unanswered, len(msgs), others)
	}
}

// checkAnsweredWithin fails the test for every message that was not
// answered before cut and whose answer came later than within after
// max(at, when it was sent); it logs how many that concerns and the
// figures. cutName and from name cut and at in the messages ("the kill",
// "the restart").
func checkAnsweredWithin(t *testing.T, msgs []*crashMsg, cut, at time.Time, within time.Duration, cutName, from string) {
	t.Helper()
	var pending, later int
	var worstPending, worstLater time.Duration
	late := 0
	for _, m := range msgs {
		if m.answered.IsZero() || m.answered.Before(cut) {
			continue
		}
		start := at
		if m.sent.After(at) {
			start = m.sent
		}
		took := m.answered.Sub(start)
		if m.sent.Before(cut) {
			pending++
			worstPending = max(worstPending, m.answered.Sub(at))
		} else {
			later++
			worstLater = max(worstLater, took)
		}
		if took > within {
			if late++; late <= 10 {
				t.Errorf("update %d (chat %d, sent %s) answered %s after %s, want within %s",
					m.update, m.chat, m.sent.Format("15:04:05.000"), took.Round(time.Millisecond),
					map[bool]string{true: from, false: "it was sent"}[m.sent.Before(at)], within)
			}
		}
	}
	t.Logf("%d updates waiting for their answer at %s: the last answered %s after %s; %d sent later: slowest answer %s",
		pending, cutName, worstPending.Round(time.Millisecond), from, later, worstLater.Round(time.Millisecond))
	if late > 0 {
		t.Errorf("%d updates answered later than %s after %s (or after they were sent)", late, within, from)
	}
	if pending == 0 {
		t.Errorf("no update was waiting for an answer at %s: the fault hit nothing in hand", cutName)
	}
}

// repeatCounts returns how many messages got 1, 2, 3, ... answers (index
// = answers).
func repeatCounts(msgs []*crashMsg) []int {
	counts := make([]int, 4)
	for _, m := range msgs {
		n := len(m.answers)
		for n >= len(counts) {
			counts = append(counts, 0)
		}
		counts[n]++
	}
	return counts
}

// ---- the webhook proxy ---------------------------------------------------

// altProxy is a reverse proxy in front of webhook instances: it sends each
// update to the next instance in turn, a delivery again to the instance
// after the one it went to last, and when an instance does not answer it
// fails the request with 502, so that Telegram (the fake) delivers the
// update again. It knows which updates each instance has in hand.
type altProxy struct {
	srv      *httptest.Server
	backends []*httputil.ReverseProxy
	n        atomic.Uint64
	failed   atomic.Int64   // requests answered 502
	sent     []atomic.Int64 // per backend: requests sent to it

	mu       sync.Mutex
	inFlight []map[int64]int // per backend: update id -> requests in flight
	last     map[int64]int   // update id -> the backend it went to last
}

func startAltProxy(t *testing.T, addrs ...string) *altProxy {
	t.Helper()
	p := &altProxy{last: map[int64]int{}, sent: make([]atomic.Int64, len(addrs))}
	transport := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: time.Second}).DialContext,
		MaxIdleConnsPerHost: 64,
	}
	for _, addr := range addrs {
		target := &url.URL{Scheme: "http", Host: addr}
		p.backends = append(p.backends, &httputil.ReverseProxy{
			Rewrite:   func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
			Transport: transport,
			ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) {
				p.failed.Add(1)
				w.WriteHeader(http.StatusBadGateway)
			},
		})
		p.inFlight = append(p.inFlight, map[int64]int{})
	}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(func() {
		p.srv.CloseClientConnections()
		p.srv.Close()
		transport.CloseIdleConnections()
	})
	return p
}

func (p *altProxy) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var u struct {
		ID int64 `json:"update_id"`
	}
	_ = json.Unmarshal(body, &u)
	p.mu.Lock()
	i, again := p.last[u.ID]
	if again {
		i = (i + 1) % len(p.backends) // a delivery that failed goes to the next one
	} else {
		i = int(p.n.Add(1) % uint64(len(p.backends)))
	}
	p.last[u.ID] = i
	p.inFlight[i][u.ID]++
	p.sent[i].Add(1)
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		if p.inFlight[i][u.ID]--; p.inFlight[i][u.ID] == 0 {
			delete(p.inFlight[i], u.ID)
		}
		p.mu.Unlock()
	}()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	p.backends[i].ServeHTTP(w, r)
}

// handing reports whether backend i has a request for update id in flight.
func (p *altProxy) handing(i int, id int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.inFlight[i][id] > 0
}

// waitListening waits until something accepts connections on addr.
func waitListening(t *testing.T, addr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s after %s: %v", addr, timeout, errors.Unwrap(err))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// logHeld logs, for the updates whose leases the killed process held, when
// they were answered (relative to the kill) and how often.
func logHeld(t *testing.T, msgs []*crashMsg, leases map[int64]string, killAt time.Time) {
	t.Helper()
	var lines []string
	for _, m := range msgs {
		if _, ok := leases[m.update]; !ok {
			continue
		}
		first := "never"
		if !m.answered.IsZero() {
			first = m.answered.Sub(killAt).Round(time.Millisecond).String()
		}
		lines = append(lines, fmt.Sprintf("%d: %s, %d answers", m.update, first, len(m.answers)))
	}
	t.Logf("updates held by the killed process (first answer after the kill, answers): %s", strings.Join(lines, "; "))
}
