package sandbox_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Texts and labels of flows/locales/de.toml that the review walks through
// (plain text as the page shows it, without the HTML tags).
const (
	promptLanguage    = "Willkommen bei MiGlobe"
	promptConsent     = "Stimmen Sie zu?"
	promptName        = "Wie heißen Sie?"
	promptSummary     = "Bitte prüfen Sie Ihre Angaben"
	labelRequest      = "Beratung beantragen"
	labelQueue        = "Offene Anfragen"
	submittedText     = "ist eingegangen"
	notifyNewText     = "Neue Beratungsanfrage "
	labelApprove      = "✅ Bewilligen"
	labelApproveYes   = "✅ Ja, bewilligen"
	approveAsk        = "%REF (Hattingen) bewilligen?"
	labelAsk          = "❓ Rückfrage"
	labelDecline      = "✖️ Ablehnen"
	labelDetails      = "Details"
	labelAnswer       = "Antworten"
	questionPrompt    = "Bitte schreiben Sie Ihre Frage an die Kommune"
	questionSentText  = "Ihre Rückfrage zu %REF ist an Hattingen gegangen"
	notifyQuestion    = "Rückfrage zu Ihrer Anfrage %REF"
	answerPrompt      = "Bitte schreiben Sie Ihre Antwort"
	answerSentText    = "Ihre Antwort zu %REF ist bei der Programmstelle"
	notifyAnswerText  = "Antwort zu %REF (Hattingen)"
	queueTitle        = "Offene Anfragen (1)"
	approvedText      = "Die Anfrage %REF ist bewilligt. Die Kommune ist informiert."
	notifyApproved    = "Ihre Anfrage %REF ist bewilligt"
	refusedDepartment = "Ihr Text hat 1 Zeichen"
	labelChange       = "✏️ Ändern"
	changePrompt      = "Was möchten Sie ändern?"
	labelBack         = "« Zurück"
	labelCancel       = "Abbrechen"
	discardPrompt     = "Eingaben verwerfen?"
	labelDiscardNo    = "Nein, weiter"
)

// The conversation's user data.
const (
	coordinatorName = "Jonas Weber"
	reviewQuestion  = "Wie viele Mitarbeitende sollen an der Beratung teilnehmen?"
	reviewAnswer    = "Etwa 25 aus drei Ämtern."
)

var refRE = regexp.MustCompile(`MG-\d{4}-\d{4}`)

// pageStep waits for the newest bot message to contain prompt, then
// presses the button press or, when press is empty, types text.
type pageStep struct{ prompt, press, text string }

// run walks steps in the page.
func run(page *browser, steps []pageStep) {
	page.t.Helper()
	for _, s := range steps {
		page.waitNewest("the question "+s.prompt, s.prompt)
		if s.press != "" {
			page.press(s.press)
		} else {
			page.typeText(s.text)
		}
	}
}

// coordinatorOnboarding registers the Koordination demo user, whom the
// configuration makes a coordinator (no role question).
var coordinatorOnboarding = []pageStep{{"", "", "/start"}, {promptLanguage, labelGerman, ""},
	{promptConsent, labelConsent, ""}, {promptName, "", coordinatorName}, {promptSummary, labelConfirm, ""}}

// municipalOnboarding registers the Kommune demo user as the onboarding
// test does.
var municipalOnboarding = []pageStep{{"", "", "/start"}, {promptLanguage, labelGerman, ""},
	{promptConsent, labelConsent, ""}, {"Bitte wählen Sie Ihre Rolle", labelMunicipal, ""},
	{promptName, "", "Sabine Krüger"}, {"Für welche Kommune sind Sie tätig?", "", "Hattingen"},
	{"Bundesland liegt Hattingen", labelNRW, ""}, {"Welche Funktion haben Sie dort?", "", "Integrationsbeauftragte"},
	{promptSummary, labelConfirm, ""}}

