package bot

import (
	"testing"
	"time"
)

// Issue 8, point 7: recovery after a crash. The bot runs as a child process
// (the binary main builds) on the fake Bot API, a Postgres database and a
// redis-server of the test's own, and is killed with SIGKILL while it has
// updates in hand: it is frozen (SIGSTOP) at a moment when Redis shows it
// holding the lease of an update that has no answer yet, then killed, so
// that the kill always hits an update in the middle of its handling.
// Twenty users talk to it in a closed loop, each message from a chat of its
// own, so that the fake's transcript tells exactly when, and how often,
// each update was answered (see crashLoad).

// crashUsers is the size of the closed loop, as in the measurement.
const crashUsers = 20

// Polling: SIGKILL in the middle of a batch and a restart at once. The
// updates the dead process had claimed must not hold anyone up: every
// update that was waiting at the kill is answered within 2 s of the
// restart, and every later one within 2 s of being sent.
func TestCrashPollingRestartAnswersWithin2s(t *testing.T) {
	e := newCrashEnv(t)
	load, leases, killAt := e.killPollingUnderLoad(t, 71_000_000)
	restartAt := time.Now()
	second := e.startPolling("second")

	time.Sleep(3 * time.Second) // the load goes on
	msgs := load.settle(time.Minute)
	if second.exitedByItself() {
		t.Fatalf("the restarted bot exited: %v", second.waitErr)
	}
	checkAnswered(t, msgs)
	t.Logf("%d updates; the killed process held the leases of %d unanswered updates; restart %s after the kill",
		len(msgs), len(leases), restartAt.Sub(killAt).Round(time.Microsecond))
	logHeld(t, msgs, leases, killAt)
	checkAnsweredWithin(t, msgs, killAt, restartAt, 2*time.Second, "the kill", "the restart")
	t.Logf("answers per update: %v (index = answers)", repeatCounts(msgs))
}

// Polling: SIGKILL, a restart at once, and 5 s after the kill Redis is
// restarted empty (no leases, no done marks, no sessions); the bot must
// reconnect on its own. Only the updates in flight at a fault may be
// answered again: none more than twice, and none that had been answered
// well before every fault (its confirmation must not have waited for a
// dead process's lease; a second of slack covers the step from the answer
// to the confirming getUpdates call).
func TestCrashPollingRedisRestartNoUpdateAnsweredMoreThanTwice(t *testing.T) {
	e := newCrashEnv(t)
	load, leases, killAt := e.killPollingUnderLoad(t, 72_000_000)
	second := e.startPolling("second")

	time.Sleep(time.Until(killAt.Add(5 * time.Second)))
	redisDownAt := time.Now()
	e.redisUp(false)
	// Down long enough that the bot's own calls fail (a gap of a second
	// the Redis client's retries hide), as in a real restart.
	time.Sleep(3 * time.Second)
	e.redisUp(true) // empty: it keeps nothing on disk
	redisBackAt := time.Now()

	time.Sleep(3 * time.Second) // the load goes on, on the new Redis
	msgs := load.settle(time.Minute)
	if second.exitedByItself() {
		t.Fatalf("the restarted bot exited: %v", second.waitErr)
	}
	checkAnswered(t, msgs)

	faults := []time.Time{killAt, redisDownAt}
	const inFlightSlack = time.Second
	var atRedis, afterRedis, notices, twice, tooMany, unexplained int
	var lead time.Duration
	for _, m := range msgs {
		notices += m.notices
		if m.sent.Before(redisDownAt) && m.answered.After(redisDownAt) {
			atRedis++
		}
		if m.sent.After(redisBackAt) && !m.answered.IsZero() {
			afterRedis++
		}
		n := len(m.answers)
		if n > 2 {
			if tooMany++; tooMany <= 10 {
				t.Errorf("update %d (chat %d, sent %s) answered %d times, at most twice allowed",
					m.update, m.chat, m.sent.Format("15:04:05.000"), n)
			}
		}
		if n < 2 {
			continue
		}
		twice++
		inFlight := false
		for _, f := range faults {
			if m.sent.Before(f) && m.answered.After(f.Add(-inFlightSlack)) {
				inFlight = true
				lead = max(lead, f.Sub(m.answered)) // how long before the fault it was answered first
			}
		}
		if !inFlight {
			if unexplained++; unexplained <= 10 {
				t.Errorf("update %d (chat %d) answered again although it was answered at %s, not in flight at a fault (kill %s, Redis down %s)",
					m.update, m.chat, m.answered.Format("15:04:05.000"), killAt.Format("15:04:05.000"), redisDownAt.Format("15:04:05.000"))
			}
		}
	}
	c := repeatCounts(msgs)
	t.Logf("%d updates; the killed process held the leases of %d unanswered updates; Redis down for %s with %d updates waiting for their answer; answers per update: %v (index = answers); %d answered twice, %d of them not in flight at a fault, the others first answered at most %s before it; %d unavailable notices; %d updates sent after Redis was back",
		len(msgs), len(leases), redisBackAt.Sub(redisDownAt).Round(time.Millisecond), atRedis, c, twice, unexplained,
		lead.Round(time.Millisecond), notices, afterRedis)
	logHeld(t, msgs, leases, killAt)
	if atRedis == 0 {
		t.Error("no update was waiting for its answer when Redis went down: the fault hit nothing in hand")
	}
	if afterRedis == 0 {
		t.Error("no update was sent and answered after Redis came back: did the bot reconnect?")
	}
	if tooMany > 0 {
		t.Errorf("%d updates answered more than twice", tooMany)
	}
	if unexplained > 0 {
		t.Errorf("%d updates answered twice that were not in flight at a fault", unexplained)
	}
}

