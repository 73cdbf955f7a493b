package consent

import (
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// ask answers whatever a registered user did who has not agreed to the
// current privacy notice: the new text, what changed, and the two
// answers. Nothing else runs.
func (d Deps) ask(t *engine.Turn, _ domain.Actor) {
	v := d.version(domain.PurposePrivacy)
	text := t.T(keyReask, map[string]any{"Version": v})
	if t.Texts().Has(changesKey(v)) {
		text += "\n\n" + t.T(changesKey(v), nil)
	}
	text += "\n\n" + t.T(TextKey(domain.PurposePrivacy, v), nil)
	t.Show(engine.Screen{Text: text, Rows: [][]engine.Button{
		{engine.DurableButton(t.Plain(keyBtnAgree, nil), feature, actAgree, int64(v))},
		{engine.DurableButton(t.Plain(keyBtnDecline, nil), feature, actDecline, int64(v))},
	}})
}

// answerable checks a press on the question for version v: only the
// current version counts (an older or forged one is stale), and a user
// who agreed to it already is told so. Nothing changes when it reports
// false.
func (d Deps) answerable(t *engine.Turn, v int64) (domain.Actor, bool) {
	a, ok := t.Actor()
	switch {
	case !ok:
		if !t.Failed() {
			t.Refuse(engine.KeyForbidden)
		}
		return a, false
	case v != int64(d.version(domain.PurposePrivacy)):
		t.StaleButton()
		return a, false
	case a.Agreed[domain.PurposePrivacy] >= int(v):
		t.Refuse(keyAlready)
		return a, false
	}
	return a, true
}

// agree stores the user's consent to the current privacy notice, shows
// that in the question's place, and asks them to repeat what they were
// doing: the question of a running flow comes again, else the menu.
func (d Deps) agree(t *engine.Turn, v int64) {
	a, ok := d.answerable(t, v)
	if !ok {
		return
	}
	if _, err := d.Consents.GiveConsent(t.Ctx(), a.ID, domain.PurposePrivacy, int(v)); err != nil {
		t.Fail(err)
		return
	}
	t.Log().Info("consent given", slog.Int64("user_id", a.ID), slog.String("purpose", domain.PurposePrivacy),
		slog.Int64("version", v))
	t.Replace(engine.Screen{Text: t.T(keyAgreed, map[string]any{"Version": v, "When": t.DateTime(t.Now())})})
	t.Note(keyRepeat, nil)
	if t.InFlow() != "" {
		t.Reprompt()
		return
	}
	t.ShowMenu(false)
}

// decline leaves everything as it is and says what the user can do:
// agree later, read their data, or have it erased.
func (d Deps) decline(t *engine.Turn, v int64) {
	if _, ok := d.answerable(t, v); !ok {
		return
	}
	t.Replace(engine.Screen{Text: t.T(keyDeclined, nil), Rows: [][]engine.Button{
		{engine.DurableButton(t.Plain(keyBtnAgree, nil), feature, actAgree, v)},
	}})
}
