package bot

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// Two processes of the bot (the binary, in webhook mode) behind one
// webhook, with a proxy in front that sends each request to the next one,
// and the same Postgres and Redis (issue 15, part 7): a burst of 20
// messages in each of 50 chats is answered in order; an update delivered
// to both at once is handled once; every outbox message is sent once; one
// leader runs the jobs, and when it is killed (kill -9) the other takes
// over within a minute, and no job runs twice for one slot.
//
// The figures (burst, takeover) are logged: go test -run
// TestTwoInstancesBehindOneWebhook -v ./bot/
func TestTwoInstancesBehindOneWebhook(t *testing.T) {
	e := newCrashEnv(t)
	listenA, listenB := freeAddr(t), freeAddr(t)
	proxy := startAltProxy(t, listenA, listenB)
	const path = "/telegram/hook"
	// Leadership is tried every leaderRetry, and the jobs run every 2s
	// instead of every minute or hour, so that the test sees several ticks.
	a := e.startWebhook("A", listenA, proxy.srv.URL+path, "LEADER_RETRY="+leaderRetry, "JOB_EVERY=2s")
	b := e.startWebhook("B", listenB, proxy.srv.URL+path, "LEADER_RETRY="+leaderRetry, "JOB_EVERY=2s")
	t.Cleanup(func() { // before the children are killed: what they logged up to the failure
		if t.Failed() {
			for _, c := range []*botChild{a, b} {
				out, _ := os.ReadFile(c.logPath)
				t.Logf("---- stderr of %s (pid %d) ----\n%s", c.name, c.cmd.Process.Pid, out)
			}
		}
	})
	for _, c := range []*botChild{a, b} {
		c.waitReady(t, time.Minute)
	}
	waitUntil(t, 30*time.Second, "both instances set the webhook", func() bool {
		n := 0
		for _, c := range e.fake.Calls() {
			if c.Method == "setWebhook" && c.OK {
				n++
			}
		}
		return n == 2
	})

	ctx := context.Background()
	store, err := storage.Open(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	outbox := enqueueOutbox(t, ctx, store, e.fake)
	burst(t, e.fake, a, b)
	duplicate(t, e.fake, "http://"+listenA+path, "http://"+listenB+path, a, b)
	sentOnce(t, ctx, store, e.fake, outbox)
	takeover(t, ctx, e.dbURL, a, b)
}

// burst sends 20 /start in each of 50 chats, the sender's first name
// changing from B00 to B19, and checks that each chat was greeted by those
// names in that order, each once. Telegram (the fake) sends a chat's next
// update once the previous one was answered, and the chats in parallel;
// the proxy sends consecutive updates of a chat to different instances.
func burst(t *testing.T, fake *telegramfake.Server, a, b *botChild) {
	t.Helper()
	const chats, perChat, first = 50, 20, 7_000_001
	const handled = `miglobe_updates_handled_total{kind="command"}`
	for i := range perChat {
		for c := range chats {
			u := telegramfake.User{ID: int64(first + c), FirstName: fmt.Sprintf("B%02d", i), LanguageCode: "de"}
			fake.SendText(u, "/start")
		}
	}
	greeting := regexp.MustCompile(`MiGlobe, (B\d\d)!`)
	names := func(chat int64) []string {
		var got []string
		for _, m := range fake.Messages(chat) {
			if g := greeting.FindStringSubmatch(m.Text); g != nil {
				got = append(got, g[1])
			}
		}
		return got
	}
	took := waitUntil(t, 90*time.Second, "every chat answered 20 times", func() bool {
		for c := range chats {
			if len(names(int64(first+c))) < perChat {
				return false
			}
		}
		return true
	})
	t.Logf("burst: %d updates in %d chats answered through two instances in %v (A handled %v, B %v)", chats*perChat,
		chats, took.Round(time.Millisecond), metric(t, a, handled), metric(t, b, handled))
	if metric(t, a, handled) == 0 || metric(t, b, handled) == 0 {
		t.Error("the proxy did not share the burst between the instances")
	}
	want := make([]string, perChat)
	for i := range want {
		want[i] = fmt.Sprintf("B%02d", i)
	}
	for c := range chats {
		if got := names(int64(first + c)); !slices.Equal(got, want) {
			t.Errorf("chat %d was answered %v, want %v", first+c, got, want)
		}
	}
}

// duplicate posts one update to both instances at once, as a redelivery
// racing the first delivery would come: both answer 200, the user is
// answered once, and one instance counts a duplicate.
func duplicate(t *testing.T, fake *telegramfake.Server, hookA, hookB string, a, b *botChild) {
	t.Helper()
	const chat, dup = 7_300_001, `miglobe_updates_handled_total{kind="duplicate"}`
	fake.AddUser(telegramfake.User{ID: chat, FirstName: "Doppelt", LanguageCode: "de"})
	body := fmt.Sprintf(`{"update_id":900000001,"message":{"message_id":1,"date":%d,`+
		`"from":{"id":%d,"is_bot":false,"first_name":"Doppelt","language_code":"de"},`+
		`"chat":{"id":%d,"type":"private","first_name":"Doppelt"},`+
		`"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`, time.Now().Unix(), chat, chat)
	var wg sync.WaitGroup
	at := make(chan struct{})
	status := make([]int, 2)
	for i, hook := range []string{hookA, hookB} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, hook, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", crashSecret)
			<-at
			if resp, err := http.DefaultClient.Do(req); err == nil {
				status[i] = resp.StatusCode
				_ = resp.Body.Close()
			}
		}()
	}
	close(at)
	wg.Wait()
	if status[0] != http.StatusOK || status[1] != http.StatusOK {
		t.Errorf("the update sent to both was answered %v, want 200 by both", status)
	}
	var answers int
	for _, m := range fake.Messages(chat) {
		if strings.Contains(m.Text, "MiGlobe, Doppelt!") {
			answers++
		}
	}
	if answers != 1 {
		t.Errorf("the update sent to both instances was answered %d times, want once", answers)
	}
	if n := metric(t, a, dup) + metric(t, b, dup); n != 1 {
		t.Errorf("the instances counted %v duplicates, want 1", n)
	}
}

