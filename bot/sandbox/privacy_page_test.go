package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Texts of flows/account, flows/consent, flows/mydata, flows/statistics
// and flows/erasure (de, and en) that the privacy journey walks through,
// as the page shows them.
const (
	privacyTitle      = "Ihre gespeicherten Daten"
	labelMyData       = "📦 Meine Daten herunterladen"
	labelDeleteData   = "Meine Daten löschen"
	labelConsents     = "Einwilligungen"
	consentsTitle     = "Ihre Einwilligungen"
	remindersOff      = "🔕 Terminerinnerungen ausschalten"
	remindersOn       = "🔔 Terminerinnerungen einschalten"
	myDataTitle       = "📦 Ihre Daten bei MiGlobe"
	myDataFile        = "Die Datei „miglobe-meine-daten-"
	statsTitle        = "📈 Statistik "
	statsTitleEN      = "📈 Statistics "
	labelStatsExcel   = "Excel (Deutsch)"
	labelStatsExcelEN = "Excel (German)"
	eraseAskEN        = "Really delete everything?"
	labelEraseYesEN   = "Yes, delete everything"
	labelEraseNoEN    = "No, keep it"
	erasedEN          = "Your data has been deleted."
	keptEN            = "Nothing was deleted."
	statsRefusedEN    = "The statistics are for the programme office"
	languageChangeEN  = "I will write to you in English from now on."
)

// TestChromiumPrivacy plays the privacy and statistics journeys of issue
// 15 in the page on a phone (390 x 844). Sabine (Kommune, German) submits
// the demo request, which the coordinator approves; her /privacy shows
// her data and its three buttons, and under "Einwilligungen" she turns
// the appointment reminders off and on again; /meinedaten sends the
// summary and the JSON document, which downloads from the page and
// parses with her name and her request. In the next quarter (the clock
// moved to January 2027) the coordinator's /statistik moves back to Q4
// 2026 and downloads its CSV, and again in English with /stats. Rana
// (English) is refused the statistics; her /delete explains what is
// erased, "No" keeps everything, a second /delete and "Yes" erase her,
// and /start begins from scratch. Screenshots "privacy-screen-buttons",
// "privacy-screen", "privacy-consents", "privacy-reminders-off",
// "privacy-mydata", "privacy-mydata-top", "privacy-stats-q1",
// "privacy-stats-q4", "privacy-stats-q4-top", "privacy-stats-csv",
// "privacy-stats-en", "privacy-stats-refused-en", "privacy-delete-ask",
// "privacy-delete-kept", "privacy-delete-done" and "privacy-restart".
func TestChromiumPrivacy(t *testing.T) {
	t.Parallel()
	var shift atomic.Int64 // how far the bot's clock runs ahead of testNow
	clock := func() time.Time { return testNow().Add(time.Duration(shift.Load())) }
	page, store := phoneOn(t, sandbox.CoordinatorID, clock)
	run(page, coordinatorOnboarding)
	page.waitNewest("the coordinator's menu", labelQueue)
	ref := approvedRequest(page)

	// Sabine's data, her consents, and her export.
	page.switchUser(sandbox.MunicipalID)
	page.waitJS("Sabine's approval", hasBot(strings.ReplaceAll(notifyApproved, "%REF", ref)))
	page.typeText("/privacy")
	page.waitNewest("the privacy screen", privacyTitle)
	if s := eval[string](page, newestBot); !strings.Contains(s, "Sabine Krüger") || !strings.Contains(s, ref) {
		t.Errorf("the privacy screen %q lacks her name or her request %s", s, ref)
	}
	if got := page.buttonsOf(privacyTitle); !slices.Contains(got, labelMyData) || !slices.Contains(got, labelDeleteData) || !slices.Contains(got, labelConsents) {
		t.Errorf("the privacy screen has buttons %q, want %q, %q and %q", got, labelMyData, labelDeleteData, labelConsents)
	}
	page.screenshot("privacy-screen-buttons", true)
	page.scrollTo(privacyTitle)
	page.screenshot("privacy-screen", true)
	page.press(labelConsents)
	page.waitNewest("the consents", consentsTitle)
	page.screenshot("privacy-consents", true)
	page.press(remindersOff)
	page.waitNewest("the reminders off", "Terminerinnerungen: widerrufen am")
	page.screenshot("privacy-reminders-off", true)
	page.press(remindersOn)
	page.waitNewest("the reminders on", remindersOff)
	if s := eval[string](page, newestBot); !strings.Contains(s, "Terminerinnerungen: zugestimmt am") || strings.Contains(s, "widerrufen") {
		t.Errorf("the consents after turning the reminders on again are %q", s)
	}
	page.typeText("/meinedaten")
	page.waitJS("the summary", hasBot(myDataTitle))
	page.waitJS("the JSON document", hasDocument(".json"))
	page.screenshot("privacy-mydata", true)
	page.scrollTo(myDataFile)
	if s := messageWith(page, myDataFile); !strings.Contains(s, "• Einwilligungen: 3") || !strings.Contains(s, "• Ihre Anfragen: 1") {
		t.Errorf("the summary %q does not count her 3 consents (the notice, reminders off and on) and her request", s)
	}
	page.screenshot("privacy-mydata-top", true)
	checkMyData(t, page.download(page.newestDocument(".json")), "Sabine Krüger", ref)
	checkNoRawText(page, "Sabine")

	// The next quarter: the coordinator looks back at Q4 2026.
	shift.Store(int64(40 * 24 * time.Hour))
	page.switchUser(sandbox.CoordinatorID)
	page.typeText("/statistik")
	page.waitNewest("the figures of Q1 2027", statsTitle+"Q1 2027")
	page.screenshot("privacy-stats-q1", true)
	page.press("« Q4 2026")
	page.waitNewest("the figures of Q4 2026", statsTitle+"Q4 2026")
	if s := eval[string](page, newestBot); !strings.Contains(s, "📥 Anfragen: 1") || !strings.Contains(s, "Nordrhein-Westfalen 1") {
		t.Errorf("the figures of Q4 2026 %q lack the one request in NRW", s)
	}
	page.screenshot("privacy-stats-q4", true)
	page.scrollTo(statsTitle + "Q4 2026")
	page.screenshot("privacy-stats-q4-top", true)
	page.press(labelStatsExcel)
	page.waitJS("the CSV", hasDocument(".csv"))
	page.screenshot("privacy-stats-csv", true)
	checkStatsCSV(t, page.download(page.newestDocument(".csv")), "\nAnfragen;Eingegangen;1")

	// The same in English.
	page.typeText("/language")
	page.press("English")
	page.waitNewest("the language changed", languageChangeEN)
	page.typeText("/stats")
	page.waitNewest("the figures of Q1 2027 in English", statsTitleEN+"Q1 2027")
	page.press("« Q4 2026")
	page.waitNewest("the figures of Q4 2026 in English", statsTitleEN+"Q4 2026")
	if s := eval[string](page, newestBot); !strings.Contains(s, "📥 Requests: 1") || !strings.Contains(s, "North Rhine-Westphalia 1") {
		t.Errorf("the English figures of Q4 2026 %q lack the one request in NRW", s)
	}
	page.screenshot("privacy-stats-en", true)
	csvs := eval[int](page, countDocuments(".csv"))
	page.press(labelStatsExcelEN)
	page.waitJS("the English CSV", countDocuments(".csv")+` > `+itoa(csvs))
	checkStatsCSV(t, page.download(page.newestDocument(".csv")), "\nRequests;Submitted;1")
	checkNoRawText(page, "the coordinator")

	// Rana: no statistics; /delete, no, /delete, yes, /start.
	page.switchUser(sandbox.WomenAssocID)
	page.typeText("/stats")
	page.waitNewest("the refusal", statsRefusedEN)
	page.screenshot("privacy-stats-refused-en", true)
	page.typeText("/delete")
	page.waitNewest("the erasure's question", eraseAskEN)
	if got := page.buttonsOf(eraseAskEN); !slices.Equal(got, []string{labelEraseYesEN, labelEraseNoEN}) {
		t.Errorf("the erasure's question has buttons %q", got)
	}
	if s := eval[string](page, newestBot); !strings.Contains(s, "will be deleted") || !strings.Contains(s, "cannot be undone") {
		t.Errorf("the erasure's question %q does not say what is deleted and that it is final", s)
	}
	page.screenshot("privacy-delete-ask", true)
	page.press(labelEraseNoEN)
	page.waitJS("nothing deleted", hasBot(keptEN))
	page.screenshot("privacy-delete-kept", true)
	if u, err := store.UserByTelegramID(context.Background(), sandbox.WomenAssocID); err != nil || u.Name != "Rana Haddad" {
		t.Fatalf("after No, Rana is %+v (%v)", u, err)
	}
	page.typeText("/delete")
	page.waitNewest("the erasure's question again", eraseAskEN)
	page.press(labelEraseYesEN)
	page.waitJS("the erasure", hasBot(erasedEN))
	page.screenshot("privacy-delete-done", true)
	if _, err := store.UserByTelegramID(context.Background(), sandbox.WomenAssocID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("after Yes, Rana's record is still found (%v)", err)
	}
	page.typeText("/start")
	page.waitNewest("the welcome of a new user", "Welcome to MiGlobe")
	page.screenshot("privacy-restart", true)
	checkNoRawText(page, "Rana")
}

