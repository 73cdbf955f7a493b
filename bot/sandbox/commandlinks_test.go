package sandbox_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// commandsIn is a JavaScript expression for the tappable commands of the
// newest bot message.
const commandsIn = `[...([...document.querySelectorAll('#log .msg.bot')].pop() || document.createElement('li'))` +
	`.querySelectorAll('.text .cmd')].map(c => c.textContent)`

// tapCommand taps, with the mouse, the command cmd in the newest bot message.
func (b *browser) tapCommand(cmd string) {
	b.t.Helper()
	path := `[...[...document.querySelectorAll('#log .msg.bot')].pop().querySelectorAll('.text .cmd')]` +
		`.find(c => c.textContent === ` + jsString(cmd) + `) || null`
	b.do("tap "+cmd, chromedp.Click(chromedp.JSPath(path)))
}

// TestChromiumCommandLinks taps the commands in the bot's texts on each
// phone screen, as in Telegram: the hint to someone not registered names /start and
// /help as tappable commands; tapping /help sends /help as the user's
// message and the help arrives; its list of commands is tappable too, and
// tapping /start there starts the registration. What the user sends stays
// plain text.
func TestChromiumCommandLinks(t *testing.T) {
	t.Parallel()
	texts, err := flows.Texts("de")
	if err != nil {
		t.Fatal(err)
	}
	firstLine := func(key string, data map[string]any) string {
		line, _, _ := strings.Cut(strings.TrimSpace(texts.T("de", key, data)), "\n")
		return engine.PlainText(line)
	}
	for _, s := range phoneScreens {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			tapCommands(t, s, firstLine)
		})
	}
}

// tapCommands is TestChromiumCommandLinks on screen s.
func tapCommands(t *testing.T, s screen, firstLine func(string, map[string]any) string) {
	_, url := startSandboxBot(t)
	page := newBrowser(t)
	page.do("the "+s.name+" screen", s.emulate())
	page.open(url, sandbox.MunicipalID)

	page.typeText("/menu")
	page.waitNewest("the hint to register", firstLine("hint.not_registered", nil))
	if got := eval[[]string](page, commandsIn); !slices.Equal(got, []string{"/start", "/help"}) {
		t.Fatalf("the hint's tappable commands are %q, want /start and /help", got)
	}
	page.screenshot("commands-hint-"+s.name, true)

	page.tapCommand("/help")
	page.waitJS("the user's /help", `[...document.querySelectorAll('#log .msg.user .text')].pop().textContent === '/help'`)
	page.waitNewest("the help", firstLine("help.text", map[string]any{"Commands": ""}))
	listed := eval[[]string](page, commandsIn)
	for _, want := range []string{"/start", "/help"} {
		if !slices.Contains(listed, want) {
			t.Errorf("the help's tappable commands %q lack %s", listed, want)
		}
	}
	page.screenshot("commands-help-"+s.name, true)

	page.tapCommand("/start")
	page.waitNewest("the welcome", promptLanguage)
	if got := eval[[]string](page, `[...document.querySelectorAll('#log .msg.user .text')].map(e => e.textContent)`); !slices.Equal(got, []string{"/menu", "/help", "/start"}) {
		t.Errorf("the user's messages are %q, want /menu, /help, /start", got)
	}
	if n := eval[int](page, `document.querySelectorAll('#log .msg.user .cmd, #log .msg.user button').length`); n != 0 {
		t.Errorf("the user's own messages show %d tappable commands, want plain text", n)
	}
}
