// Package consent keeps the users' consents per purpose (issue 15, part
// 3): the privacy notice, which is required, and reminders of
// appointments, which are optional (domain.PurposePrivacy,
// domain.PurposeReminders). Each purpose's text has a version; the texts
// live in locales with the version in their key (consent.privacy_v1), so
// that what a user agreed to stays readable after a newer one comes.
//
// Onboarding asks the question with the current texts (Deps.Text,
// Deps.Choices) and stores what was given in the registration's
// transaction (Deps.Given). When the privacy notice's version is raised
// (Deps.PrivacyVersion), the engine's gate holds back everything a
// registered user does until they answered the new text: "Zustimmen"
// stores the new version and asks them to repeat what they were doing (a
// draft stays, its question comes again); "Ablehnen" changes nothing and
// says how to read or erase their data. The buttons are durable and carry
// the version: a forged or replayed one changes nothing. The consents
// screen (a button on /privacy, ConsentsButton) shows every consent and
// turns the optional ones on and off.
package consent