// checkNoRawText fails the test if a bot message or button in the chat
// the page shows holds a template, an HTML tag or entity as text, or a
// text key (a dotted name of a locale, as a missing text shows).
func checkNoRawText(page *browser, who string) {
	page.t.Helper()
	raw := eval[[]string](page, `[...document.querySelectorAll('#log .msg.bot')].map(m => m.textContent)`+
		`.filter(s => /\{\{|<\/?[a-z]+>|&[a-z]+;|\b[a-z]+\.[a-z_]+\b/.test(s.replace(/\S+\.(json|csv|ics)\b|\S+@\S+|\bbzw\.|\bPers\./g, '')))`)
	for _, s := range raw {
		page.t.Errorf("%s's chat shows raw text in %q", who, s)
	}
}

// checkMyData parses the export and checks that it is the user's, named
// name, with the request ref.
func checkMyData(t *testing.T, doc, name, ref string) {
	t.Helper()
	var x struct {
		Profile  struct{ Name string }
		Consents []struct{ Purpose string }
		Requests []struct{ Ref string }
	}
	if err := json.Unmarshal([]byte(doc), &x); err != nil {
		t.Fatalf("the export does not parse: %v\n%s", err, doc)
	}
	if x.Profile.Name != name || len(x.Requests) != 1 || x.Requests[0].Ref != ref || len(x.Consents) == 0 {
		t.Errorf("the export holds %+v, want %s with the request %s and consents", x, name, ref)
	}
}

// checkStatsCSV checks that the statistics' CSV has the byte order mark
// of Excel and the line want.
func checkStatsCSV(t *testing.T, csv, want string) {
	t.Helper()
	if !strings.HasPrefix(csv, "\uFEFF") || !strings.Contains(csv, want) {
		t.Errorf("the CSV is %q, want the byte order mark and %q", csv, want)
	}
}
