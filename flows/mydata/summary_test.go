package mydata_test

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// office is the programme office's contact in these tests.
var office = domain.Office{Email: "miglobe@skew.example", Phone: "0228 123456"}

// summaryOf returns the summary /meinedaten showed p: the message before
// the document, which must be the newest.
func summaryOf(t *testing.T, h *flowstest.H, p person) flowstest.Sent {
	t.Helper()
	msgs := h.Msgr.Messages(p.ID)
	if len(msgs) < 2 || msgs[len(msgs)-1].Document == nil {
		t.Fatalf("chat %d: no document as the newest message", p.ID)
	}
	return msgs[len(msgs)-2]
}

// The summary counts each section that holds something, in the user's
// language, names the file and says what to do next: erase with
// /loeschen (/delete), questions to the office. German and English.
func TestSummaryInTheUsersLanguage(t *testing.T) {
	h := flowstest.NewConfigured(t, func(c *flows.Config) { c.Office = office })
	h.RegisterCoordinators()
	a := flowstest.Municipal
	a.Lang = "de"
	h.Register(erika, a)
	a.Lang, a.Name = "en", "Margaret Miller"
	english := marga
	english.LangHint = "en"
	h.Register(english, a)
	h.SubmitRequest(english, false, "summary-en")

	cases := []struct {
		p               person
		lang, cmd, file string
		lines           map[string]int // section key: count
		absent          []string
		next            string
	}{
		{erika, "de", "/meinedaten", "miglobe-meine-daten-2026-11-24.json",
			map[string]int{"mydata.sec_roles": 1, "mydata.sec_consents": 1, "mydata.sec_municipal": 1},
			[]string{"mydata.sec_requests", "mydata.sec_offers", "mydata.sec_advisor"}, "/loeschen"},
		{english, "en", "/mydata", "miglobe-my-data-2026-11-24.json",
			map[string]int{"mydata.sec_roles": 1, "mydata.sec_municipal": 1, "mydata.sec_requests": 1, "mydata.sec_history": 1},
			[]string{"mydata.sec_offers", "mydata.sec_events"}, "/delete"},
	}
	for _, c := range cases {
		h.Send(c.p, c.cmd)
		h.NoError()
		docs := h.Documents(c.p)
		if len(docs) != 1 || docs[0].Name != c.file {
			t.Fatalf("%s: documents %v, want %s", c.lang, docs, c.file)
		}
		if want := h.Tr(c.lang, "mydata.caption", map[string]any{"When": ""}); !strings.HasPrefix(docs[0].Caption, strings.TrimSpace(want)) {
			t.Errorf("%s: caption %q", c.lang, docs[0].Caption)
		}
		s := summaryOf(t, h, c.p)
		for key, n := range c.lines {
			line := h.Tr(c.lang, "mydata.line", map[string]any{"Section": h.Plain(c.lang, key, nil), "N": n})
			if !strings.Contains(s.Text, line) {
				t.Errorf("%s: summary lacks %q:\n%s", c.lang, line, s.Text)
			}
		}
		for _, key := range c.absent {
			if sec := h.Plain(c.lang, key, nil); strings.Contains(s.Text, sec) {
				t.Errorf("%s: summary counts the empty section %q:\n%s", c.lang, sec, s.Text)
			}
		}
		for _, want := range []string{c.file, c.next, office.Email, "24.11.2026"} {
			if c.lang == "en" && want == "24.11.2026" {
				want = "24 Nov 2026"
			}
			if !strings.Contains(s.Text, want) {
				t.Errorf("%s: summary lacks %q:\n%s", c.lang, want, s.Text)
			}
		}
		if len(s.Buttons) != 1 || s.Labels()[0][0] != h.Plain(c.lang, "btn.menu", nil) {
			t.Errorf("%s: summary buttons %v, want the menu", c.lang, s.Labels())
		}
	}
}

// Someone without a record (never registered, or erased) is told politely
// that nothing is stored, and gets no document.
func TestNothingStored(t *testing.T) {
	h := flowstest.New(t)
	h.Send(nobody, "/mydata")
	h.NoError()
	h.Expect(nobody, h.Tr("en", "mydata.nothing", nil))

	a := flowstest.Municipal
	a.Lang = "de"
	h.Register(erika, a)
	// Erased as the account's deletion leaves a user (the erasure's own
	// tests go through the chat).
	h.Exec(`UPDATE users SET name = '', consent_at = NULL, deleted_at = now() WHERE telegram_id = $1`, erika.ID)
	h.Send(erika, "/meinedaten")
	h.NoError()
	h.Expect(erika, h.Tr("de", "mydata.nothing", nil))
	if docs := append(h.Documents(nobody), h.Documents(erika)...); len(docs) != 0 {
		t.Errorf("documents sent: %v", docs)
	}
}

// The screen for the privacy screen's button sends the export in place of
// the pressed message; inside a flow the command asks to finish first and
// sends nothing.
func TestScreenAndBusy(t *testing.T) {
	h := flowstest.New(t)
	a := flowstest.Municipal
	a.Lang = "de"
	h.Register(erika, a)
	h.Send(erika, "/menu")
	menu := h.Last(erika)
	h.PressData(erika, menu.ID, h.Nonce(erika)+":m:mydata")
	h.NoError()
	if got := h.Message(erika, menu.ID); got.Edits == 0 || !strings.Contains(got.Text, h.Plain("de", "mydata.sec_municipal", nil)) {
		t.Errorf("the pressed message shows %q (%d edits), want the summary", got.Text, got.Edits)
	}
	if docs := h.Documents(erika); len(docs) != 1 || h.Last(erika).Document == nil {
		t.Fatalf("documents %v, want one as the newest message", docs)
	}

	h.Send(erika, "/beratung")
	h.Send(erika, "/meinedaten")
	h.NoError()
	h.Expect(erika, h.Tr("de", engine.KeyFlowBusy, nil))
	if docs := h.Documents(erika); len(docs) != 1 {
		t.Errorf("%d documents, want still one", len(docs))
	}
}
