package invitations

import (
	"errors"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Einladungen abbestellen": the association's stops by topic and of all
// invitations. Each button carries the state it asks for (stop or take
// back), not a toggle: a press on a screen that another member's change
// made out of date, or a second tap, does what its label says, and the
// store changes that one stop alone. The screen names the association's
// first organisation (as "Mein Profil" does).

// Parameters of the stops screen: "" shows it; paramAll or paramTopic+
// <topic>, after paramStop or paramResume, stops or takes back every
// invitation or those on one topic.
const (
	paramStop   = "s"
	paramResume = "r"
	paramAll    = "all"
	paramTopic  = "t."
)

// stops shows the stops, after the change param names.
func (d Deps) stops(t *engine.Turn, param string) {
	a, ok := t.Admit(isMember, keyNoAssoc)
	if !ok {
		return
	}
	o, ok := d.firstOrg(t, a)
	if !ok {
		return
	}
	if param != "" {
		if !d.change(t, a, o, param) {
			return
		}
		if o, ok = d.firstOrg(t, a); !ok { // as it is now, with the other members' changes
			return
		}
	}
	t.ShowOrReplace(stopsScreen(t, o))
}

// firstOrg returns a's first association; ok is false when a has none
// (told so) or a store error was recorded.
func (d Deps) firstOrg(t *engine.Turn, a domain.Actor) (domain.OrganisationProfile, bool) {
	_, orgs, err := d.Users.Profiles(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return domain.OrganisationProfile{}, false
	}
	if len(orgs) == 0 {
		t.ShowOrReplace(engine.Screen{Text: t.T(keyNoAssoc, nil), Rows: [][]engine.Button{t.BackToMenu()}})
		return domain.OrganisationProfile{}, false
	}
	return orgs[0], true
}

// stopParam is the parameter of a button that stops (or takes back the
// stop of) topic, or all invitations for topic "".
func stopParam(topic domain.Topic, stopped bool) string {
	p := paramResume
	if stopped {
		p = paramStop
	}
	if topic == "" {
		return p + paramAll
	}
	return p + paramTopic + string(topic)
}

// change makes the change param names for o and reports whether it did;
// a press it refuses (an unknown topic, a member no more) changes nothing.
func (d Deps) change(t *engine.Turn, a domain.Actor, o domain.OrganisationProfile, param string) bool {
	rest, stopped := strings.CutPrefix(param, paramStop)
	if !stopped {
		var ok bool
		if rest, ok = strings.CutPrefix(param, paramResume); !ok {
			t.StaleButton()
			return false
		}
	}
	topic, isTopic := strings.CutPrefix(rest, paramTopic)
	switch {
	case rest == paramAll:
		topic = ""
	case !isTopic || !slices.Contains(domain.InterestTopics, domain.Topic(topic)):
		t.StaleButton()
		return false
	}
	err := d.Organisations.SetInvitationStop(t.Ctx(), a.ID, o.ID, domain.Topic(topic), stopped)
	switch {
	case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrInvalid):
		t.Refuse(keyForbidden)
		return false
	case err != nil:
		t.Fail(err)
		return false
	}
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
		stopped := slices.Contains(o.StoppedTopics, domain.Topic(c.Value))
		key := keyBtnTopicOn
		if stopped {
			key = keyBtnTopicOff
		}
		if i%2 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1],
			engine.ScreenButton(t.Plain(key, map[string]any{"Topic": c.Label}), screenStops, stopParam(domain.Topic(c.Value), !stopped)))
	}
	allKey := keyBtnStopAll
	if o.StoppedAll {
		allKey = keyBtnResumeAll
	}
	rows = append(rows, []engine.Button{engine.ScreenButton(t.Plain(allKey, nil), screenStops, stopParam("", !o.StoppedAll))},
		[]engine.Button{engine.ScreenButton(t.Plain(keyBtnList, nil), screenList, "")}, t.BackToMenu())
	return engine.Screen{Text: strings.Join([]string{t.T(keyStopsTitle, map[string]any{"Org": o.Name}), state,
		t.T(keyStopsHint, nil)}, "\n\n"), Rows: rows}
}
