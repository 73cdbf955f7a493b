package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// screen is a phone screen the page must work on.
type screen struct {
	name          string // screenshot suffix
	width, height int64
	landscape     bool
}

// phoneScreens are a common phone upright and turned, and a small phone.
var phoneScreens = []screen{
	{"portrait", 390, 844, false},
	{"landscape", 844, 390, true},
	{"small", 360, 640, false},
}

// emulate makes the tab a phone of this screen.
func (s screen) emulate() chromedp.Action[chromedp.Void] {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(2), chromedp.EmulateMobile}
	if s.landscape {
		opts = append(opts, chromedp.EmulateLandscape)
	}
	return chromedp.EmulateViewport(s.width, s.height, opts...)
}

// geometry is what the page's layout looks like in the browser.
type geometry struct {
	ViewWidth, ViewHeight float64
	PageWidth             float64 // the document's scroll width
	Chat                  float64 // height of the chat's visible area
	ChipsHeight           float64 // height of the chips' container
	ChipHeight            float64 // height of one chip
	ChipRows              int     // distinct tops of the chips
	Chips                 int
	ChipsOverflow         bool // more chips than fit: the row scrolls
	ChipsScrolled         bool // scrolling the row sideways moved it
	Reachable             map[string]bool
}

// measure is a JavaScript expression for the page's geometry. An element is
// reachable when it lies inside the viewport and a tap at its centre hits it.
const measure = `(() => {
  const $ = (id) => document.getElementById(id);
  const chips = [...$('chips').querySelectorAll('.chip')];
  const reachable = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  };
  const row = $('chips');
  row.scrollLeft = 0;
  row.scrollLeft = 80;
  const scrolled = row.scrollLeft > 0;
  row.scrollLeft = 0;
  return {
    ViewWidth: innerWidth, ViewHeight: innerHeight,
    PageWidth: document.documentElement.scrollWidth,
    Chat: $('chat').getBoundingClientRect().height,
    ChipsHeight: row.getBoundingClientRect().height,
    ChipHeight: chips.length ? chips[0].getBoundingClientRect().height : 0,
    ChipRows: new Set(chips.map((c) => Math.round(c.getBoundingClientRect().top))).size,
    Chips: chips.length,
    ChipsOverflow: row.scrollWidth > row.clientWidth + 1,
    ChipsScrolled: scrolled,
    Reachable: {text: reachable($('text')), send: reachable($('send')), user: reachable($('user')), lang: reachable($('lang'))},
  };
})()`

// menu is a command menu as long as the bot's, which the test sets itself
// (the scripted responder sets none), so that the layout does not hang on
// the bot's menu of the day.
const menu = `{"commands":[` +
	`{"command":"start","description":"Anmelden oder Menü öffnen"},{"command":"menu","description":"Hauptmenü"},` +
	`{"command":"beratung","description":"Beratung beantragen"},{"command":"anfragen","description":"Meine Anfragen"},` +
	`{"command":"offen","description":"Offene Anfragen"},{"command":"kontakte","description":"Neue Ansprechpersonen"},` +
	`{"command":"help","description":"Hilfe"},{"command":"language","description":"Sprache"},` +
	`{"command":"cancel","description":"Abbrechen"},{"command":"privacy","description":"Datenschutz"}]}`

// TestChromiumPhoneScreens checks the page's layout on a phone upright,
// turned and small, with a command menu of ten chips: the chat
// keeps most of the height, the chips are one row that scrolls sideways,
// the message box, the send button, the user switch and the language button
// stay on screen and tappable, and the newest message stays in view. The
// page is turned without a reload, as a person turns the phone.
func TestChromiumPhoneScreens(t *testing.T) {
	t.Parallel()
	fake, srv := newSandbox(t)
	if code := post(t, fake.URL()+"/bot"+testToken+"/setMyCommands", "application/json", menu); code != http.StatusOK {
		t.Fatalf("setMyCommands: HTTP %d", code)
	}
	page := newBrowser(t)
	page.do("phone size", phoneScreens[0].emulate())
	page.open(srv.URL, sandbox.MunicipalID)
	page.waitJS("the menu as chips", `document.querySelectorAll('#chips .chip').length === 10`)
	n := page.botCount()
	page.typeText("/start")
	page.waitBotAfter("the welcome", n)

	for _, s := range phoneScreens {
		page.do("the "+s.name+" screen", s.emulate())
		page.waitJS("the "+s.name+" viewport", `innerWidth === `+itoa(int(s.width))+` && innerHeight === `+itoa(int(s.height)))
		page.waitJS("the newest message in view on the "+s.name+" screen",
			`(c => c.scrollHeight - c.scrollTop - c.clientHeight < 2)(document.getElementById('chat'))`)
		g := eval[geometry](page, measure)
		page.screenshot("screens-"+s.name, true)
		t.Logf("%s: the chat is %.0f of %.0f px (%.0f%%); %d chips in a row %.0f px high", s.name, g.Chat, g.ViewHeight,
			100*g.Chat/g.ViewHeight, g.Chips, g.ChipsHeight)
		if g.Chat < 0.6*g.ViewHeight {
			t.Errorf("%s: the chat is %.0f of %.0f px high (%.0f%%), want at least 60%%",
				s.name, g.Chat, g.ViewHeight, 100*g.Chat/g.ViewHeight)
		}
		if g.ChipRows != 1 || g.ChipsHeight > 1.5*g.ChipHeight {
			t.Errorf("%s: the chips take %d rows, %.0f px (one chip is %.0f px), want one row",
				s.name, g.ChipRows, g.ChipsHeight, g.ChipHeight)
		}
		if !g.ChipsOverflow || !g.ChipsScrolled {
			t.Errorf("%s: the chips' row overflows %v and scrolls %v, want a row that scrolls sideways",
				s.name, g.ChipsOverflow, g.ChipsScrolled)
		}
		for _, el := range []string{"text", "send", "user", "lang"} {
			if !g.Reachable[el] {
				t.Errorf("%s: #%s is off screen or covered", s.name, el)
			}
		}
		if g.PageWidth > g.ViewWidth+1 {
			t.Errorf("%s: the page is %.0f px wide on a %.0f px screen", s.name, g.PageWidth, g.ViewWidth)
		}
	}
}
