package consent

import (
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Choices of the onboarding question: agree with or without reminders
// (each carries the privacy notice's version shown), or not at all.
const (
	choiceAll   = "all"
	choiceBasic = "basic"
	// ChoiceNo is the choice of a user who does not agree.
	ChoiceNo = "no"
)

// Text is the onboarding question's text: the current privacy notice
// and what the optional reminders are.
func (d Deps) Text(t *engine.Turn) string {
	return t.T(TextKey(domain.PurposePrivacy, d.version(domain.PurposePrivacy)), nil) + "\n\n" +
		t.T(TextKey(domain.PurposeReminders, d.version(domain.PurposeReminders)), nil)
}

// Choices are the onboarding question's answers: agree with reminders,
// agree without, do not agree. The agreeing ones carry the privacy
// notice's version, so that a press on a question of an older version is
// stale.
func (d Deps) Choices(t *engine.Turn) [][]engine.Choice {
	v := "." + strconv.Itoa(d.version(domain.PurposePrivacy))
	return [][]engine.Choice{
		{{Label: t.Plain(keyBtnYes, nil), Value: choiceAll + v}},
		{{Label: t.Plain(keyBtnBasic, nil), Value: choiceBasic + v}},
		{{Label: t.Plain(keyBtnNo, nil), Value: ChoiceNo}},
	}
}

// Given returns the consents an agreeing choice gave at: the privacy
// notice of the version shown, and the reminders when chosen. It reports
// false for any other choice.
func (d Deps) Given(choice string, at time.Time) ([]domain.Consent, bool) {
	kind, ver, _ := strings.Cut(choice, ".")
	v, err := strconv.Atoi(ver)
	if err != nil || v < 1 || kind != choiceAll && kind != choiceBasic {
		return nil, false
	}
	out := []domain.Consent{{Purpose: domain.PurposePrivacy, Version: v, GivenAt: at}}
	if kind == choiceAll {
		out = append(out, domain.Consent{Purpose: domain.PurposeReminders, Version: d.version(domain.PurposeReminders), GivenAt: at})
	}
	return out, true
}