// requestSteps start a request from the menu and answer every question up
// to the summary, with the timeframe earliest – latest (typed as 02.01.2006).
// The municipality and the function come from the profile.
func requestSteps(earliest, latest string) []pageStep {
	return []pageStep{{"", labelRequest, ""},
		{"In welchem Fachbereich oder Amt", "", "Integration und Soziales"},
		{"Um welches Thema geht es?", "Interkulturelle Öffnung der Verwaltung", ""},
		{"Bitte beschreiben Sie Ihr Anliegen", "", "Wir möchten unsere Bürgerberatung für Zugewanderte mehrsprachig aufstellen."},
		{"Was möchten Sie mit der Beratung erreichen?", "", "Ein tragfähiges Konzept für die Sprechstunden"},
		{"In welcher Form soll die Beratung stattfinden?", "Vor Ort", ""},
		{"Ab wann kann die Beratung frühestens beginnen?", "", earliest},
		{"Frühestens möglich ist der " + earliest, "", latest},
		{"Wo soll die Beratung stattfinden?", "", "Rathaus, Raum 4"},
		{"Wünschen Sie Berater*innen mit bestimmten Sprachen?", "", "Arabisch, Türkisch"},
		{"Welche Zielgruppen soll die Beratung erreichen?", "", "Neu zugewanderte Familien"},
		{"Sind schon Vereine oder Migrantenorganisationen beteiligt?", "Überspringen", ""},
		{"Wünschen Sie ein Tandem", "Nein, eine Person genügt", ""},
		{"Wie dringend ist die Beratung?", "Normal", ""}}
}

