package engine

import (
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Gate holds back everything a registered user does until they agreed to
// the current version of a required text (the privacy notice, see
// flows/consent): Ask runs instead, at the user's next contact, whatever
// it is. What passes anyway: the durable presses of Feature (the answers
// to Ask's question), commands marked Ungated and the flows they start
// (the rights to one's data: reading and erasing it need no new consent).
type Gate struct {
	Purpose string // the domain purpose whose version counts (domain.User.Agreed)
	Version int    // the current version; a user who agreed to an older one is held
	Feature string // its durable presses pass (the question's buttons)
	TextKey string // the current version's text, checked at start
	// Ask answers a held update of the acting user a, who agreed to an
	// older version (or none).
	Ask func(t *Turn, a domain.Actor)
}

// gateFlag starts the session flag that records the version of the gate
// the user is known to have agreed to, so that only a session without it
// pays the actor's query for the check.
const gateFlag = "gate:"

// Gate registers the gate; there is one at most.
func (r *Registry) Gate(g Gate) {
	switch {
	case r.gate != nil:
		r.fail("gate registered twice")
	case g.Purpose == "" || g.Version < 1 || g.Ask == nil || !partName.MatchString(g.Feature):
		r.fail("gate %q: needs a purpose, a version from 1, a feature and Ask", g.Purpose)
	default:
		r.gate = &g
	}
}

// held runs the gate for the turn's update: it reports true when the
// update was held back (Ask answered it, or a store error was recorded).
func (t *Turn) held() bool {
	g := t.e.reg.gate
	if g == nil || !t.Registered() || t.passes(g) {
		return false
	}
	want := strconv.Itoa(g.Version)
	if v, _ := t.flagValue(gateFlag); v == want {
		return false
	}
	a, ok := t.Actor()
	switch {
	case t.Failed():
		return true
	case !ok: // forgotten meanwhile: dispatch answers an unregistered user
		return false
	case a.Agreed[g.Purpose] >= g.Version:
		t.gateMark = want
		return false
	}
	g.Ask(t, a)
	return true
}

// passes reports whether the update passes the gate unasked: a durable
// press of the gate's feature, an Ungated command, or any update while a
// flow an Ungated command started runs.
func (t *Turn) passes(g *Gate) bool {
	switch t.u.Kind {
	case KindButton:
		if p, ok := parseDurable(t.u.Data); ok {
			return p.feature == g.Feature
		}
	case KindCommand:
		if c := t.e.reg.command(t.u.Command); c != nil {
			return c.Ungated
		}
	}
	f := t.flow()
	return f != nil && f.Ungated && t.flowRuns()
}

// markGate records in the session that the user agreed to the gate's
// version (see held); Handle calls it unless the turn changes nothing.
func (t *Turn) markGate() {
	if t.gateMark == "" {
		return
	}
	t.setFlagValue(gateFlag, t.gateMark)
}
