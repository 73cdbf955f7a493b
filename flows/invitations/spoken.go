package invitations

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// spokenKeys name the languages an event offers in the card's language:
// the events feature stores them by their German names (ev.lang_* there),
// and a name not among these (typed, or added later) is shown as stored.
var spokenKeys = map[string]string{
	"Deutsch": "ivspoken.de", "Englisch": "ivspoken.en", "Arabisch": "ivspoken.ar", "Türkisch": "ivspoken.tr",
	"Ukrainisch": "ivspoken.uk", "Russisch": "ivspoken.ru", "Persisch": "ivspoken.fa", "Französisch": "ivspoken.fr",
	"Kurdisch": "ivspoken.ku", "Tigrinya": "ivspoken.ti",
}

// spokenText lists the languages spoken at an event, stored as names,
// in lang.
func spokenText(tx *engine.Texts, lang string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if key, ok := spokenKeys[n]; ok {
			out[i] = tx.Plain(lang, key, nil)
		}
	}
	return strings.Join(out, ", ")
}
