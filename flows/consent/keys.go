package consent

import (
	"fmt"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Keys of the consent texts in locales/*.toml.
const (
	keyBtnYes      = "btn.consent_yes"   // onboarding: agree, reminders included
	keyBtnBasic    = "btn.consent_basic" // onboarding: agree, without reminders
	keyBtnNo       = "btn.consent_no"
	keyBtnAgree    = "btn.consent_agree" // the question again: agree
	keyBtnDecline  = "btn.consent_decline"
	keyBtnConsents = "btn.consents"
	keyBtnOn       = "btn.consent_on"
	keyBtnOff      = "btn.consent_off"

	keyReask     = "consent.reask"
	keyAgreed    = "consent.agreed"
	keyRepeat    = "consent.repeat"
	keyDeclined  = "consent.declined"
	keyAlready   = "consent.already"
	keyScreen    = "consent.screen"
	keyGivenLine = "consent.given_line"
	keyNoneLine  = "consent.none_line"
	keyOffLine   = "consent.off_line"
	keySaved     = "consent.saved"
)

// versionKeys are the keys of each version of each purpose's text, by
// version (index 0 unused). A new version adds its key and keeps the old
// ones, so that what a user agreed to stays readable.
var versionKeys = map[string][]string{
	domain.PurposePrivacy:   {"", "consent.privacy_v1"},
	domain.PurposeReminders: {"", "consent.reminders_v1"},
}

// nameKeys name the purposes.
var nameKeys = map[string]string{
	domain.PurposePrivacy:   "consent.name_privacy",
	domain.PurposeReminders: "consent.name_reminders",
}

// TextKey is the key of version v of purpose's text,
// "consent.<purpose>_v<v>" (a version beyond those shipped, e.g. in a
// test, brings its own texts; the engine checks the privacy notice's at
// start).
func TextKey(purpose string, v int) string {
	if keys := versionKeys[purpose]; v > 0 && v < len(keys) {
		return keys[v]
	}
	return "consent." + purpose + "_v" + strconv.Itoa(v)
}

// changesKey is the key of the short summary of what version v of the
// privacy notice changed; a version without one shows none.
func changesKey(v int) string { return fmt.Sprintf("consent.changes_v%d", v) }
