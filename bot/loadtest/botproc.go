package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// botProc is the bot binary running as a child process.
type botProc struct {
	cmd      *exec.Cmd
	pid      string
	addr     string        // HTTP_ADDR: /readyz and /metrics
	done     chan struct{} // closed when the process has exited
	waitErr  error         // the exit status, valid once done is closed
	stopping atomic.Bool   // set before we end it ourselves
	log      *tailBuffer   // the last part of its stderr
}

// botConfigVars are the variables the benchmark sets itself; values from the
// caller's environment are dropped (COORDINATOR_IDS must stay unset, and the
// outbox limits at their defaults, Telegram's values).
var botConfigVars = []string{"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "BOT_MODE", "HTTP_ADDR",
	"COORDINATOR_IDS", "WEBHOOK_LISTEN_ADDR", "WEBHOOK_PUBLIC_URL", "WEBHOOK_SECRET", "SANDBOX_ADDR",
	"OUTBOX_GLOBAL_PER_SECOND", "OUTBOX_CHAT_PER_SECOND"}

// botEnv returns base without botConfigVars, plus set.
func botEnv(base []string, set map[string]string) []string {
	out := make([]string, 0, len(base)+len(set))
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		drop := set[k] != ""
		for _, v := range botConfigVars {
			drop = drop || k == v
		}
		if !drop {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}

// freeAddr returns a loopback address with a port nothing listens on now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}

// startBot starts bin with env; extraLog, when not nil, gets its stderr too.
// The child dies with this process (SIGKILL on parent death) and runs in its
// own process group, so that a Ctrl-C reaches only the load generator, which
// then stops it.
func startBot(bin, addr string, env []string, extraLog io.Writer) (*botProc, error) {
	p := &botProc{addr: addr, done: make(chan struct{}), log: &tailBuffer{max: 16 << 10}}
	p.cmd = exec.Command(bin)
	p.cmd.Env = env
	p.cmd.Stdout = p.log
	p.cmd.Stderr = p.log
	if extraLog != nil {
		p.cmd.Stdout = io.MultiWriter(p.log, extraLog)
		p.cmd.Stderr = p.cmd.Stdout
	}
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start bot %s: %w", bin, err)
	}
	p.pid = strconv.Itoa(p.cmd.Process.Pid)
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the process has ended.
func (p *botProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitReady polls /readyz until it answers 200. It returns an error when the
// bot exits first or timeout passes.
func (p *botProc) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.addr+"/readyz", nil)
		if err != nil {
			return fmt.Errorf("wait for bot: %w", err)
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.done:
			return fmt.Errorf("bot exited before it was ready: %v", p.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("bot not ready after %s: %w", timeout, ctx.Err())
		case <-tick.C:
		}
	}
}

// stop ends the bot with SIGTERM (it drains and exits 0), and with SIGKILL
// when it has not exited after grace. It returns an error when the bot had
// exited by itself before, or did not exit cleanly. Safe to call twice.
func (p *botProc) stop(grace time.Duration) error {
	if p.stopping.Swap(true) {
		<-p.done
		return nil
	}
	if p.exited() {
		return fmt.Errorf("bot exited on its own: %v", p.waitErr)
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		if p.waitErr != nil {
			return fmt.Errorf("bot did not stop cleanly: %w", p.waitErr)
		}
		return nil
	case <-time.After(grace):
	}
	_ = p.cmd.Process.Kill()
	<-p.done
	return fmt.Errorf("bot did not stop within %s after SIGTERM; killed", grace)
}

// kill ends the bot at once; for error paths. Safe to call any time.
func (p *botProc) kill() {
	p.stopping.Store(true)
	if !p.exited() {
		_ = p.cmd.Process.Kill()
	}
	<-p.done
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(b), nil
}

// String returns what the buffer holds.
func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// errBotExited: the bot ended while the benchmark still needed it.
var errBotExited = errors.New("the bot exited during the benchmark")

// exitError describes an unexpected exit, with the end of the bot's log.
func (p *botProc) exitError() error {
	return fmt.Errorf("%w (%v); last log lines:\n%s", errBotExited, p.waitErr, lastLines(p.log.String(), 20))
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
