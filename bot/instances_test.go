package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

const (
	instancesToken  = "200000002:instances-test-token-not-a-secret"
	instancesSecret = "instances-test-secret"
)

// Two processes of the bot behind one webhook, with a round-robin proxy in
// front and the same Postgres and Redis (issue 15, part 7): a burst of 20
// messages in each of 50 chats is answered in order; an update delivered
// to both at once is handled once; every outbox message is sent once; one
// leader runs the jobs, and when it is killed (kill -9) the other takes
// over within a minute, and no job runs twice for one slot.
//
// The figures (burst, takeover) are logged: go test -run
// TestTwoInstancesBehindOneWebhook -v ./bot/
func TestTwoInstancesBehindOneWebhook(t *testing.T) {
	bin := buildBot(t)
	fake := telegramfake.New(telegramfake.Options{Token: instancesToken})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	fake.CheckTB(t)
	a, b := newProc(t, "a"), newProc(t, "b")
	proxy := roundRobin(t, a, b)
	dbURL := storagetest.DatabaseURL(t)
	env := []string{"TELEGRAM_BOT_TOKEN=" + instancesToken, "TELEGRAM_API_URL=" + fake.URL(), "BOT_MODE=webhook",
		"WEBHOOK_PUBLIC_URL=" + proxy.URL + "/hook", "WEBHOOK_SECRET=" + instancesSecret,
		"DATABASE_URL=" + dbURL, "REDIS_URL=" + ownRedisDB(t), "BOT_USERNAME=MiGlobeTestBot",
		"LEADER_RETRY=200ms", "JOB_EVERY=2s"}
	a.start(t, bin, env)
	b.start(t, bin, env)
	waitUntil(t, 10*time.Second, "both instances set the webhook", func() bool {
		n := 0
		for _, c := range fake.Calls() {
			if c.Method == "setWebhook" && c.OK {
				n++
			}
		}
		return n == 2
	})

	ctx := context.Background()
	store, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	outbox := enqueueOutbox(t, ctx, store, fake)
	burst(t, fake, a, b)
	duplicate(t, fake, a, b)
	sentOnce(t, ctx, store, fake, outbox)
	takeover(t, ctx, dbURL, a, b)
}

// burst sends 20 /start in each of 50 chats, the sender's first name
// changing from B00 to B19, and checks that each chat was answered in that
// order, each once. Telegram (the fake) sends a chat's next update once the
// previous one was answered, and the chats in parallel; the proxy sends
// consecutive updates of a chat to different instances.
func burst(t *testing.T, fake *telegramfake.Server, a, b *proc) {
	const handled = `miglobe_updates_handled_total{kind="command"}`
	t.Helper()
	const chats, perChat = 50, 20
	for i := range perChat {
		for c := range chats {
			u := telegramfake.User{ID: int64(7_000_001 + c), FirstName: fmt.Sprintf("B%02d", i), LanguageCode: "de"}
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
			if len(names(int64(7_000_001+c))) < perChat {
				return false
			}
		}
		return true
	})
	t.Logf("burst: %d updates in %d chats answered through two instances in %v (a handled %v, b %v)", chats*perChat, chats,
		took.Round(time.Millisecond), a.metric(t, handled), b.metric(t, handled))
	if a.metric(t, handled) == 0 || b.metric(t, handled) == 0 {
		t.Error("the proxy did not share the burst between the instances")
	}
	want := make([]string, perChat)
	for i := range want {
		want[i] = fmt.Sprintf("B%02d", i)
	}
	for c := range chats {
		if got := names(int64(7_000_001 + c)); !slices.Equal(got, want) {
			t.Errorf("chat %d was answered %v, want %v", 7_000_001+c, got, want)
		}
	}
}

