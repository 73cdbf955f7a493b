package storagetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
)

// OwnPostgres starts a Postgres cluster of the test's own (initdb into a
// temporary folder, a free loopback port), for tests that stop and start the
// database to see what users see then. It returns the URL of its postgres
// database and a function that stops (false) or starts (true) the server.
// As root the server runs as the OS user postgres, which Postgres demands.
// Everything is removed when the test ends.
func OwnPostgres(t testing.TB) (url string, set func(up bool)) {
	t.Helper()
	for _, bin := range []string{"initdb", "pg_ctl"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("storagetest: %s is not on PATH (PostgreSQL 15 binaries are needed)", bin)
		}
	}
	dir, err := os.MkdirTemp("", "miglobe-ownpg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	data := filepath.Join(dir, "pg")
	run := asDBOwner(t, dir)
	if out, err := run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8").CombinedOutput(); err != nil {
		t.Fatalf("storagetest: initdb: %v\n%s", err, out)
	}
	port := freePort(t)
	up := false
	set = func(want bool) {
		t.Helper()
		if want == up {
			return
		}
		args := []string{"-D", data, "-w", "-t", "60", "-m", "fast", "stop"}
		if want {
			args = []string{"-D", data, "-w", "-t", "60", "-l", filepath.Join(dir, "log"),
				"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", port, dir), "start"}
		}
		if out, err := run("pg_ctl", args...).CombinedOutput(); err != nil {
			t.Fatalf("storagetest: pg_ctl: %v\n%s", err, out)
		}
		up = want
	}
	set(true)
	t.Cleanup(func() { set(false) })
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), set
}

// asDBOwner returns a command maker that runs Postgres's tools as the OS
// user postgres when the test runs as root, after handing it dir.
func asDBOwner(t testing.TB, dir string) func(name string, args ...string) *exec.Cmd {
	t.Helper()
	if os.Geteuid() != 0 {
		return exec.Command
	}
	pg, err := user.Lookup("postgres")
	if err != nil {
		t.Fatal("storagetest: running as root needs the OS user postgres")
	}
	uid, _ := strconv.Atoi(pg.Uid)
	gid, _ := strconv.Atoi(pg.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
	return func(name string, args ...string) *exec.Cmd {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
