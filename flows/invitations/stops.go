package invitations

import (
	"errors"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Einladungen abbestellen": the association's stops by topic and of all
// invitations, each a toggle that the next tap takes back. The screen
// names the association's first organisation (as "Mein Profil" does).

// Parameters of the stops screen: "" shows it, paramAll toggles every
// invitation, paramTopic+<topic> one topic.
const (
	paramAll   = "all"
	paramTopic = "t."
)

// stops shows the stops, after toggling what param names.
func (d Deps) stops(t *engine.Turn, param string) {
	a, ok := t.Admit(isMember, keyNoAssoc)
	if !ok {
		return
	}
	_, orgs, err := d.Users.Profiles(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	if len(orgs) == 0 {
		t.ShowOrReplace(engine.Screen{Text: t.T(keyNoAssoc, nil), Rows: [][]engine.Button{t.BackToMenu()}})
		return
	}
	o := orgs[0]
	if param != "" && !d.toggle(t, a, &o, param) {
		return
	}
	t.ShowOrReplace(stopsScreen(t, o))
}

// toggle changes the stop param names for o and reports whether it did;
// a press it refuses (an unknown topic, a member no more) changes nothing.
func (d Deps) toggle(t *engine.Turn, a domain.Actor, o *domain.OrganisationProfile, param string) bool {
	all, topics := o.StoppedAll, slices.Clone(o.StoppedTopics)
	topic, isTopic := strings.CutPrefix(param, paramTopic)
	switch {
	case param == paramAll:
		all = !all
	case isTopic && slices.Contains(domain.InterestTopics, domain.Topic(topic)):
		if i := slices.Index(topics, domain.Topic(topic)); i >= 0 {
			topics = slices.Delete(topics, i, i+1)
		} else {
			topics = append(topics, domain.Topic(topic))
		}
	default:
		t.StaleButton()
		return false
	}
	err := d.Organisations.SetInvitationStops(t.Ctx(), a.ID, o.ID, all, topics)
	switch {
	case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrInvalid):
		t.Refuse(keyForbidden)
		return false
	case err != nil:
		t.Fail(err)
		return false
	}
	o.StoppedAll, o.StoppedTopics = all, topics
	t.Toast(t.Plain(keyToastStopped, nil))
	return true
}

// stopsScreen shows o's stops with a toggle per topic and one for all.
func stopsScreen(t *engine.Turn, o domain.OrganisationProfile) engine.Screen {
	state := t.T(keyStopsNone, nil)
	switch {
	case o.StoppedAll:
		state = t.T(keyStopsAll, nil)
	case len(o.StoppedTopics) > 0:
		state = t.T(keyStopsTopics, map[string]any{"Topics": engine.TopicNames(t, o.StoppedTopics)})
	}
	var rows [][]engine.Button
	for i, c := range engine.TopicChoices(t, domain.InterestTopics) {
		key := keyBtnTopicOn
		if slices.Contains(o.StoppedTopics, domain.Topic(c.Value)) {
			key = keyBtnTopicOff
		}
		if i%2 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1],
			engine.ScreenButton(t.Plain(key, map[string]any{"Topic": c.Label}), screenStops, paramTopic+c.Value))
	}
	allKey := keyBtnStopAll
	if o.StoppedAll {
		allKey = keyBtnResumeAll
	}
	rows = append(rows, []engine.Button{engine.ScreenButton(t.Plain(allKey, nil), screenStops, paramAll)},
		[]engine.Button{engine.ScreenButton(t.Plain(keyBtnList, nil), screenList, "")}, t.BackToMenu())
	return engine.Screen{Text: strings.Join([]string{t.T(keyStopsTitle, map[string]any{"Org": o.Name}), state,
		t.T(keyStopsHint, nil)}, "\n\n"), Rows: rows}
}