// TestChromiumRequestReview plays the review of a counseling request in the
// page, switching between the demo users: the Kommune submits, the
// Koordination is notified live, asks, the Kommune answers, the
// Koordination approves and the Kommune is told.
func TestChromiumRequestReview(t *testing.T) {
	t.Parallel()
	store, url := startSandboxBot(t)
	page := newBrowser(t)
	page.open(url, sandbox.CoordinatorID)
	run(page, coordinatorOnboarding)
	page.waitNewest("the coordinator's menu", labelQueue)

	// A second browser keeps the coordinator's chat open from here on: what
	// arrives there later can only arrive live.
	watch := newBrowser(t)
	watch.open(url, sandbox.CoordinatorID)
	// Its command chips are the bot's command menu, /offen included.
	watch.waitJS("the bot's commands as chips", `[...document.querySelectorAll('#chips .chip')].some(c => c.textContent === '/offen')`)

	page.switchUser(sandbox.MunicipalID)
	run(page, municipalOnboarding)
	page.waitNewest("the contact's menu", labelRequest)

	// The request at phone size: a refused answer below the question, the
	// summary on one screen, the list of the fields, cancel's question.
	page.do("phone size", phoneViewport())
	earliest, latest := testStart.AddDate(0, 0, 30).Format("02.01.2006"), testStart.AddDate(0, 0, 60).Format("02.01.2006")
	steps := requestSteps(earliest, latest)
	run(page, append(steps[:1:1], pageStep{steps[1].prompt, "", "x"}))
	page.waitNewest("the refused department", refusedDepartment)
	page.screenshot("review-refused", true)
	page.typeText(steps[1].text)
	run(page, steps[2:])
	page.waitNewest("the request's summary", "Ihre Anfrage für Hattingen")
	if s := eval[string](page, newestBot); !strings.Contains(s, earliest) || !strings.Contains(s, latest) {
		t.Errorf("the summary %q lacks the timeframe %s – %s", s, earliest, latest)
	}
	page.screenshot("review-summary", true)
	page.press(labelChange)
	page.waitNewest("the list of the fields", changePrompt)
	page.screenshot("review-change", true)
	page.press(labelBack)
	page.press(labelCancel)
	page.waitNewest("cancel's question", discardPrompt)
	page.screenshot("review-discard", true)
	page.press(labelDiscardNo)
	page.waitNewest("the summary again", "Ihre Anfrage für Hattingen")
	page.do("desktop size", chromedp.EmulateReset())
	page.press(labelConfirm)
	page.waitNewest("the submitted request", submittedText)
	ref := refRE.FindString(eval[string](page, newestBot))
	if ref == "" {
		t.Fatalf("the confirmation %q names no reference", eval[string](page, newestBot))
	}
	with := func(s string) string { return strings.ReplaceAll(s, "%REF", ref) }

	// The coordinator's open page shows the notification as it arrives.
	watch.waitJS("the live notification", hasBot(notifyNewText+ref))

	page.switchUser(sandbox.CoordinatorID)
	page.waitNewest("the notification", notifyNewText+ref)
	if got, want := page.buttonsOf(notifyNewText+ref), []string{labelApprove, labelAsk, labelDecline, labelDetails}; !sameSet(got, want) {
		t.Errorf("the notification's buttons are %q, want %q", got, want)
	}
	page.screenshot("review-notification", true)
	page.press(labelAsk)
	run(page, []pageStep{{questionPrompt, "", reviewQuestion}, {"Rückfrage an Hattingen zu " + ref, labelConfirm, ""}})
	page.waitNewest("the question sent", with(questionSentText))

	page.switchUser(sandbox.MunicipalID)
	page.waitNewest("the question", with(notifyQuestion))
	if got := eval[string](page, newestBot); !strings.Contains(got, reviewQuestion) || !strings.Contains(got, labelAnswer) {
		t.Errorf("the question reached the contact as %q, want the question and the button %q", got, labelAnswer)
	}
	page.screenshot("review-question", true)
	run(page, []pageStep{{with(notifyQuestion), labelAnswer, ""}, {answerPrompt, "", reviewAnswer},
		{"Ihre Antwort zu " + ref, labelConfirm, ""}})
	page.waitNewest("the answer sent", with(answerSentText))

	page.switchUser(sandbox.CoordinatorID)
	page.waitNewest("the answer", with(notifyAnswerText))
	if got := eval[string](page, newestBot); !strings.Contains(got, reviewQuestion) || !strings.Contains(got, reviewAnswer) {
		t.Errorf("the answer reached the coordinator as %q, want the question and the answer", got)
	}
	if got, want := page.buttonsOf(with(notifyAnswerText)), []string{labelApprove, labelAsk, labelDecline, labelDetails}; !sameSet(got, want) {
		t.Errorf("the answer's buttons are %q, want %q", got, want)
	}
	page.typeText("/offen")
	page.waitNewest("the queue", queueTitle)
	if got := eval[string](page, newestBot); !strings.Contains(got, ref) {
		t.Errorf("the queue %q lacks %s", got, ref)
	}
	page.press(labelApprove)
	page.waitNewest("the question before the approval", with(approveAsk))
	page.press(labelApproveYes)
	page.waitJS("the approval", hasBot(with(approvedText)))
	watch.waitJS("the approval in the open page", hasBot(with(approvedText)))

	page.switchUser(sandbox.MunicipalID)
	page.waitNewest("the approval", with(notifyApproved))
	page.screenshot("review-approved", true)
	for _, foreign := range []string{notifyNewText, labelApprove, labelAsk} {
		if eval[bool](page, hasBot(foreign)) {
			t.Errorf("the contact's chat shows %q, meant for the coordinator", foreign)
		}
	}
	r, err := store.RequestByRef(context.Background(), ref)
	if err != nil || r.Status != domain.StatusApproved {
		t.Errorf("request %s: status %q, %v; want %q", ref, r.Status, err, domain.StatusApproved)
	}

	// Each side's whole conversation in one tall phone-width picture.
	fullShot(page, "review-full-kommune")
	page.switchUser(sandbox.CoordinatorID)
	fullShot(page, "review-full-koordination")
}

// fullShot saves the page's whole conversation at phone width as name.
func fullShot(page *browser, name string) {
	page.t.Helper()
	height := min(eval[int](page, `document.getElementById('log').scrollHeight`)+360, 12000)
	page.do("full height", chromedp.EmulateViewport(420, int64(height), chromedp.EmulateMobile))
	page.screenshot(name, true)
}

// sameSet reports whether got and want hold the same labels, in any order.
func sameSet(got, want []string) bool {
	return len(got) == len(want) && !slices.ContainsFunc(want, func(w string) bool { return !slices.Contains(got, w) })
}
