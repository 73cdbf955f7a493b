package bot

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// A SIGTERM cancels Run's context (main uses signal.NotifyContext). Every
// update the fake saw confirmed must have been handled; after a restart the
// rest are handled, and none twice.
func TestShutdownDuringBurst(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	const users, each = 10, 30
	var ids sync.Map
	p.start()
	var wg sync.WaitGroup
	for i := range int64(users) {
		u := user(5000 + i)
		p.fake.AddUser(u)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range each {
				ids.Store(p.fake.SendText(u, fmt.Sprintf("%d", n)), true)
				time.Sleep(time.Millisecond)
			}
		}()
	}
	// Stop in the middle of the burst.
	for handledCount(p, &ids) < users*each/4 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := p.stop(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	confirmed := p.fake.ConfirmedIDs()
	if len(confirmed) == 0 {
		t.Fatal("nothing was confirmed before the stop")
	}
	for _, id := range confirmed {
		if p.rec.timesHandled(id) == 0 {
			t.Fatalf("update %d was confirmed but never handled", id)
		}
	}
	// A new instance handles what is left, each update exactly once.
	p.restart()
	p.start()
	deadline := time.Now().Add(30 * time.Second)
	for handledCount(p, &ids) < users*each {
		if time.Now().After(deadline) {
			t.Fatalf("after restart only %d of %d updates were handled", handledCount(p, &ids), users*each)
		}
		time.Sleep(10 * time.Millisecond)
	}
	ids.Range(func(k, _ any) bool {
		if n := p.rec.timesHandled(k.(int64)); n != 1 {
			t.Errorf("update %d handled %d times", k, n)
		}
		return true
	})
}

func handledCount(p *pipeline, ids *sync.Map) int {
	n := 0
	ids.Range(func(k, _ any) bool {
		if p.rec.timesHandled(k.(int64)) > 0 {
			n++
		}
		return true
	})
	return n
}
