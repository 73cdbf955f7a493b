package sandbox_test

import (
	"slices"
	"strconv"

	"github.com/chromedp/chromedp"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestChromiumDemoAssociations opens the sandbox on a phone (390 x 844) as
// Kofi Boateng, the second member of the Afrikanischer Kulturverein: the
// user switch lists the members of the demo associations under their
// association's name with the persona "Verein"; the members were
// registered at start, so /start brings the main menu at once, and Rana
// Haddad's in English. Kofi's invite link opens the sheet "Link öffnen
// als …", which names each member's association (saved, with the menu, as
// the screenshots "associations-openas" and "associations-menu").
func TestChromiumDemoAssociations(t *testing.T) {
	t.Parallel()
	page := phoneAs(t, sandbox.AfricanAssoc2ID)

	groups := eval[[]string](page, `[...document.querySelectorAll('#user optgroup')].map(g => g.label + ': ' +
		[...g.querySelectorAll('option')].map(o => o.textContent).join(', '))`)
	wantGroups := []string{assocAfrican + ": Verein – Amara Diallo, Verein – Kofi Boateng",
		assocParents + ": Verein – Elif Kaya", assocWomen + ": Verein – Rana Haddad (EN)"}
	if !slices.Equal(groups, wantGroups) {
		t.Errorf("the user switch groups %q, want %q", groups, wantGroups)
	}
	if n := eval[int](page, `document.querySelectorAll('#user option').length`); n != len(sandbox.DemoUsers()) {
		t.Errorf("the user switch has %d users, want %d", n, len(sandbox.DemoUsers()))
	}
	if got := eval[string](page, `document.getElementById('user').selectedOptions[0].textContent`); got != "Verein – Kofi Boateng" {
		t.Errorf("the chosen user shows as %q, want Verein – Kofi Boateng", got)
	}
	page.screenshot("associations-phone", true)

	page.typeText("/start")
	page.waitNewest("Kofi's main menu", menuTitle)
	page.screenshot("associations-menu", true)
	for _, label := range []string{labelInvite, "Mein Profil"} {
		if !slices.Contains(page.buttonsOf(menuTitle), label) {
			t.Errorf("Kofi's menu %q lacks %q", page.buttonsOf(menuTitle), label)
		}
	}
	page.press(labelInvite)
	page.waitNewest("whom to invite", "Wen möchten Sie einladen?")
	page.press("Kolleg*in von " + assocAfrican)
	page.waitNewest("Kofi's invite", labelShare)
	page.do("tap the link", chromedp.Click(chromedp.JSPath(newestLink)))
	page.waitJS("the sheet", `document.getElementById('open-as').open`)
	sheet := eval[[]string](page, `[...document.querySelectorAll('#open-as .sheet-user')].map(b => b.textContent)`)
	if len(sheet) != len(sandbox.DemoUsers()) || !slices.Contains(sheet, "Verein – Elif Kaya"+assocParents) ||
		!slices.Contains(sheet, "Verein – Kofi Boateng"+assocAfrican+"aktuell") {
		t.Errorf("the sheet lists %q, want every demo user, members with their association", sheet)
	}
	page.screenshot("associations-openas", true)
	page.do("cancel", chromedp.Click(chromedp.JSPath(`document.querySelector('#open-as .sheet-cancel')`)))

	page.switchUser(sandbox.WomenAssocID)
	page.typeText("/start")
	page.waitNewest("Rana's main menu in English", "Main menu")
	if got := eval[string](page, `document.getElementById('user').value`); got != strconv.FormatInt(sandbox.WomenAssocID, 10) {
		t.Errorf("the switch shows %s, want Rana", got)
	}
}
