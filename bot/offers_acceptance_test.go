package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Issue 11, acceptance: twenty advisors press "Annehmen" on the card of
// one seat at the same moment, their presses split across two bot
// instances behind one webhook (each with its own Postgres pool and
// Redis client, as two processes have): exactly one holds the seat and
// sees the accepted card, the nineteen others are told the request is
// taken and their cards close, the request moves to assigned once, and
// the requester and the office are told once.
func TestOfferRaceOneWinnerOnTwoInstances(t *testing.T) {
	r := newOfferRace(t, 20, false)
	r.offerToAll()
	r.pressAll(1)

	toasts := r.toasts()
	if toasts[r.plain("offer.toast_accepted")] != 1 || toasts[r.plain("offer.toast_taken")] != 19 || len(toasts) != 2 {
		t.Fatalf("toasts %v: want one accepted, nineteen taken", toasts)
	}
	winners := r.checkSeats(1)
	r.settle()
	r.checkCards(winners)
	r.checkTold(map[string]int{"offer.to_requester_assigned": 1}, 0)
}

// A tandem has two seats and is assigned only when two different
// advisors hold them: ten advisors tap "Annehmen" twice each (a double
// tap, the two taps may reach different instances); two different
// advisors win, their second taps are told they accepted already, and
// the request is assigned once.
func TestOfferRaceTandemTwoDifferentAdvisors(t *testing.T) {
	r := newOfferRace(t, 10, true)
	r.offerToAll()
	r.pressAll(2)

	toasts := r.toasts()
	if toasts[r.plain("offer.toast_accepted")] != 2 || toasts[r.plain("offer.toast_accepted_already")] != 2 ||
		toasts[r.plain("offer.toast_taken")] != 16 || len(toasts) != 3 {
		t.Fatalf("toasts %v: want two accepted, two accepted already, sixteen taken", toasts)
	}
	winners := r.checkSeats(2)
	r.settle()
	r.checkCards(winners)
	r.checkTold(map[string]int{"offer.to_requester_first_seat": 1, "offer.to_requester_assigned": 1}, 1, 0)
}

// offerRace is one request offered to every advisor of the pool, served
// by two bot instances on one fake Bot API, one database and one Redis
// key space.
type offerRace struct {
	t         *testing.T
	fake      *telegramfake.Server
	store     *storage.Store // the first instance's; the test seeds and reads through it
	proxy     *altProxy
	texts     *engine.Texts
	coord     telegramfake.User
	requester telegramfake.User
	advisors  []telegramfake.User
	req       domain.Request
	cards     map[int64]telegramfake.Message // the card on each advisor's phone
	answers   []telegramfake.CallbackAnswer  // the answers to the advisors' taps
}

// newOfferRace starts the two instances and registers a coordinator, a
// municipal contact of Hattingen and n advisors who all fit the request
// it submits and approves (a tandem when tandem).
func newOfferRace(t *testing.T, n int, tandem bool) *offerRace {
	t.Helper()
	r := &offerRace{t: t, fake: startFake(t), texts: testTexts(t), cards: map[int64]telegramfake.Message{},
		coord:     telegramfake.User{ID: 9501, FirstName: "Jana", LanguageCode: "de"},
		requester: telegramfake.User{ID: 9502, FirstName: "Erika", LanguageCode: "de"}}
	dbURL := storagetest.DatabaseURL(t)
	convA := storagetest.Redis(t, storage.RedisOptions{})
	instances := []struct {
		store *storage.Store
		conv  ConvStore
		addr  string
	}{{openStore(t, dbURL), convA, freeAddr(t)}, {openStore(t, dbURL), storagetest.RedisPeer(t, convA), freeAddr(t)}}
	r.store = instances[0].store
	r.proxy = startAltProxy(t, instances[0].addr, instances[1].addr)
	for _, in := range instances {
		cfg := Config{Token: testToken, APIURL: r.fake.URL(), Mode: "webhook", WebhookListenAddr: in.addr,
			WebhookPublicURL: r.proxy.srv.URL + "/telegram/hook", WebhookSecret: "offer-race-secret",
			Log: slog.New(slog.DiscardHandler)}
		runUntilCleanup(t, newRealBot(t, cfg, in.store, in.conv))
	}
	r.seed(n, tandem)
	return r
}

// openStore opens a Store of its own on the database at url, on the
// test clock, as a second process would.
func openStore(t *testing.T, url string) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), url, storage.WithClock(testNow))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// seed registers everybody straight in the store and submits and
// approves the request.
func (r *offerRace) seed(n int, tandem bool) {
	ctx := context.Background()
	coordID := r.register(r.coord, "Jana Koordination", domain.RoleCoordinator, nil)
	reqID := r.register(r.requester, "Erika Mustermann", domain.RoleMunicipal,
		&domain.MunicipalProfile{Municipality: "Hattingen", State: "NW", Function: "Integrationsbeauftragte"})
	for i := range n {
		u := telegramfake.User{ID: 9600 + int64(i), FirstName: "Berater", LanguageCode: "de"}
		id := r.register(u, fmt.Sprintf("Berater*in %02d", i+1), domain.RoleAdvisor, nil)
		if err := r.store.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: id, City: "Bochum", State: "NW",
			Expertise: []domain.Topic{domain.TopicInterculturalOpening}, Languages: []string{"Türkisch"},
			Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, Reach: "Telefon 0151 2345678"}); err != nil {
			r.t.Fatal(err)
		}
		r.advisors = append(r.advisors, u)
	}
	muns, err := r.store.MunicipalitiesOf(ctx, reqID)
	if err != nil || len(muns) != 1 {
		r.t.Fatalf("municipalities %v: %v", muns, err)
	}
	req, _, err := r.store.SubmitRequest(ctx, domain.RequestDraft{RequesterID: reqID, MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte", Topic: domain.TopicInterculturalOpening,
		Description: "Zwei Workshops mit den Ämtern.", Goal: "Ein Leitbild", Format: domain.FormatOnSite,
		Earliest: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 2, 26, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus Hattingen", Languages: []string{"Türkisch"}, Tandem: tandem, Urgency: domain.UrgencyNormal},
		"offer-race", nil)
	if err != nil {
		r.t.Fatal(err)
	}
	if r.req, err = r.store.Transition(ctx, req.ID, coordID, domain.OpenStatuses, domain.StatusApproved,
		domain.EventStatus, "", nil); err != nil {
		r.t.Fatal(err)
	}
}