// duplicate posts one update to both instances at once, as a Telegram
// retry racing the first delivery would: both answer 200, the bot answers
// the user once.
func duplicate(t *testing.T, fake *telegramfake.Server, a, b *proc) {
	t.Helper()
	const chat = 7_300_001
	fake.AddUser(telegramfake.User{ID: chat, FirstName: "Doppelt", LanguageCode: "de"})
	body := fmt.Sprintf(`{"update_id":900000001,"message":{"message_id":1,"date":%d,`+
		`"from":{"id":%d,"is_bot":false,"first_name":"Doppelt","language_code":"de"},`+
		`"chat":{"id":%d,"type":"private","first_name":"Doppelt"},`+
		`"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`, time.Now().Unix(), chat, chat)
	var wg sync.WaitGroup
	go1 := make(chan struct{})
	status := make([]int, 2)
	for i, p := range []*proc{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, p.hook, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", instancesSecret)
			<-go1
			if resp, err := http.DefaultClient.Do(req); err == nil {
				status[i] = resp.StatusCode
				resp.Body.Close()
			}
		}()
	}
	close(go1)
	wg.Wait()
	if status[0] != http.StatusOK || status[1] != http.StatusOK {
		t.Errorf("the duplicated update was answered %v, want 200 by both", status)
	}
	if n := a.metric(t, `miglobe_updates_handled_total{kind="duplicate"}`) +
		b.metric(t, `miglobe_updates_handled_total{kind="duplicate"}`); n != 1 {
		t.Errorf("the instances counted %v duplicates, want 1", n)
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

// sentOnce waits until the outbox is empty and checks that each message
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

// takeover finds the leader, checks that only it ran jobs, kills it and
// measures how long until the other leads and runs them; no job ran twice
// for one slot.
func takeover(t *testing.T, ctx context.Context, dbURL string, a, b *proc) {
	t.Helper()
	waitUntil(t, 30*time.Second, "exactly one instance leads", func() bool { return a.leads() != b.leads() })
	leader, other := a, b
	if b.leads() {
		leader, other = b, a
	}
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(ctx) })
	runsBy := func(p *proc) int {
		var n int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM job_runs WHERE instance = $1`, p.instance()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	slotsBy := func(p *proc) int {
		var n int
		if err := db.QueryRow(ctx, `SELECT count(DISTINCT slot) FROM job_runs WHERE instance = $1`, p.instance()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	waitUntil(t, 30*time.Second, "the leader runs jobs at two ticks", func() bool { return slotsBy(leader) >= 2 })
	if n := runsBy(other); n > 0 {
		t.Errorf("the follower ran %d jobs while the other instance led", n)
	}

	if err := leader.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	<-leader.exited
	took := waitUntil(t, 90*time.Second, "the other instance takes over", other.leads)
	t.Logf("takeover: %s led, was killed (kill -9); %s led %v later (LEADER_RETRY=200ms)", leader.name, other.name, took.Round(time.Millisecond))
	if took >= time.Minute {
		t.Errorf("the takeover took %v, want less than a minute", took)
	}
	waitUntil(t, 30*time.Second, "the new leader runs jobs at two ticks", func() bool { return slotsBy(other) >= 2 })
	var early int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM job_runs WHERE instance = $1 AND started_at < $2`,
		other.instance(), killed).Scan(&early); err != nil || early > 0 {
		t.Errorf("the follower ran %d jobs before the leader was killed (%v)", early, err)
	}
	noSlotTwice(t, leader, other)
}

// jobRun is a run as the scheduler logs it.
var jobRun = regexp.MustCompile(`msg="job (?:done|failed)" job=(\S+) slot=(\S+)`)

// noSlotTwice reads the runs both processes logged: each (job, slot) ran
// once, and the follower ran none before it took the lead.
func noSlotTwice(t *testing.T, procs ...*proc) {
	t.Helper()
	seen := map[string]string{}
	for _, p := range procs {
		log := p.log(t)
		taken := strings.Index(log, "leadership taken")
		for _, loc := range jobRun.FindAllStringSubmatchIndex(log, -1) {
			key := log[loc[2]:loc[3]] + " at " + log[loc[4]:loc[5]]
			if by, twice := seen[key]; twice {
				t.Errorf("job %s ran twice: on %s and on %s", key, by, p.name)
			}
			seen[key] = p.name
			if taken < 0 || loc[0] < taken {
				t.Errorf("%s ran job %s before it led", p.name, key)
			}
		}
	}
	if len(seen) == 0 {
		t.Error("no job runs were logged")
	}
}
