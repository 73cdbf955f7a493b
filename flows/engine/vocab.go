package engine

import (
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The request topics, formats and statuses are named by several features (the
// request, the advisor profile, the offers): their labels live in the
// engine's locales, and these keys and functions name them.

// TopicKeys are the keys of the topics' labels, for choices of topics.
var TopicKeys = map[domain.Topic]string{
	domain.TopicInterculturalOpening: "topic.intercultural_opening",
	domain.TopicMigrantOrganisations: "topic.migrant_organisations",
	domain.TopicEventsPR:             "topic.events_pr",
	domain.TopicPartnerships:         "topic.municipal_partnerships",
	domain.TopicFairTrade:            "topic.fair_trade",
	domain.TopicAgenda2030:           "topic.agenda",
	domain.TopicOther:                "topic.other_topic",
	domain.TopicCulture:              "topic.culture",
	domain.TopicEducation:            "topic.education",
	domain.TopicSports:               "topic.sports",
	domain.TopicYouth:                "topic.youth",
	domain.TopicWomen:                "topic.women",
	domain.TopicReligionDialogue:     "topic.religion_dialogue",
}

// FormatKeys are the keys of the formats' labels, for choices of formats.
var FormatKeys = map[domain.Format]string{
	domain.FormatOnSite: "mode.on_site", domain.FormatOnline: "mode.online", domain.FormatHybrid: "mode.hybrid",
}

// StatusKeys are the keys of the request statuses' names.
var StatusKeys = map[domain.Status]string{
	domain.StatusSubmitted: "status.submitted", domain.StatusInReview: "status.in_review",
	domain.StatusQuestion: "status.question", domain.StatusApproved: "status.approved",
	domain.StatusDeclined: "status.declined", domain.StatusMatching: "status.matching",
	domain.StatusAssigned: "status.assigned", domain.StatusScheduled: "status.scheduled",
	domain.StatusCompleted: "status.completed", domain.StatusClosed: "status.closed",
	domain.StatusCancelled: "status.cancelled",
}

// StatusName is the plain name of request status s in lang (s itself when
// unknown).
func (t *Texts) StatusName(lang string, s domain.Status) string {
	if k, ok := StatusKeys[s]; ok {
		return t.Plain(lang, k, nil)
	}
	return string(s)
}

// TopicName is the plain label of topic in lang (the topic itself when
// unknown).
func (t *Texts) TopicName(lang string, topic domain.Topic) string {
	if k, ok := TopicKeys[topic]; ok {
		return t.Plain(lang, k, nil)
	}
	return string(topic)
}

// TopicChoices are topics as choices, labelled in the turn's language.
func TopicChoices(t *Turn, topics []domain.Topic) []Choice {
	out := make([]Choice, 0, len(topics))
	for _, tp := range topics {
		out = append(out, Choice{Label: t.Texts().TopicName(t.Lang(), tp), Value: string(tp)})
	}
	return out
}

// TopicNames are the plain labels of topics in the turn's language, joined
// by ", ".
func TopicNames(t *Turn, topics []domain.Topic) string {
	names := make([]string, 0, len(topics))
	for _, tp := range topics {
		names = append(names, t.Texts().TopicName(t.Lang(), tp))
	}
	return strings.Join(names, ", ")
}

// FormatName is the plain label of format f in lang (f itself when
// unknown).
func (t *Texts) FormatName(lang string, f domain.Format) string {
	if k, ok := FormatKeys[f]; ok {
		return t.Plain(lang, k, nil)
	}
	return string(f)
}

// RequestTopic is the topic of r in lang as Telegram HTML: its label, and
// for "other" the requester's own words, escaped.
func (t *Texts) RequestTopic(lang string, r domain.Request) string {
	topic := Escape(t.TopicName(lang, r.Topic))
	if r.Topic == domain.TopicOther && r.TopicOther != "" {
		topic += ": " + Escape(r.TopicOther)
	}
	return topic
}

// Month is the name of month m in lang, e.g. "November".
func (t *Texts) Month(lang string, m time.Month) string { return t.Plain(lang, monthKeys[m-1], nil) }

// Weekday is the short name of t's weekday in lang as a date in a sentence
// shows it, e.g. "Mi" or "Wed"; t is taken as it is (convert it to the
// zone it is shown in first).
func (t *Texts) Weekday(lang string, at time.Time) string {
	return t.Plain(lang, dayKeys[(int(at.Weekday())+6)%7], nil) // dayKeys start on Monday
}