// Webhook: two instances share Postgres and Redis behind a proxy that
// alternates between them (a request the dead one cannot answer fails with
// 502, and the fake delivers the update again). One is killed under load
// while it handles updates; every update must be answered within 5 s of
// the kill.
func TestCrashWebhookOneOfTwoKilledAnswersWithin5s(t *testing.T) {
	e := newCrashEnv(t)
	listenA, listenB := freeAddr(t), freeAddr(t)
	proxy := startAltProxy(t, listenA, listenB)
	public := proxy.srv.URL + "/telegram/hook"
	a := e.startWebhook("A", listenA, public)
	b := e.startWebhook("B", listenB, public)
	a.waitReady(t, time.Minute)
	b.waitReady(t, time.Minute)
	waitListening(t, listenA, time.Minute)
	waitListening(t, listenB, time.Minute)
	load := e.startLoad(crashUsers, 73_000_000)
	load.waitAnswers(300, time.Minute)

	// A's updates are those the proxy has handed to A and not got back.
	leases := e.freezeHolding(a, func(id int64) bool { return proxy.handing(0, id) && load.unanswered(id) })
	killAt := time.Now()
	a.kill()

	time.Sleep(8 * time.Second) // the load goes on, on B alone
	msgs := load.settle(time.Minute)
	if b.exitedByItself() {
		t.Fatalf("instance B exited: %v", b.waitErr)
	}
	checkAnswered(t, msgs)
	t.Logf("%d updates; A held the leases of %d unanswered updates at the kill; the proxy failed %d requests",
		len(msgs), len(leases), proxy.failed.Load())
	logHeld(t, msgs, leases, killAt)
	checkAnsweredWithin(t, msgs, killAt, killAt, 5*time.Second, "the kill", "the kill")
	t.Logf("answers per update: %v (index = answers)", repeatCounts(msgs))
}

// killPollingUnderLoad starts a polling bot and the closed loop of
// crashUsers (update ids from base), and kills the bot with SIGKILL while
// it holds the lease of an unanswered update. It returns the load, the
// leases the dead process held and when it was killed.
func (e *crashEnv) killPollingUnderLoad(t *testing.T, base int64) (*crashLoad, map[int64]string, time.Time) {
	t.Helper()
	first := e.startPolling("first")
	first.waitReady(t, time.Minute)
	load := e.startLoad(crashUsers, base)
	load.waitAnswers(300, time.Minute)
	leases := e.freezeHolding(first, load.unanswered)
	killAt := time.Now()
	first.kill()
	return load, leases, killAt
}
