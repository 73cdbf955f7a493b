package sandbox_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// summerMorning is 1.7.2026, 08:05 UTC: 10:05 in Berlin (summer time),
// 04:05 in New York, 17:05 in Tokyo.
var summerMorning = time.Date(2026, 7, 1, 8, 5, 0, 0, time.UTC)

// setClock is a clock that stands still until a test sets it.
type setClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *setClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *setClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// TestAPITimesInBotZone: the API gives each bubble its time of day in the
// bot's zone (Europe/Berlin unless New is told another), as the fake
// Telegram dated it, for the user's texts and the bot's messages, in
// summer and in winter time.
func TestAPITimesInBotZone(t *testing.T) {
	t.Parallel()
	clock := &setClock{t: summerMorning}
	fake := newDemoFakeOn(t, clock.now)
	startResponder(t, fake.URL(), testToken)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	berlin := httptest.NewServer(sandbox.New(fake, sandbox.DemoUsers(), nil, nil))
	t.Cleanup(berlin.Close)
	inTokyo := httptest.NewServer(sandbox.New(fake, sandbox.DemoUsers(), tokyo, nil))
	t.Cleanup(inTokyo.Close)
	chat := strconv.FormatInt(sandbox.MunicipalID, 10)

	say := func(text string) {
		t.Helper()
		if code := post(t, berlin.URL+"/api/chats/"+chat+"/send", "application/json", `{"text":"`+text+`"}`); code != http.StatusOK {
			t.Fatalf("send %s: status %d", text, code)
		}
		if _, err := fake.Next(sandbox.MunicipalID, stepTimeout); err != nil {
			t.Fatalf("no answer to %s: %v", text, err)
		}
	}
	times := func(base string) []string {
		t.Helper()
		var out []string
		for _, it := range transcriptOf(t, base, chat) {
			out = append(out, it.From+" "+it.Time)
		}
		return out
	}
	say("/start")
	clock.set(time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)) // 18:00 in Berlin (winter time)
	say("hallo")

	if got, want := times(berlin.URL), []string{"user 10:05", "bot 10:05", "user 18:00", "bot 18:00"}; !slices.Equal(got, want) {
		t.Errorf("times in Berlin = %q, want %q", got, want)
	}
	// The user's texts stay with the handler they were sent through.
	if got, want := times(inTokyo.URL), []string{"bot 17:05", "bot 02:00"}; !slices.Equal(got, want) {
		t.Errorf("times in Tokyo = %q, want %q", got, want)
	}
	if items := transcriptOf(t, berlin.URL, chat); !items[0].At.Equal(summerMorning) {
		t.Errorf("the first text is dated %v, want the fake's clock %v", items[0].At, summerMorning)
	}
}

// TestChromiumTimesInBotZone opens the page in a browser in New York on
// each phone screen: the times of the messages are the bot's (Berlin), not
// the browser's, in German and in English.
func TestChromiumTimesInBotZone(t *testing.T) {
	t.Parallel()
	for _, s := range phoneScreens {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			timesInBotZone(t, s)
		})
	}
}

// timesInBotZone is TestChromiumTimesInBotZone on screen s.
func timesInBotZone(t *testing.T, s screen) {
	clock := &setClock{t: summerMorning}
	fake := newDemoFakeOn(t, clock.now)
	startResponder(t, fake.URL(), testToken)
	srv := httptest.NewServer(sandbox.New(fake, sandbox.DemoUsers(), nil, testLogger(t)))
	t.Cleanup(srv.Close)

	page := newBrowser(t)
	page.inTimeZone("America/New_York")
	page.do("the "+s.name+" screen", s.emulate())
	page.open(srv.URL, sandbox.MunicipalID)
	if zone := eval[string](page, `Intl.DateTimeFormat().resolvedOptions().timeZone`); zone != "America/New_York" {
		t.Fatalf("the browser lives in %q, want America/New_York", zone)
	}
	page.typeText("/start")
	page.waitBotAfter("the welcome", 0)
	shown := `[...document.querySelectorAll('#log .msg')].map(m => m.className + ' ' + (m.querySelector('.meta time') || {}).textContent)`
	want := []string{"msg user 10:05", "msg bot 10:05"}
	if got := eval[[]string](page, shown); !slices.Equal(got, want) {
		t.Errorf("the page shows %q, want %q (Berlin; 04:05 would be the browser's zone)", got, want)
	}
	page.screenshot("zone-"+s.name, true)

	page.do("switch to English", chromedp.Click(chromedp.ID("lang")))
	page.waitJS("English labels", `document.documentElement.lang === 'en'`)
	if got := eval[[]string](page, shown); !slices.Equal(got, want) {
		t.Errorf("in English the page shows %q, want %q", got, want)
	}
}
