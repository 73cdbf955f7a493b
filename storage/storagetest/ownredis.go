package storagetest

import (
	"net"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// OwnRedis runs a redis-server of the test's own on a free loopback port
// (no persistence), for tests that stop and start Redis, or that run the
// bot's binary, whose keys have no test prefix. It returns its URL and a
// function that stops (false) or starts (true) it; it is stopped when the
// test ends.
func OwnRedis(t testing.TB) (url string, set func(up bool)) {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is not installed (make test installs it)")
	}
	port := strconv.Itoa(freePort(t))
	var cmd *exec.Cmd
	set = func(up bool) {
		t.Helper()
		if !up {
			if cmd != nil {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				cmd = nil
			}
			return
		}
		cmd = exec.Command(path, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second); err == nil {
				c.Close()
				return
			}
		}
		t.Fatal("own redis-server did not start within 20s")
	}
	set(true)
	t.Cleanup(func() { set(false) })
	return "redis://127.0.0.1:" + port + "/0", set
}