// enqueueOutbox writes 2 messages for each of 20 chats to the outbox, as a
// feature's change does, and returns their texts by chat.
func enqueueOutbox(t *testing.T, ctx context.Context, store *storage.Store, fake *telegramfake.Server) map[int64][]string {
	t.Helper()
	want := map[int64][]string{}
	var notes []domain.Notification
	for c := range 20 {
		chat := int64(7_200_001 + c)
		fake.AddUser(telegramfake.User{ID: chat, FirstName: "O", LanguageCode: "de"})
		for k := range 2 {
			text := fmt.Sprintf("Nachricht %d an %d", k+1, chat)
			want[chat] = append(want[chat], text)
			notes = append(notes, domain.Notification{ChatID: chat, Lang: "de", Message: domain.Message{Text: text}})
		}
	}
	if err := store.Notify(ctx, notes); err != nil {
		t.Fatal(err)
	}
	return want
}

// sentOnce waits until the outbox is sent and checks that each message
// reached its chat once.
func sentOnce(t *testing.T, ctx context.Context, store *storage.Store, fake *telegramfake.Server, want map[int64][]string) {
	t.Helper()
	waitUntil(t, 60*time.Second, "the outbox is sent", func() bool {
		n, err := store.PendingOutbox(ctx)
		return err == nil && n == 0
	})
	for chat, texts := range want {
		var got []string
		for _, m := range fake.Messages(chat) {
			got = append(got, m.Text)
		}
		slices.Sort(got)
		if !slices.Equal(got, texts) {
			t.Errorf("chat %d received %q, want each of %q once", chat, got, texts)
		}
	}
}

