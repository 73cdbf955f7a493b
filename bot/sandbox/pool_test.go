package sandbox_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestChromiumAdvisorPool plays issue 11's advisor pool in the page on a
// phone (390 x 844): the coordinator invites advisors, each opens the link
// as another demo user (the share button, then the link in the text),
// registers and fills the advisor profile; the Kommune's request is
// approved, the coordinator picks both from the shortlist and offers to
// them at once; one accepts, the other's card closes, and "Meine Einsätze"
// shows the assignment.
func TestChromiumAdvisorPool(t *testing.T) {
	t.Parallel()
	// The first invite, opened with its share button as Aylin Demir; the
	// second, with the link in its text as Bora Yilmaz.
	page := phoneWithAylin(t, "pool-invite")
	page.switchUser(sandbox.CoordinatorID)
	page.press(labelAnother)
	joinByInvite(page, newestLink, sandbox.Advisor2ID, "Bora Yilmaz", "Bochum", "")

	// The Kommune asks for counseling; the coordinator approves it, and
	// the shortlist opens in its place: both advisors, the one from
	// Hattingen first; the coordinator picks both and offers at once.
	ref := approvedRequest(page)
	page.press("☐ 1. Aylin Demir")
	page.waitNewest("Aylin chosen", "ausgewählt: 1")
	page.press("☐ 2. Bora Yilmaz")
	page.waitNewest("Bora chosen", "ausgewählt: 2")
	page.screenshot("pool-shortlist", true)
	run(page, []pageStep{{"Vorschläge für " + ref, "Weiter mit 2 ausgewählten ▸", ""},
		{"Wie soll die Anfrage angeboten werden?", "Allen gleichzeitig – die erste Zusage gewinnt", ""},
		{"Angebot prüfen", labelConfirm, ""}})
	page.waitNewest("the offer sent", "ist 2 Berater*innen angeboten")

	// Aylin's card, accepted.
	page.switchUser(sandbox.AdvisorID)
	page.waitNewest("the card", "Neues Beratungsangebot")
	page.screenshot("pool-card", true)
	page.press("✅ Annehmen")
	page.waitJS("the accepted card", hasBot("Sie haben die Anfrage übernommen."))
	page.screenshot("pool-accepted", true)
	// The contact's name is a mention: the page says what Telegram opens.
	page.do("tap the contact's name", chromedp.Click(chromedp.JSPath(`[...document.querySelectorAll('#log .mention')].pop()`)))
	page.waitJS("the note on the mention", `document.getElementById('toast').textContent.includes('Kommune – Sabine Krüger')`)

	// Bora's card is closed.
	page.switchUser(sandbox.Advisor2ID)
	page.waitNewest("the closed card", "Diese Anfrage ist schon vergeben.")
	if got := page.buttonsOf("Diese Anfrage ist schon vergeben."); len(got) != 0 {
		t.Errorf("the closed card keeps the buttons %q", got)
	}
	page.screenshot("pool-closed", true)

	// Meine Einsätze shows Aylin's assignment.
	page.switchUser(sandbox.AdvisorID)
	page.typeText("/einsaetze")
	page.waitNewest("Meine Einsätze", "Meine Einsätze")
	if got := eval[string](page, newestBot); !strings.Contains(got, ref) {
		t.Errorf("Meine Einsätze %q lacks %s", got, ref)
	}
	page.screenshot("pool-mine", true)
}
