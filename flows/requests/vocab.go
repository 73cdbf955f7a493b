package requests

import (
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

var urgencyKeys = map[domain.Urgency]string{
	domain.UrgencyLow: "urgency.low", domain.UrgencyNormal: "urgency.normal", domain.UrgencyHigh: "urgency.high",
}

// statusKeys are the keys of the statuses' names.
var statusKeys = map[domain.Status]string{
	domain.StatusSubmitted: "status.submitted", domain.StatusInReview: "status.in_review",
	domain.StatusQuestion: "status.question", domain.StatusApproved: "status.approved",
	domain.StatusDeclined: "status.declined", domain.StatusMatching: "status.matching",
	domain.StatusAssigned: "status.assigned", domain.StatusScheduled: "status.scheduled",
	domain.StatusCompleted: "status.completed", domain.StatusClosed: "status.closed",
	domain.StatusCancelled: "status.cancelled",
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
	if k, ok := statusKeys[s]; ok {
		return texts.Plain(lang, k, nil)
	}
	return string(s)
}

// statusName is the name of status s in the turn's language.
func statusName(t *engine.Turn, s domain.Status) string { return statusIn(t.Texts(), t.Lang(), s) }