// takeover finds the leader, checks that only it runs jobs, kills it and
// measures how long until the other leads, then lets that one run jobs;
// no job ran twice for one slot.
func takeover(t *testing.T, ctx context.Context, dbURL string, a, b *botChild) {
	t.Helper()
	waitUntil(t, 30*time.Second, "exactly one instance leads", func() bool { return leads(a) != leads(b) })
	leader, other := a, b
	if leads(b) {
		leader, other = b, a
	}
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close(ctx) })
	count := func(query string, c *botChild, args ...any) int {
		var n int
		if err := db.QueryRow(ctx, query, append([]any{instanceOf(c)}, args...)...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const slots = `SELECT count(DISTINCT slot) FROM job_runs WHERE instance = $1`
	waitUntil(t, 30*time.Second, "the leader runs jobs at two ticks", func() bool { return count(slots, leader) >= 2 })
	if n := count(slots, other); n > 0 {
		t.Errorf("the follower ran jobs at %d ticks while the other instance led", n)
	}

	leader.kill()
	killed := time.Now()
	took := waitUntil(t, 90*time.Second, "the other instance takes over", func() bool { return leads(other) })
	t.Logf("takeover: %s led and was killed (SIGKILL); %s led %v later (LEADER_RETRY=%s)",
		leader.name, other.name, took.Round(time.Millisecond), leaderRetry)
	if took >= time.Minute {
		t.Errorf("the takeover took %v, want less than a minute", took)
	}
	waitUntil(t, 30*time.Second, "the new leader runs jobs at two ticks", func() bool { return count(slots, other) >= 2 })
	if n := count(`SELECT count(*) FROM job_runs WHERE instance = $1 AND started_at < $2`, other, killed); n > 0 {
		t.Errorf("the follower ran %d jobs before the leader was killed", n)
	}
	noSlotTwice(t, leader, other)
}

// leaderRetry is the children's LEADER_RETRY: short, so that the test is;
// with the default of 5s a takeover took 2.6s.
const leaderRetry = "200ms"

// jobRun is a run as the scheduler logs it.
var jobRun = regexp.MustCompile(`msg="job (?:done|failed)" job=(\S+) slot=(\S+)`)

// noSlotTwice reads the runs the processes logged: each (job, slot) ran
// once, and none ran on a process before it took the lead.
func noSlotTwice(t *testing.T, children ...*botChild) {
	t.Helper()
	seen := map[string]string{}
	for _, c := range children {
		out, err := os.ReadFile(c.logPath)
		if err != nil {
			t.Fatal(err)
		}
		log := string(out)
		taken := strings.Index(log, "leadership taken")
		for _, m := range jobRun.FindAllStringSubmatchIndex(log, -1) {
			key := log[m[2]:m[3]] + " at " + log[m[4]:m[5]]
			if by, twice := seen[key]; twice {
				t.Errorf("job %s ran twice: on %s and on %s", key, by, c.name)
			}
			seen[key] = c.name
			if taken < 0 || m[0] < taken {
				t.Errorf("%s ran job %s before it led", c.name, key)
			}
		}
	}
	if len(seen) == 0 {
		t.Error("no job runs were logged")
	}
}

// instanceOf is how the child names itself in job_runs (host:pid).
func instanceOf(c *botChild) string {
	host, _ := os.Hostname()
	return host + ":" + strconv.Itoa(c.cmd.Process.Pid)
}

// leads reads miglobe_leader on the child's /metrics.
func leads(c *botChild) bool {
	v, ok := metricOf(c, "miglobe_leader")
	return ok && v == 1
}

// metric returns the value of series (name{labels}) on the child's
// /metrics; 0 when it shows none.
func metric(t *testing.T, c *botChild, series string) float64 {
	t.Helper()
	v, _ := metricOf(c, series)
	return v
}

func metricOf(c *botChild, series string) (float64, bool) {
	resp, err := http.Get("http://" + c.httpAddr + "/metrics")
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

// waitUntil polls cond every 50ms for up to limit and returns how long it
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
