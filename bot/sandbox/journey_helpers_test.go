package sandbox_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// approvedRequest lets the Kommune register and submit the demo request
// (timeframe 30 to 60 days after testStart), and the coordinator, who
// must be registered, approve it from the notification. It returns the
// request's reference; the page then shows the coordinator's chat with
// the shortlist open in place of the question.
func approvedRequest(page *browser) string {
	page.t.Helper()
	page.switchUser(sandbox.MunicipalID)
	run(page, municipalOnboarding)
	run(page, requestSteps(testStart.AddDate(0, 0, 30).Format("02.01.2006"), testStart.AddDate(0, 0, 60).Format("02.01.2006")))
	page.waitNewest("the request's summary", "Ihre Anfrage für Hattingen")
	page.press(labelConfirm)
	page.waitNewest("the submitted request", submittedText)
	ref := refRE.FindString(eval[string](page, newestBot))
	page.switchUser(sandbox.CoordinatorID)
	page.waitNewest("the new request", notifyNewText+ref)
	page.press(labelApprove)
	page.waitNewest("the question before the approval", ref)
	page.press(labelApproveYes)
	page.waitNewest("the shortlist", "Vorschläge für "+ref)
	return ref
}

// phoneWithAylin starts the sandbox bot and opens its page on a phone
// (390 x 844) as the coordinator, who registers and invites an advisor;
// the invite's share button is opened as Aylin Demir, who registers and
// fills her profile with Hattingen as home (joinByInvite, which saves
// the screenshots shot names). The page then shows Aylin's chat.
func phoneWithAylin(t *testing.T, shot string) *browser {
	t.Helper()
	page := phoneAs(t, sandbox.CoordinatorID)
	run(page, coordinatorOnboarding)
	page.waitNewest("the coordinator's menu", labelQueue)
	page.press(labelInvite)
	joinByInvite(page, newestShare, sandbox.AdvisorID, "Aylin Demir", "Hattingen", shot)
	return page
}

// phoneAs starts the sandbox bot and opens its page on a phone (390 x
// 844) as user.
func phoneAs(t *testing.T, user int64) *browser {
	t.Helper()
	page, _ := phoneOn(t, user, testNow)
	return page
}

// phoneOn is phoneAs with the sandbox bot on clock; it also returns the
// bot's store.
func phoneOn(t *testing.T, user int64, clock domain.Clock) (*browser, *storage.Store) {
	t.Helper()
	store, url := startSandboxBotOn(t, clock)
	page := newBrowser(t)
	page.open(url, user)
	page.do("phone size", phoneViewport())
	return page, store
}
