package sandbox_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestChromiumPage drives the page in Chromium against the scripted
// responder: rich text, the user's own text as plain text, buttons, edits
// with their mark, the callback toast, a document download, the English
// labels and switching users.
func TestChromiumPage(t *testing.T) {
	t.Parallel()
	_, srv := newSandbox(t)
	b := newBrowser(t)
	b.open(srv.URL, sandbox.MunicipalID)
	b.waitJS("the empty state", `!document.getElementById('empty').hidden`)

	// A command chip sends /start.
	n := b.botCount()
	b.do("click /start", chromedp.Click(chromedp.CSS(`[data-command="/start"]`)))
	b.waitBotAfter("the welcome", n)
	b.waitJS("the user's /start bubble", `[...document.querySelectorAll('#log .msg.user')].some(m => m.querySelector('.text').textContent === '/start')`)
	if got := eval[string](b, `document.querySelector('#log .msg.bot .text b').textContent`); got != "Willkommen" {
		t.Errorf("bold text = %q, want Willkommen", got)
	}
	if got := eval[string](b, `document.querySelector('#log .msg.bot .text').textContent`); got != "Willkommen bei der Sandbox <3" {
		t.Errorf("welcome text = %q", got)
	}
	if !eval[bool](b, `document.getElementById('empty').hidden`) {
		t.Error("the empty state still shows")
	}

	// The user's own markup stays text: no element, no script.
	evil := `<img src=x onerror="window.pwned=1"><b>fett</b>`
	n = b.botCount()
	b.typeText(evil)
	b.waitBotAfter("the echo", n)
	mine := eval[[]string](b, `[...document.querySelectorAll('#log .msg.user .text')].map(e => e.textContent)`)
	if len(mine) != 2 || mine[1] != evil {
		t.Errorf("user bubbles = %q, want the markup as plain text", mine)
	}
	if eval[int](b, `document.querySelectorAll('#log img, #log .msg.user b').length`) != 0 || eval[bool](b, `window.pwned === 1`) {
		t.Error("the user's markup was rendered as HTML")
	}
	if got := eval[string](b, `[...document.querySelectorAll('#log .msg.bot .text')].pop().textContent`); got != "Echo: "+evil {
		t.Errorf("echo = %q", got)
	}

	// A button press edits the message in place, marks it, and shows the toast.
	b.press("Weiter")
	b.waitJS("the edit mark", `document.querySelector('#log .msg.bot .edited') !== null`)
	if got := eval[string](b, `document.querySelector('#log .msg.bot .edited').textContent`); got != "bearbeitet" {
		t.Errorf("edit mark = %q, want bearbeitet", got)
	}
	if got := eval[int](b, `document.querySelectorAll('#log .msg.bot')[0].querySelectorAll('.kb-btn').length`); got != 0 {
		t.Errorf("edited message still has %d buttons", got)
	}
	b.waitJS("the toast", `document.getElementById('toast').classList.contains('show') && document.getElementById('toast').textContent === 'Okay'`)

	// The document arrives as a download link with the file's content.
	n = b.botCount()
	b.do("send /start again", chromedp.Click(chromedp.CSS(`[data-command="/start"]`)))
	b.waitBotAfter("a second welcome", n)
	n = b.botCount()
	b.press("Dokument")
	b.waitBotAfter("the document", n)
	if got := eval[string](b, `document.querySelector('#log a.doc').getAttribute('download')`); got != "bericht.txt" {
		t.Errorf("download name = %q", got)
	}
	b.do("fetch the document", chromedp.Evaluate[chromedp.Void](
		`fetch(document.querySelector('#log a.doc').href).then(r => r.text()).then(t => { window.docText = t; })`))
	b.waitJS("the document text", `window.docText === 'Stunden: 4\n'`)

	b.screenshot("page", false)

	// English labels, also on the messages already shown.
	b.do("switch to English", chromedp.Click(chromedp.ID("lang")))
	b.waitJS("English labels", `document.documentElement.lang === 'en' && document.querySelector('#log .edited').textContent === 'edited'`)
	if got := eval[string](b, `document.getElementById('text').placeholder`); got != "Write a message …" {
		t.Errorf("English placeholder = %q", got)
	}

	// Another user has an empty chat of their own.
	b.do("pick the advisor", chromedp.SetValue(chromedp.ID("user"), itoa(int(sandbox.AdvisorID))),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('user').dispatchEvent(new Event('change'))`))
	b.waitJS("the advisor's empty chat", `document.getElementById('status').dataset.state === 'online' && document.querySelectorAll('#log .msg').length === 0`)
}