// register stores u (who has opened the chat) as a user with role.
func (r *offerRace) register(u telegramfake.User, name string, role domain.Role, m *domain.MunicipalProfile) int64 {
	r.t.Helper()
	return register(r.t, r.store, r.fake, u, name, role, m)
}

// offerToAll has the coordinator open the request's shortlist, select
// every advisor on every page and offer to all at once, through the
// offers feature's real flow; then it takes each advisor's card as the
// outbox delivers it.
func (r *offerRace) offerToAll() {
	r.t.Helper()
	c := r.coord
	r.fake.SendText(c, "/menu")
	menu, err := r.fake.Next(c.ID, 30*time.Second)
	if err != nil {
		r.t.Fatal(err)
	}
	r.fake.PressData(c, menu.ID, r.durable("sl", r.req.ID))
	m := r.newest(c.ID, "the shortlist", func(m telegramfake.Message) bool {
		return strings.Contains(m.Text, r.tr("offer.shortlist_title", map[string]any{"Ref": r.req.Ref}))
	})
	picked := 0
	for {
		for _, label := range labels(m) {
			if !strings.HasPrefix(label, "☐ ") {
				continue
			}
			r.press(c, label)
			picked++
			m = r.newest(c.ID, label+" ticked", hasLabel("☑ "+strings.TrimPrefix(label, "☐ ")))
		}
		if !hasLabel("›")(m) {
			break
		}
		r.press(c, "›")
		m = r.newest(c.ID, "the next page", hasLabelPrefix("☐ "+strconv.Itoa(picked+1)+". "))
	}
	if picked != len(r.advisors) {
		r.t.Fatalf("the shortlist listed %d of %d advisors", picked, len(r.advisors))
	}
	r.press(c, r.plain("btn.offer_picked", map[string]any{"N": picked}))
	r.newest(c.ID, "the mode", hasLabel(r.plain("offer.mode_parallel")))
	r.press(c, r.plain("offer.mode_parallel"))
	r.newest(c.ID, "the summary", hasLabel(r.plain("btn.confirm")))
	r.press(c, r.plain("btn.confirm"))
	sent := r.fixed("offer.sent_parallel", map[string]any{"Ref": r.req.Ref, "N": picked})
	r.newest(c.ID, "the offers sent", func(m telegramfake.Message) bool { return strings.Contains(m.Text, sent) })

	offers := r.offers()
	accept := r.plain("btn.offer_accept")
	for _, a := range r.advisors {
		card, err := r.fake.Next(a.ID, 30*time.Second)
		if err != nil {
			r.t.Fatalf("advisor %d: no card: %v", a.ID, err)
		}
		o, ok := offers[a.ID]
		if !ok || o.Status != domain.OfferOpen || card.ButtonData(accept) != r.durable("ac", o.ID) {
			r.t.Fatalf("advisor %d: offer %+v, card buttons %v", a.ID, o, card.Buttons)
		}
		r.cards[a.ID] = card
	}
}

// pressAll makes every advisor tap "Annehmen" on their card taps times,
// all at the same moment, and waits until every tap is answered. It
// fails unless both instances took some of the taps.
func (r *offerRace) pressAll(taps int) {
	r.t.Helper()
	before := [2]int64{r.proxy.sent[0].Load(), r.proxy.sent[1].Load()}
	from := len(r.fake.Answers())
	accept := r.plain("btn.offer_accept")
	for range taps {
		for _, a := range r.advisors {
			card := r.cards[a.ID]
			r.fake.PressData(a, card.ID, card.ButtonData(accept))
		}
	}
	want := taps * len(r.advisors)
	r.await("every tap answered", func() bool { return len(r.advisorAnswers(from)) == want })
	for i, n := range before {
		if r.proxy.sent[i].Load() == n {
			r.t.Fatalf("instance %d took none of the taps", i+1)
		}
	}
	r.answers = r.advisorAnswers(from)
}

// advisorAnswers returns the answers to advisors' taps from index from of
// the fake's answers on.
func (r *offerRace) advisorAnswers(from int) []telegramfake.CallbackAnswer {
	var out []telegramfake.CallbackAnswer
	for _, a := range r.fake.Answers()[from:] {
		if a.UserID >= r.advisors[0].ID && a.UserID <= r.advisors[len(r.advisors)-1].ID {
			out = append(out, a)
		}
	}
	return out
}
