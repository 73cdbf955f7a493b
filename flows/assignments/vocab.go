package assignments

import (
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The words of records this feature shows: topics, formats, statuses and
// the deadline's day and time.

// topicKeys are the keys of the topics' labels.
var topicKeys = map[domain.Topic]string{
	domain.TopicInterculturalOpening: "asgtopic.intercultural_opening",
	domain.TopicMigrantOrganisations: "asgtopic.migrant_organisations",
	domain.TopicEventsPR:             "asgtopic.events_pr",
	domain.TopicPartnerships:         "asgtopic.municipal_partnerships",
	domain.TopicFairTrade:            "asgtopic.fair_trade",
	domain.TopicAgenda2030:           "asgtopic.agenda_2030",
	domain.TopicOther:                "asgtopic.other",
}

// formatKeys are the keys of the formats' names.
var formatKeys = map[domain.Format]string{
	domain.FormatOnSite: "asgformat.on_site",
	domain.FormatOnline: "asgformat.online",
	domain.FormatHybrid: "asgformat.hybrid",
}

// statusKeys are the keys of the names of the statuses an assignment's
// request can be in.
var statusKeys = map[domain.Status]string{
	domain.StatusMatching: "asgstatus.matching", domain.StatusAssigned: "asgstatus.assigned",
	domain.StatusScheduled: "asgstatus.scheduled", domain.StatusCompleted: "asgstatus.completed",
	domain.StatusClosed: "asgstatus.closed",
}

// weekdayKeys are the engine's short names of the weekdays, Sunday first
// as time.Weekday counts.
var weekdayKeys = [7]string{"weekday.sun", "weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu",
	"weekday.fri", "weekday.sat"}

// label is the text of key in map m for v in lang, or v itself for a value
// this version does not know.
func label[K ~string](tx *engine.Texts, lang string, m map[K]string, v K) string {
	if k, ok := m[v]; ok {
		return tx.Plain(lang, k, nil)
	}
	return string(v)
}

// topicIn is a topic in lang, with the free text of the other topic
// (plain text: the caller's template escapes it).
func topicIn(tx *engine.Texts, lang string, topic domain.Topic, other string) string {
	s := label(tx, lang, topicKeys, topic)
	if topic == domain.TopicOther && other != "" {
		s += ": " + other
	}
	return s
}

// when is a moment in loc as a phone shows a deadline: "Mi, 2.12., 14:00".
func when(tx *engine.Texts, lang string, loc *time.Location, at time.Time) string {
	at = at.In(loc)
	return tx.Plain(lang, keyWhen, map[string]any{
		"Day": tx.Plain(lang, weekdayKeys[at.Weekday()], nil), "Time": at.Format(tx.Plain(lang, keyWhenFormat, nil)),
	})
}

// refs joins the references of records, "–" for none.
func refs(list []string) string {
	if len(list) == 0 {
		return "–"
	}
	return strings.Join(list, ", ")
}
