package sandbox_test

import (
	"github.com/miglobe/miglobe-bot/bot/sandbox"
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
