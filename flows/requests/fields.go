package requests

import (
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Every field of a request, rendered once for every place that shows it:
// the coordinators' notification, the detail of the requester and of the
// office, and the detail's full text pages. Long free texts can be folded
// to an excerpt; the caller offers the rest behind "Mehr anzeigen".

// Fold lengths of the long free texts.
const (
	noticeFold = 200 // in a notification
	detailFold = 300 // in the detail, before "Mehr anzeigen"
)

// fieldsOf renders every field of r in lang, one "<b>Label:</b> value" line
// each, in the order the request flow asks them; optional fields left
// empty are left out. Long free texts are cut to fold characters with "…",
// their line breaks folded into spaces (fold 0: never, breaks kept);
// folded reports whether one was cut.
func fieldsOf(tx *engine.Texts, lang string, loc *time.Location, r domain.Request, fold int) (lines []string, folded bool) {
	line := func(labelKey string, v any) string {
		return tx.T(lang, engine.KeyFlowLine, map[string]any{"Label": tx.Plain(lang, labelKey, nil), "Value": v})
	}
	long := func(labelKey, v string) string {
		if fold > 0 {
			short := engine.Excerpt(v, fold)
			folded = folded || strings.HasSuffix(short, "…") && !strings.HasSuffix(v, "…")
			v = short
		}
		return line(labelKey, v)
	}
	person := r.RequesterName
	if r.ContactFunction != "" {
		person = strings.TrimPrefix(person+", "+r.ContactFunction, ", ")
	}
	lines = append(lines, line(engine.KeyFieldMunicipality, r.Municipality))
	if person != "" {
		lines = append(lines, line(keyFieldContactPerson, person))
	}
	lines = append(lines,
		line(keyFieldDepartment, r.Department),
		line(keyFieldTopic, engine.HTML(topicIn(tx, lang, r))),
		long(keyFieldDescription, r.Description),
		long(keyFieldGoal, r.Goal),
		line(keyFieldFormat, tx.Plain(lang, engine.FormatKeys[r.Format], nil)),
		line(keyFieldTimeframe, tx.Date(lang, r.Earliest)+" – "+tx.Date(lang, r.Latest)),
	)
	if r.Place != "" {
		lines = append(lines, line(keyFieldPlace, r.Place))
	}
	if len(r.Languages) > 0 {
		lines = append(lines, line(keyFieldLanguages, strings.Join(r.Languages, ", ")))
	}
	if r.TargetGroups != "" {
		lines = append(lines, long(keyFieldTargetGroups, r.TargetGroups))
	}
	if r.Associations != "" {
		lines = append(lines, long(keyFieldAssociations, r.Associations))
	}
	tandem := keyTandemNo
	if r.Tandem {
		tandem = keyTandemYes
	}
	lines = append(lines, line(keyFieldTandem, tx.Plain(lang, tandem, nil)),
		line(keyFieldUrgency, tx.Plain(lang, urgencyKeys[r.Urgency], nil)),
		line(keyFieldSubmittedAt, tx.DateTime(lang, r.CreatedAt, loc)))
	return lines, folded
}
