package sandbox_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, which make test installs.
const chromiumPath = "/usr/bin/chromium"

// stepTimeout bounds every wait for the page or the bot.
const stepTimeout = 20 * time.Second

// browser is one headless Chromium tab driven by a test.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// newBrowser starts a fresh headless Chromium with its own profile in
// t.TempDir(), and fails the test at the end if the page threw an exception
// or logged an error (a CSP violation, a failed request).
func newBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("Chromium is missing at %s (make test installs the Debian package chromium): %v", chromiumPath, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text+" "+describeException(ev))
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, "console: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("listen to Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable log domain: %v", err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("page reported %s", p)
		}
	})
	return &browser{t: t, ctx: ctx}
}

func describeException(ev *runtime.EventExceptionThrown) string {
	if ev.ExceptionDetails.Exception != nil {
		return ev.ExceptionDetails.Exception.Description
	}
	return ""
}

// do runs actions with the step timeout.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and decodes its result into T.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitJS waits until the JavaScript expression is truthy.
func (b *browser) waitJS(what, expr string) {
	b.t.Helper()
	b.do("wait for "+what, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(stepTimeout), chromedp.WithPollingInterval(25*time.Millisecond)))
}

// open loads the sandbox page as user and waits for the live stream.
func (b *browser) open(baseURL string, user int64) {
	b.t.Helper()
	b.do("open the page", chromedp.Navigate(baseURL+"/?user="+itoa(int(user))))
	b.waitJS("the live stream", `document.getElementById('status').dataset.state === 'online'`)
}

// botCount returns how many bot messages the page shows.
func (b *browser) botCount() int {
	b.t.Helper()
	return eval[int](b, `document.querySelectorAll('#log .msg.bot').length`)
}

// waitBotAfter waits until the page shows more than n bot messages.
func (b *browser) waitBotAfter(what string, n int) {
	b.t.Helper()
	b.waitJS(what, `document.querySelectorAll('#log .msg.bot').length > `+itoa(n))
}

// typeText types text into the message box and presses Enter (a key down
// and up without a char event, as a person's Enter does not type one).
func (b *browser) typeText(text string) {
	b.t.Helper()
	enter := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	b.do("type "+text, chromedp.Focus(chromedp.ID("text")), chromedp.SendKeys(chromedp.ID("text"), text), enter)
	b.waitJS("the message box to empty", `document.getElementById('text').value === ''`)
}

// press clicks the newest inline button labelled label, with the mouse.
func (b *browser) press(label string) {
	b.t.Helper()
	q, _ := json.Marshal(strings.TrimSpace(label))
	path := `[...document.querySelectorAll('#log .msg.bot .kb-btn')].filter(b => b.textContent.trim() === ` +
		string(q) + `).pop() || null`
	b.do("press "+label, chromedp.Click(chromedp.JSPath(path)))
}

// screenshot saves a PNG of the viewport as name.png under t.TempDir() and
// returns that path. When export is set and SANDBOX_SCREENSHOT names a file,
// it is written there too, with name's suffix after the first "-" (if any)
// added before the extension: "onboarding-phone" -> /x/shot-phone.png.
func (b *browser) screenshot(name string, export bool) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(b.t.TempDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("write screenshot: %v", err)
	}
	b.t.Logf("screenshot: %s", path)
	if target := os.Getenv("SANDBOX_SCREENSHOT"); export && target != "" {
		if _, suffix, ok := strings.Cut(name, "-"); ok {
			ext := filepath.Ext(target)
			target = strings.TrimSuffix(target, ext) + "-" + suffix + ext
		}
		if err := os.WriteFile(target, png, 0o644); err != nil {
			b.t.Errorf("write screenshot to SANDBOX_SCREENSHOT: %v", err)
		}
	}
	return path
}

// phoneViewport emulates a phone screen of 390 x 844 CSS pixels.
func phoneViewport() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// newestBot is a JavaScript expression for the text of the newest bot
// message (its buttons' labels included), or "" when there is none.
const newestBot = `(([...document.querySelectorAll('#log .msg.bot')].pop() || {}).textContent || '')`

// waitNewest waits until the newest bot message contains text (a new
// message, or the newest one edited in place), and fails the test with
// the text it shows otherwise.
func (b *browser) waitNewest(what, text string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](newestBot+`.includes(`+jsString(text)+`)`,
		chromedp.WithPollingTimeout(stepTimeout), chromedp.WithPollingInterval(25*time.Millisecond)))
	if err != nil {
		b.t.Fatalf("wait for %s (%q): %v; the newest bot message is %q", what, text, err, eval[string](b, newestBot))
	}
}

// switchUser picks user in the page's user switch (the select fires its
// change event as a person's choice does) and waits for that chat's live
// stream to deliver its snapshot.
func (b *browser) switchUser(user int64) {
	b.t.Helper()
	b.do("switch to user "+itoa(int(user)), chromedp.SetValue(chromedp.ID("user"), itoa(int(user))),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('user').dispatchEvent(new Event('change', {bubbles: true}))`))
	b.waitJS("the live stream of user "+itoa(int(user)), `document.getElementById('status').dataset.state === 'online'`)
}

// hasBot returns a JavaScript expression: whether some bot message
// contains text.
func hasBot(text string) string {
	return `[...document.querySelectorAll('#log .msg.bot')].some(m => m.textContent.includes(` + jsString(text) + `))`
}

// buttonsOf returns the button labels of the newest bot message that
// contains text, or nil when there is none.
func (b *browser) buttonsOf(text string) []string {
	b.t.Helper()
	return eval[[]string](b, `(() => { const m = [...document.querySelectorAll('#log .msg.bot')]`+
		`.filter(m => m.textContent.includes(`+jsString(text)+`)).pop();`+
		` return m ? [...m.querySelectorAll('.kb-btn')].map(b => b.textContent.trim()) : null; })()`)
}

// inTimeZone makes the browser live in zone (an IANA name), whatever the
// machine's zone.
func (b *browser) inTimeZone(zone string) {
	b.t.Helper()
	b.do("set the time zone", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone})
		return err
	}))
}
