package sandbox_test

import (
	"strconv"
	"strings"

	"github.com/chromedp/chromedp"
)

// Texts and labels of the invites, onboarding and advisor profile locales
// (de) that the advisor pool walks through, as the page shows them.
const (
	labelInvite        = "Einladen"
	labelAdvisorRole   = "Berater*in"
	inviteCreated      = "Einladung erstellt: Berater*in"
	labelShare         = "📤 Link teilen"
	labelAnother       = "Weitere Einladung"
	inviteValid        = "Ihre Einladung als Berater*in ist gültig"
	labelProfile       = "Mein Berater*innen-Profil"
	profileExpertise   = "Zu welchen Themen beraten Sie?"
	profileLanguages   = "In welchen Sprachen beraten Sie?"
	profileCity        = "In welcher Stadt wohnen Sie?"
	profileFormats     = "Wie beraten Sie?"
	profileTravels     = "In welche Bundesländer reisen Sie"
	profileQuota       = "Wie viele Einsätze übernehmen Sie höchstens je Quartal?"
	profilePause       = "Möchten Sie eine Pause einlegen?"
	profileReach       = "Wie darf die Kommune Sie erreichen"
	profileSummary     = "Ihr Berater*innen-Profil"
	profileSaved       = "Ihr Berater*innen-Profil ist gespeichert."
	topicIntercultural = "Interkulturelle Öffnung der Verwaltung"
)

// done is the label of a multi-select's "Fertig" with n chosen.
func done(n int) string { return "✅ Fertig (" + strconv.Itoa(n) + ")" }

// advisorOnboarding registers an invited advisor after the link was opened:
// the role is set by the invite, so only language, consent and name are
// asked.
func advisorOnboarding(name string) []pageStep {
	return []pageStep{{promptLanguage, labelGerman, ""}, {promptConsent, labelConsent, ""},
		{promptName, "", name}, {promptSummary, labelConfirm, ""}}
}

// advisorProfile fills the advisor profile from the menu: the topic of
// the demo request, Turkish, home city in NRW, on site, no more
// Bundesländer, three a quarter, no pause, a phone number.
func advisorProfile(city, reach string) []pageStep {
	return []pageStep{{"", labelProfile, ""},
		{profileExpertise, topicIntercultural, ""}, {profileExpertise, done(1), ""},
		{profileLanguages, "Türkisch", ""}, {profileLanguages, done(1), ""},
		{profileCity, "", city}, {"In welchem Bundesland liegt " + city, labelNRW, ""},
		{profileFormats, "Vor Ort", ""}, {profileFormats, done(1), ""},
		{profileTravels, done(0), ""}, {profileQuota, "3", ""}, {profilePause, "Keine Pause", ""},
		{profileReach, "", reach}, {profileSummary, labelConfirm, ""}}
}

// openAs taps the element jsPath finds (a link to the bot, or a link
// button), picks user in the sheet that asks who opens it, and waits for
// the page to show that user's chat.
func (b *browser) openAs(jsPath string, user int64, shot string) {
	b.t.Helper()
	b.do("tap the link", chromedp.Click(chromedp.JSPath(jsPath)))
	b.waitJS("the sheet", `document.getElementById('open-as').open`)
	if shot != "" {
		b.screenshot(shot, true)
	}
	id := strconv.FormatInt(user, 10)
	b.do("pick "+id, chromedp.Click(chromedp.JSPath(`document.querySelector('#open-as .sheet-user[data-user="`+id+`"]')`)))
	b.waitJS("the chat of "+id, `!document.getElementById('open-as').open && document.getElementById('user').value === '`+id+
		`' && document.getElementById('status').dataset.state === 'online'`)
}

// newestLink is a JavaScript path to the newest link to the bot in a
// bot's text; newestShare to the newest link button that opens the bot.
const (
	newestLink  = `[...document.querySelectorAll('#log .msg.bot .text a[data-start]')].pop()`
	newestShare = `[...document.querySelectorAll('#log .msg.bot .kb-btn[data-start]')].pop()`
)

// joinByInvite lets the coordinator, who is asked whom to invite, invite
// an advisor, and opens the link that jsPath finds as user, who registers
// as name and fills the advisor profile with city as home. With shot set,
// the invite and the sheet that asks who opens it are saved as shot and
// as shot's prefix + "-openas".
func joinByInvite(page *browser, jsPath string, user int64, name, city, shot string) {
	page.t.Helper()
	run(page, []pageStep{{"Wen möchten Sie einladen?", labelAdvisorRole, ""}})
	page.waitNewest("the invite", inviteCreated)
	openShot := ""
	if shot != "" {
		page.screenshot(shot, true)
		openShot = strings.SplitN(shot, "-", 2)[0] + "-openas"
	}
	page.openAs(jsPath, user, openShot)
	page.waitNewest("the invite's welcome", promptLanguage)
	run(page, advisorOnboarding(name))
	page.waitNewest("the advisor's menu", labelProfile)
	run(page, advisorProfile(city, "Telefon 0234 "+strconv.FormatInt(user%1000000, 10)))
	page.waitNewest("the saved profile", profileSaved)
}
