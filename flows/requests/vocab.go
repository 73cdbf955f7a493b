package requests

import (
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

var urgencyKeys = map[domain.Urgency]string{
	domain.UrgencyLow: "urgency.low", domain.UrgencyNormal: "urgency.normal", domain.UrgencyHigh: "urgency.high",
}

// topicIn is the request's topic in lang, escaped, with the free text of
// "other".
func topicIn(texts *engine.Texts, lang string, r domain.Request) string {
	return texts.RequestTopic(lang, r)
}

// topicText is the request's topic in the turn's language (see topicIn).
func topicText(t *engine.Turn, r domain.Request) string { return topicIn(t.Texts(), t.Lang(), r) }

// statusIn is the name of status s in lang.
func statusIn(texts *engine.Texts, lang string, s domain.Status) string {
	return texts.StatusName(lang, s)
}

// statusName is the name of status s in the turn's language.
func statusName(t *engine.Turn, s domain.Status) string { return statusIn(t.Texts(), t.Lang(), s) }
