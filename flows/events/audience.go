package events

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The audience of a draft: the associations it matches with their
// members, narrowed to the event's city or widened to its Bundesland,
// with associations added by name, and "Einladen". The choice lives in
// the session (dataAudience) between presses, for one event at a time.

// dataAudience keeps the audience chosen: "<event id>;<1 for city
// only>;<added ids, comma-separated>".
const dataAudience = "ev_aud"

// maxNames is how many associations the audience screen names.
const maxNames = 15

// audienceState is the audience chosen for an event.
type audienceState struct {
	Event int64
	domain.AudienceFilter
}

// loadAudience is the audience chosen for event id: the one kept, or the
// whole Bundesland without additions.
func loadAudience(t *engine.Turn, id int64) audienceState {
	parts := strings.Split(t.Get(dataAudience), ";")
	if len(parts) != 3 || parts[0] != strconv.FormatInt(id, 10) {
		return audienceState{Event: id}
	}
	s := audienceState{Event: id, AudienceFilter: domain.AudienceFilter{CityOnly: parts[1] == "1"}}
	for _, v := range engine.Values(parts[2]) {
		if n, ok := engine.ParseID(v); ok {
			s.Add = append(s.Add, n)
		}
	}
	return s
}

// encode is s as dataAudience keeps it.
func (s audienceState) encode() string {
	ids := make([]string, len(s.Add))
	for i, n := range s.Add {
		ids[i] = strconv.FormatInt(n, 10)
	}
	city := "0"
	if s.CityOnly {
		city = "1"
	}
	return strconv.FormatInt(s.Event, 10) + ";" + city + ";" + strings.Join(ids, ",")
}

// showAudience shows the audience of draft e as chosen so far.
func (d Deps) showAudience(t *engine.Turn, e domain.Event) {
	d.audience(t, e, loadAudience(t, e.ID), true)
}

// toggleScope switches the audience of draft e between its city and its
// Bundesland.
func (d Deps) toggleScope(t *engine.Turn, e domain.Event) {
	s := loadAudience(t, e.ID)
	s.CityOnly = !s.CityOnly
	d.audience(t, e, s, true)
}

// audience keeps s and shows the audience of draft e (a published event
// shows its figures instead), in the pressed message when inPlace.
func (d Deps) audience(t *engine.Turn, e domain.Event, s audienceState, inPlace bool) {
	if e.Status != domain.EventStateDraft {
		d.present(t, e, inPlace)
		return
	}
	if e.Started(t.Now()) {
		pastStart(t, e, inPlace)
		return
	}
	s.Event = e.ID
	orgs, reach, err := d.Events.Audience(t.Ctx(), e.ID, s.AudienceFilter)
	if err != nil {
		t.Fail(err)
		return
	}
	t.Set(dataAudience, s.encode())
	orgs, members := reachable(orgs), reach.Total()
	data := map[string]any{"Title": e.Title, "When": when(t, e), "City": e.City, "State": t.StateName(e.State),
		"CityOnly": s.CityOnly, "Added": len(s.Add) > 0, "Orgs": len(orgs), "Members": members}
	var lines []string
	for i, o := range orgs {
		if i == maxNames {
			lines = append(lines, t.T(keyAudienceMore, map[string]any{"N": len(orgs) - maxNames}))
			break
		}
		lines = append(lines, t.T(keyAudienceOrg, map[string]any{"Name": o.Name, "City": o.City, "Members": o.Members,
			"Added": slices.Contains(s.Add, o.ID)}))
	}
	data["Names"] = engine.HTML(strings.Join(lines, "\n"))
	data["Langs"] = inviteLangs(t, reach)
	key := keyAudience
	if len(orgs) == 0 {
		key = keyAudienceNone
	}
	scope := keyBtnCityOnly
	if s.CityOnly {
		scope = keyBtnWholeState
	}
	var rows [][]engine.Button
	if len(orgs) > 0 || s.CityOnly { // narrowing an empty audience helps nobody
		rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(scope, data), screenScope, e.ID)})
	}
	rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnFind, nil), screenFind, e.ID)})
	if members > 0 {
		rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnInvite, data), screenPublish, e.ID)})
	}
	rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnEdit, nil), screenEdit, e.ID),
		engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)})
	t.Present(engine.Screen{Text: t.T(key, data), Rows: rows}, inPlace)
}

// pastStart says that draft e's start has passed, so nobody can be
// invited, and offers only to edit it (or to go back to it).
func pastStart(t *engine.Turn, e domain.Event, inPlace bool) {
	t.Present(engine.Screen{Text: t.T(keyAudiencePast, map[string]any{"Title": e.Title, "When": when(t, e)}),
		Rows: [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnEdit, nil), screenEdit, e.ID)},
			{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)}}}, inPlace)
}

// inviteLangs names the languages the invitations come in with the
// members who get them ("Deutsch (5), English (1)"), or "" when there is
// only one: the cards go out in each association's language.
func inviteLangs(t *engine.Turn, members domain.AudienceMembers) string {
	if len(members) < 2 {
		return ""
	}
	var parts []string
	for _, lang := range t.Texts().Langs() {
		if n := members[lang]; n > 0 {
			parts = append(parts, t.Plain(keyAudienceLang, map[string]any{"Lang": t.LangName(lang), "N": n}))
		}
	}
	return strings.Join(parts, ", ")
}

// reachable are the associations of orgs with members (each of whom gets
// an invitation, once, however many of them they belong to).
func reachable(orgs []domain.AudienceOrg) []domain.AudienceOrg {
	out := orgs[:0:0]
	for _, o := range orgs {
		if o.Members > 0 {
			out = append(out, o)
		}
	}
	return out
}

// publish publishes draft e to its audience as chosen: every member gets
// an invitation card. A second press (or a replay) finds it published and
// says so; publishing nothing is not offered.
func (d Deps) publish(t *engine.Turn, e domain.Event) {
	if e.Status != domain.EventStateDraft {
		t.Refuse(keyPublishedAlready)
		return
	}
	if e.Started(t.Now()) {
		pastStart(t, e, true)
		return
	}
	a, _ := t.Actor()
	s := loadAudience(t, e.ID)
	orgs, _, err := d.Events.Audience(t.Ctx(), e.ID, s.AudienceFilter)
	if err != nil {
		t.Fail(err)
		return
	}
	orgs = reachable(orgs)
	if len(orgs) == 0 {
		t.Note(keyNobody, nil)
		d.audience(t, e, s, true)
		return
	}
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	notify, err := d.Cards(t, e)
	if err != nil {
		t.Fail(err)
		return
	}
	n, err := d.Events.Publish(t.Ctx(), e.ID, a.ID, ids, notify)
	switch {
	case errors.Is(err, domain.ErrConflict) && e.Started(t.Now()):
		pastStart(t, e, true)
		return
	case errors.Is(err, domain.ErrConflict):
		t.Refuse(keyPublishedAlready)
		return
	case errors.Is(err, domain.ErrForbidden):
		t.Refuse(engine.KeyForbidden)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Del(dataAudience)
	t.Log().Info("event published", slog.Int64("event_id", e.ID), slog.Int("organisations", len(ids)), slog.Int("invitations", n))
	t.Replace(engine.Screen{Text: t.T(keyPublished, map[string]any{"Title": e.Title, "Members": n, "Orgs": len(ids)}),
		Rows: [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)},
			{engine.ScreenButton(t.Plain(keyBtnMine, nil), screenMine, "")}}})
}
