package bot

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// seatsScene is an event of the city's programme published through the
// chat to associations of one member each, with the bot, its engine and
// a clock the test moves.
type seatsScene struct {
	t         *testing.T
	fake      *telegramfake.Server
	store     *storage.Store
	eng       *engine.Engine
	twin      *engine.Engine // a second instance on the same store and Bot API, for jobs
	clock     *shiftClock
	texts     *engine.Texts
	organiser person
	members   []person // the one member of each association, in the order registered
	orgs      []int64  // the associations' ids, as members
	event     domain.Event
	start     time.Time
}

// seatsStart is when the scene's event starts: Saturday 12.12.2026, 18:00
// in Berlin, for two hours.
var seatsStart = func() time.Time {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	return time.Date(2026, 12, 12, 18, 0, 0, 0, berlin)
}()

// newSeatsScene registers an advisor who organises "Fest der Kulturen" in
// Dortmund for capacity persons (0: no limit) with draft's changes, and n
// associations of culture in Dortmund with one member each (the k-th
// member's language is langOf(k), nil: German), and publishes the event
// to all of them through the chat.
func newSeatsScene(t *testing.T, n, capacity int, langOf func(k int) string) *seatsScene {
	t.Helper()
	sc := &seatsScene{t: t, fake: startFake(t), clock: &shiftClock{}, start: seatsStart}
	sc.store = storagetest.Store(t, storage.WithClock(sc.clock.now))
	cfg := Config{Token: testToken, APIURL: sc.fake.URL(), PollTimeout: time.Second, Clock: sc.clock.now,
		Log: slog.New(slog.DiscardHandler)}
	build := func(m engine.Messenger) (Engine, error) {
		var err error
		for _, e := range []**engine.Engine{&sc.eng, &sc.twin} {
			if *e, err = flows.New(flows.Config{Stores: sc.store, Messenger: m, Clock: cfg.Clock, Log: cfg.Log}); err != nil {
				return nil, err
			}
		}
		return sc.eng, nil
	}
	b, err := New(cfg, sc.store, storagetest.Redis(t, storage.RedisOptions{}), build)
	if err != nil {
		t.Fatal(err)
	}
	runUntilCleanup(t, b)
	sc.texts = testTexts(t)
	at := func(id int64, name, lang string) person {
		return person{t: t, fake: sc.fake, user: telegramfake.User{ID: id, FirstName: name, LastName: "M.", LanguageCode: lang},
			texts: sc.texts, lang: lang}
	}
	sc.organiser = at(9801, "Aylin", "de")
	organiserID := register(t, sc.store, sc.fake, sc.organiser.user, "Aylin Demir", domain.RoleAdvisor, nil)
	for k := range n {
		lang := "de"
		if langOf != nil {
			lang = langOf(k)
		}
		p := at(int64(20000+k), fmt.Sprintf("Mitglied%02d", k), lang)
		sc.members = append(sc.members, p)
		sc.orgs = append(sc.orgs, association(t, sc.store, sc.fake, domain.OrganisationProfile{
			Name: fmt.Sprintf("Verein %02d", k), City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicCulture}, InviteLang: lang}, p.user))
	}
	ev, err := sc.store.CreateEvent(context.Background(), domain.EventDraft{OrganiserID: organiserID,
		Title: "Fest der Kulturen", Description: "Musik, Essen und Begegnung.", Start: sc.start,
		End: sc.start.Add(2 * time.Hour), Place: "Westfalenpark, Dortmund", City: "Dortmund", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture}, Capacity: capacity})
	if err != nil {
		t.Fatal(err)
	}
	o := sc.organiser
	o.say("/veranstaltungen")
	o.tap(o.plain("ev.list_entry", map[string]any{"Title": ev.Title, "Date": "12.12.2026", "Draft": true}))
	o.tap(o.plain("btn.ev_audience", nil))
	o.tap(o.plain("btn.ev_invite", map[string]any{"Members": n}))
	o.sees(sc.texts.T("de", "ev.published", map[string]any{"Title": ev.Title, "Members": n, "Orgs": n}))
	for _, p := range sc.members {
		p.seesButton(p.plain("btn.iv_yes", nil))
	}
	if sc.event, err = sc.store.EventByID(context.Background(), ev.ID); err != nil {
		t.Fatal(err)
	}
	return sc
}

// yes answers "Ja" for persons as the member of association k, through
// the card and the persons' buttons, and waits until it is stored.
func (sc *seatsScene) yes(k int, persons string) {
	sc.t.Helper()
	p := sc.members[k]
	p.tap(p.plain("btn.iv_yes", nil))
	p.tap(persons)
	await(sc.t, p.user.FirstName+"'s yes", func() bool { return sc.answer(sc.orgs[k]).Reply == domain.ReplyYes })
}

// answers are the associations' answers to the scene's event, in the
// order the store stamped them.
func (sc *seatsScene) answers() []domain.OrgAnswer {
	sc.t.Helper()
	all, err := sc.store.AnswersOf(context.Background(), sc.event.ID)
	if err != nil {
		sc.t.Fatal(err)
	}
	all = slices.DeleteFunc(all, func(a domain.OrgAnswer) bool { return a.Reply == "" })
	slices.SortFunc(all, func(a, b domain.OrgAnswer) int { return a.AnsweredAt.Compare(b.AnsweredAt) })
	return all
}

// answer is association org's answer.
func (sc *seatsScene) answer(org int64) domain.OrgAnswer {
	sc.t.Helper()
	return answerOf(sc.t, sc.store, sc.event.ID, org)
}

// member is the member of association org.
func (sc *seatsScene) member(org int64) person {
	sc.t.Helper()
	i := slices.Index(sc.orgs, org)
	if i < 0 {
		sc.t.Fatalf("no association %d", org)
	}
	return sc.members[i]
}

// runJobs runs job name on both instances at the same moment, twice, as
// two schedulers whose locks failed would.
func (sc *seatsScene) runJobs(name string) {
	sc.t.Helper()
	for range 2 {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, e := range []*engine.Engine{sc.eng, sc.twin} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = jobOf(sc.t, e, name)(context.Background())
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				sc.t.Fatal(err)
			}
		}
	}
}

// jobOf is job name of e.
func jobOf(t *testing.T, e *engine.Engine, name string) func(context.Context) error {
	t.Helper()
	for _, j := range e.Jobs() {
		if j.Name == name {
			return j.Run
		}
	}
	t.Fatalf("no job %q", name)
	return nil
}

// delivered waits until the outbox has sent everything written.
func (sc *seatsScene) delivered() {
	sc.t.Helper()
	await(sc.t, "an empty outbox", func() bool {
		n, err := sc.store.PendingOutbox(context.Background())
		return err == nil && n == 0
	})
}

// advance moves the clock on to at once the outbox has sent everything:
// a message in flight would outlive its lease when the clock jumps, and
// be sent again, as after a crash.
func (sc *seatsScene) advance(at time.Time) {
	sc.t.Helper()
	sc.delivered()
	sc.clock.to(sc.t, at)
}

// taken is the seats the store counts as taken.
func (sc *seatsScene) taken() int {
	sc.t.Helper()
	e, err := sc.store.EventByID(context.Background(), sc.event.ID)
	if err != nil {
		sc.t.Fatal(err)
	}
	return e.SeatsTaken
}
