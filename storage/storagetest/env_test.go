package storagetest_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// fatalTB records the message of Fatal and stops the goroutine like testing does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper()        {}
func (f *fatalTB) Cleanup(func()) {}
func (f *fatalTB) Fatal(a ...any) { f.msg = fmt.Sprint(a...); runtime.Goexit() }
func (f *fatalTB) Fatalf(s string, a ...any) {
	f.msg = fmt.Sprintf(s, a...)
	runtime.Goexit()
}

func fatalOf(call func(tb testing.TB)) string {
	f := &fatalTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		call(f)
	}()
	<-done
	return f.msg
}

func TestUnsetEnvFails(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	t.Setenv("REDIS_URL", "")
	const pg, rd = "set DATABASE_URL (make test starts a Postgres)", "set REDIS_URL (make test starts a Redis)"
	tests := []struct {
		name string
		call func(tb testing.TB)
		want string
	}{
		{"Store", func(tb testing.TB) { storagetest.Store(tb) }, pg},
		{"DatabaseURL", func(tb testing.TB) { storagetest.DatabaseURL(tb) }, pg},
		{"EmptyDatabaseURL", func(tb testing.TB) { storagetest.EmptyDatabaseURL(tb) }, pg},
		{"Redis", func(tb testing.TB) { storagetest.Redis(tb, storage.RedisOptions{}) }, rd},
		{"RedisURL", func(tb testing.TB) { storagetest.RedisURL(tb) }, rd},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fatalOf(tc.call); got != tc.want {
				t.Errorf("fatal message = %q, want %q", got, tc.want)
			}
		})
	}
}
