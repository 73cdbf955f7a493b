package assignments

import (
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The words of records this feature shows: the topic with its own words,
// and the deadline's day and time.

// topicIn is a topic in lang, with the free text of the other topic
// (plain text: the caller's template escapes it).
func topicIn(tx *engine.Texts, lang string, topic domain.Topic, other string) string {
	s := tx.TopicName(lang, topic)
	if topic == domain.TopicOther && other != "" {
		s += ": " + other
	}
	return s
}

// when is a moment in loc as a phone shows a deadline: "Mi, 2.12., 14:00".
func when(tx *engine.Texts, lang string, loc *time.Location, at time.Time) string {
	at = at.In(loc)
	return tx.Plain(lang, keyWhen, map[string]any{
		"Day": tx.Weekday(lang, at), "Time": at.Format(tx.Plain(lang, keyWhenFormat, nil)),
	})
}

// refs joins the references of records, "–" for none.
func refs(list []string) string {
	if len(list) == 0 {
		return "–"
	}
	return strings.Join(list, ", ")
}
