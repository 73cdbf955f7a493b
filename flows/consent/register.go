package consent

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Current versions of the texts. Raising PrivacyVersion (with the new
// text consent.privacy_vN and what changed, consent.changes_vN, in both
// locales) asks every registered user again at their next contact.
const (
	PrivacyVersion   = 1
	RemindersVersion = 1
)

// Deps is what the consent feature needs.
type Deps struct {
	Consents domain.ConsentStore
	// PrivacyVersion and RemindersVersion override the current versions
	// (tests); 0: the constants.
	PrivacyVersion   int
	RemindersVersion int
}

// feature names the durable buttons of the question asked again.
const feature = "consent"

// Durable actions.
const (
	actAgree   = "agree"
	actDecline = "decline"
)

// Screens of the consent feature.
const (
	screenConsents = "consents"
	screenSet      = "consentset" // parameter "<purpose>.on" or "<purpose>.off"
)

// Register adds the gate of the privacy notice, its durable answers, and
// the consents screen with its switches.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Gate(engine.Gate{Purpose: domain.PurposePrivacy, Version: d.version(domain.PurposePrivacy), Feature: feature,
		TextKey: TextKey(domain.PurposePrivacy, d.version(domain.PurposePrivacy)), Ask: d.ask})
	r.Durable(feature, actAgree, d.agree)
	r.Durable(feature, actDecline, d.decline)
	r.Screen(screenConsents, func(t *engine.Turn, _ string) { d.showConsents(t, "") })
	r.Screen(screenSet, d.set)
}

// version is the current version of purpose's text.
func (d Deps) version(purpose string) int {
	switch {
	case purpose == domain.PurposePrivacy && d.PrivacyVersion > 0:
		return d.PrivacyVersion
	case purpose == domain.PurposePrivacy:
		return PrivacyVersion
	case d.RemindersVersion > 0:
		return d.RemindersVersion
	}
	return RemindersVersion
}

// ConsentsButton opens the consents screen (for the privacy screen of
// flows/account).
func ConsentsButton(t *engine.Turn) engine.Button {
	return t.MenuButton(keyBtnConsents, screenConsents)
}
