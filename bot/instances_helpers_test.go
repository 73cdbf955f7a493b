package bot_test

import (
	"bufio"
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
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// proc is one bot process, as a deployment runs it.
type proc struct {
	name, hook, ops, logPath string
	cmd                      *exec.Cmd
	exited                   chan struct{}
}

// instance names the process in job_runs and its logs (host:pid).
func (p *proc) instance() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, p.cmd.Process.Pid)
}

// buildBot compiles the bot's command into a temporary directory.
func buildBot(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "miglobe-bot")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/miglobe/miglobe-bot")
	cmd.Dir = ".." // the module's root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// freeAddr returns a loopback address no one listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// ownRedisDB returns REDIS_URL on a numbered database of its own (the
// binary has no key prefix), emptied before and after the test.
func ownRedisDB(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(storagetest.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = fmt.Sprintf("/%d", 8+rand.IntN(8))
	flush := func() {
		conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
		if err != nil {
			t.Fatalf("redis: %v", err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(conn, "SELECT %s\r\nFLUSHDB\r\n", strings.TrimPrefix(u.Path, "/"))
		r := bufio.NewReader(conn)
		for range 2 {
			if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "+OK") {
				t.Fatalf("redis flush of %s: %q, %v", u.Path, line, err)
			}
		}
	}
	flush()
	t.Cleanup(flush)
	return u.String()
}

// newProc picks the addresses of a bot process to start.
func newProc(t *testing.T, name string) *proc {
	t.Helper()
	return &proc{name: name, hook: "http://" + freeAddr(t) + "/hook", ops: "http://" + freeAddr(t),
		logPath: filepath.Join(t.TempDir(), name+".log"), exited: make(chan struct{})}
}

// start starts the binary with env (plus its own addresses) and waits
// until it is ready. Its stderr goes to a file printed when the test fails.
func (p *proc) start(t *testing.T, bin string, env []string) {
	t.Helper()
	name := p.name
	logFile, err := os.Create(p.logPath)
	if err != nil {
		t.Fatal(err)
	}
	hook, _ := url.Parse(p.hook)
	p.cmd = exec.Command(bin)
	p.cmd.Env = append(env, "WEBHOOK_LISTEN_ADDR="+hook.Host, "HTTP_ADDR="+strings.TrimPrefix(p.ops, "http://"))
	p.cmd.Stdout, p.cmd.Stderr = logFile, logFile
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = p.cmd.Wait()
		logFile.Close()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			out, _ := os.ReadFile(p.logPath)
			t.Logf("---- stderr of %s (pid %d) ----\n%s", name, p.cmd.Process.Pid, out)
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get(p.ops + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("%s exited before it was ready", name)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready within 60s", name)
		}
	}
}

// leads reads miglobe_leader from the process's /metrics; false when it
// does not answer.
func (p *proc) leads() bool {
	resp, err := http.Get(p.ops + "/metrics")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return regexp.MustCompile(`(?m)^miglobe_leader 1$`).Match(body)
}

// metric returns the value of series (name{labels}) on the process's
// /metrics; 0 when it shows none.
func (p *proc) metric(t *testing.T, series string) float64 {
	t.Helper()
	resp, err := http.Get(p.ops + "/metrics")
	if err != nil {
		t.Fatalf("%s /metrics: %v", p.name, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %q", p.name, line)
			}
			return f
		}
	}
	return 0
}

// log returns what the process wrote so far.
func (p *proc) log(t *testing.T) string {
	t.Helper()
	out, err := os.ReadFile(p.logPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// roundRobin is the load balancer in front of the instances: each request
// goes to the next one, as a proxy without affinity sends them.
func roundRobin(t *testing.T, procs ...*proc) *httptest.Server {
	t.Helper()
	var n atomic.Uint64
	targets := make([]*url.URL, len(procs))
	for i, p := range procs {
		u, err := url.Parse(p.hook)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = ""
		targets[i] = u
	}
	proxy := &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(targets[n.Add(1)%uint64(len(targets))]) },
		Transport: &http.Transport{MaxIdleConnsPerHost: 100, ResponseHeaderTimeout: time.Minute},
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv
}

// waitUntil polls cond every 50ms for up to limit and reports how long it
// took; it fails the test at the limit.
func waitUntil(t *testing.T, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("not within %v: %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}
