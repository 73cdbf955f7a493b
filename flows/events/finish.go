package events

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// create starts the flow for someone who may create events, with the
// city and Bundesland of their profile (a confirmed municipality, an
// advisor's home) when there is one.
func (d Deps) create(t *engine.Turn, inPlace bool) {
	a, ok := t.Admit(domain.CanCreateEvent, keyRefused)
	if !ok {
		return
	}
	data := map[string]string{dataName: a.Name}
	city, state, err := d.home(t, a)
	if err != nil {
		t.Fail(err)
		return
	}
	if city != "" && state != "" {
		data[stepCity], data[stepState] = city, state
	}
	t.StartFlow(flowCreate, data, inPlace)
}

// home is the city and Bundesland of a's profile: the first confirmed
// municipality of a municipal contact, else an advisor's home; "" for
// none.
func (d Deps) home(t *engine.Turn, a domain.Actor) (city, state string, err error) {
	if a.Has(domain.RoleMunicipal) && d.Users != nil {
		munis, _, err := d.Users.Profiles(t.Ctx(), a.ID)
		if err != nil {
			return "", "", err
		}
		for _, m := range munis {
			if m.Status == domain.ContactVerified {
				return m.Municipality, m.State, nil
			}
		}
	}
	if a.Has(domain.RoleAdvisor) && d.Advisors != nil {
		p, err := d.Advisors.AdvisorProfile(t.Ctx(), a.ID)
		switch {
		case errors.Is(err, domain.ErrNotFound):
		case err != nil:
			return "", "", err
		default:
			return p.City, p.State, nil
		}
	}
	return "", "", nil
}

// edit opens the summary of draft e to change it; a published event is
// shown instead.
func (d Deps) edit(t *engine.Turn, e domain.Event) {
	if e.Status != domain.EventStateDraft {
		d.showEvent(t, e)
		return
	}
	a, _ := t.Actor()
	data := answersOf(e, t)
	data[dataEvent], data[dataName] = strconv.FormatInt(e.ID, 10), a.Name
	t.StartFlow(flowCreate, data, true)
}

// problemSteps are the steps that answer for a problem the store found
// (the start passed meanwhile, a deadline no longer before it).
var problemSteps = map[domain.EventProblem]string{
	domain.ProblemEventTitle: stepTitle, domain.ProblemEventDescription: stepDesc, domain.ProblemEventEnd: stepEnd,
	domain.ProblemEventPast: stepStart, domain.ProblemEventPlace: stepPlace, domain.ProblemEventPlaceLong: stepPlace,
	domain.ProblemEventCity: stepCity, domain.ProblemEventState: stepState, domain.ProblemEventTopics: stepTopics,
	domain.ProblemEventLanguages: stepLangs, domain.ProblemEventCapacity: stepCapacity,
	domain.ProblemEventDeadline: stepDeadline, domain.ProblemEventContact: stepContact, domain.ProblemEventNeeds: stepNeeds,
}

// finish stores the draft (new, or over the draft edited) and shows its
// audience. A field the store refuses is asked again; someone who may no
// longer create events, or a draft published meanwhile, ends the flow
// with a sentence that says so.
func (d Deps) finish(t *engine.Turn) {
	a, ok := t.Actor()
	if !ok {
		return
	}
	draft := draftOf(t, a.ID)
	var e domain.Event
	var err error
	if id, _ := strconv.ParseInt(t.Get(dataEvent), 10, 64); id > 0 {
		e, err = d.Events.UpdateEvent(t.Ctx(), id, a.ID, draft) // the store keeps the event's organiser
	} else {
		e, err = d.Events.CreateEvent(t.Ctx(), draft)
	}
	var bad *domain.EventError
	switch {
	case errors.As(err, &bad) && problemSteps[bad.Problem] != "":
		step := problemSteps[bad.Problem]
		t.Del(step)
		if bad.Problem == domain.ProblemEventPast {
			t.Del(stepEnd)
		}
		t.Note(keyAskAgain, nil)
		t.Advance(false)
		return
	case errors.Is(err, domain.ErrForbidden):
		t.EndFlow()
		t.Note(keyRefused, nil)
		return
	case errors.Is(err, domain.ErrConflict), errors.Is(err, domain.ErrNotFound):
		t.EndFlow()
		t.Note(keyNoDraft, nil)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Log().Info("event draft saved", slog.Int64("event_id", e.ID), slog.Int64("user_id", a.ID))
	t.EndFlow()
	t.Note(keySaved, nil)
	d.audience(t, e, audienceState{}, false)
}

// draftOf is the event the flow's answers give, of organiser (a new
// event's; an update keeps the stored one).
func draftOf(t *engine.Turn, organiser int64) domain.EventDraft {
	loc := t.Location()
	start, _ := engine.ParseDateTime(t.Get(stepStart), loc)
	end, _ := engine.ParseDateTime(t.Get(stepEnd), loc)
	capacity, _ := strconv.Atoi(t.Get(stepCapacity))
	d := domain.EventDraft{OrganiserID: organiser, Title: t.Get(stepTitle), Description: t.Get(stepDesc),
		Start: start, End: end, City: t.Get(stepCity), State: t.Get(stepState), Capacity: capacity,
		Deadline: deadlineOf(t.Get(stepDeadline), loc)}
	if t.Get(stepWhere) == whereOnline {
		d.Link = t.Get(stepPlace)
	} else {
		d.Place = t.Get(stepPlace)
	}
	for _, v := range engine.Values(t.Get(stepTopics)) {
		d.Topics = append(d.Topics, domain.Topic(v))
	}
	d.Languages = engine.Values(t.Get(stepLangs))
	for _, v := range engine.Values(t.Get(stepNeeds)) {
		d.Needs = append(d.Needs, domain.EventNeed(v))
	}
	if c := t.Get(stepContact); c != valueNone {
		d.Contact = c
	}
	return d
}

// answersOf are the flow's answers for draft e.
func answersOf(e domain.Event, t *engine.Turn) map[string]string {
	loc := t.Location()
	m := map[string]string{stepTitle: e.Title, stepDesc: e.Description,
		stepStart: e.Start.In(loc).Format(engine.ISODateTime), stepEnd: e.End.In(loc).Format(engine.ISODateTime),
		stepWhere: wherePlace, stepPlace: e.Place, stepCity: e.City, stepState: e.State,
		stepCapacity: strconv.Itoa(e.Capacity), stepDeadline: valueNone, stepContact: valueNone}
	if e.Link != "" {
		m[stepWhere], m[stepPlace] = whereOnline, e.Link
	}
	if !e.Deadline.IsZero() {
		m[stepDeadline] = engine.CalendarDay(e.Deadline, loc).Format(engine.ISODate)
	}
	if e.Contact != "" {
		m[stepContact] = e.Contact
	}
	list := func(key string, values []string) {
		m[key] = valueNone
		if len(values) > 0 {
			m[key] = strings.Join(values, ",")
		}
	}
	var topics, langs, needs []string
	for _, tp := range e.Topics {
		topics = append(topics, string(tp))
	}
	langs = append(langs, e.Languages...)
	for _, n := range e.Needs {
		needs = append(needs, string(n))
	}
	list(stepTopics, topics)
	list(stepLangs, langs)
	list(stepNeeds, needs)
	return m
}
