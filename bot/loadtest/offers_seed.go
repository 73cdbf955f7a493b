package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
)

// Telegram ids of the offer phase: the advisors, the requesters (one per
// request) and the coordinator.
const (
	firstAdvisorID   = 9_500_000_000
	firstRequesterID = 9_600_000_000
	offerCoordID     = 9_700_000_000
)

// offerWorld is what the offer phase seeded: the requests and, per
// request, the advisors it goes to.
type offerWorld struct {
	coord    int64 // users.id
	requests []domain.Request
	advisors [][]telegramfake.User
}

// language is what request i asks for and only its own advisors speak,
// so that its shortlist lists exactly them.
func language(i int) string { return fmt.Sprintf("Lasttest-%03d", i) }

// seedOffers registers, straight in Postgres, a coordinator, and for each
// of cfg.Offers/cfg.OfferGroup requests a municipal contact, the request
// (every second one a tandem), approved, and cfg.OfferGroup advisors with
// profiles that fit it only.
func (b *bench) seedOffers(ctx context.Context, store *storage.Store) (offerWorld, error) {
	n := b.cfg.Offers / b.cfg.OfferGroup
	w := offerWorld{requests: make([]domain.Request, n), advisors: make([][]telegramfake.User, n)}
	coord, err := b.register(ctx, store, offerCoordID, "Lasttest Koordination", domain.RoleCoordinator, nil)
	if err != nil {
		return w, err
	}
	w.coord = coord
	err = runUsers(n, 8, func(i int) error {
		for k := range b.cfg.OfferGroup {
			id := firstAdvisorID + int64(i*b.cfg.OfferGroup+k)
			uid, err := b.register(ctx, store, id, fmt.Sprintf("Berater*in %d", id-firstAdvisorID+1), domain.RoleAdvisor, nil)
			if err != nil {
				return err
			}
			if err := store.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: uid, City: "Bochum", State: "NW",
				Expertise: []domain.Topic{domain.TopicInterculturalOpening}, Languages: []string{language(i)},
				Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, Reach: "Telefon 0151 2345678"}); err != nil {
				return err
			}
			w.advisors[i] = append(w.advisors[i], telegramfake.User{ID: id, FirstName: "Berater", LanguageCode: "de"})
		}
		r, err := b.approvedRequest(ctx, store, i, coord)
		w.requests[i] = r
		return err
	})
	return w, err
}

// register stores the user id (who has opened the chat) with role.
func (b *bench) register(ctx context.Context, store *storage.Store, id int64, name string, role domain.Role,
	m *domain.MunicipalProfile) (int64, error) {
	b.fake.AddUser(telegramfake.User{ID: id, FirstName: "Lasttest", LanguageCode: "de"})
	u, err := store.Register(ctx, domain.Registration{TelegramID: id, ChatID: id, Name: name, Lang: "de",
		ConsentAt: time.Now(), Role: role, Municipal: m}, nil)
	if err != nil {
		return 0, fmt.Errorf("offer phase: register %d: %w", id, err)
	}
	return u.ID, nil
}

// approvedRequest submits request i of a requester of its own and
// approves it as the coordinator coord.
func (b *bench) approvedRequest(ctx context.Context, store *storage.Store, i int, coord int64) (domain.Request, error) {
	uid, err := b.register(ctx, store, firstRequesterID+int64(i), "Lasttest Kommune", domain.RoleMunicipal,
		&domain.MunicipalProfile{Municipality: simMunicipality, State: "NW", Function: simFunction})
	if err != nil {
		return domain.Request{}, err
	}
	muns, err := store.MunicipalitiesOf(ctx, uid)
	if err != nil || len(muns) != 1 {
		return domain.Request{}, fmt.Errorf("offer phase: municipalities of %d: %d, %v", uid, len(muns), err)
	}
	year := time.Now().Year() + 1
	r, _, err := store.SubmitRequest(ctx, domain.RequestDraft{RequesterID: uid, MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: simFunction, Topic: domain.TopicInterculturalOpening,
		Description: "Lasttest: zwei Workshops mit den Ämtern.", Goal: "Ein Leitbild", Format: domain.FormatOnSite,
		Earliest: time.Date(year, 1, 11, 0, 0, 0, 0, time.UTC), Latest: time.Date(year, 2, 26, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus", Languages: []string{language(i)}, Tandem: i%2 == 1, Urgency: domain.UrgencyNormal},
		"loadtest-offer-"+strconv.Itoa(i), nil)
	if err == nil {
		r, err = store.Transition(ctx, r.ID, coord, domain.OpenStatuses, domain.StatusApproved, domain.EventStatus, "", nil)
	}
	if err != nil {
		return r, fmt.Errorf("offer phase: request %d: %w", i, err)
	}
	return r, nil
}

// offerAll has the coordinator offer every request to its advisors at
// once through the offers feature's real flow, as in the chat: the
// request's shortlist ("Anbieten"), every advisor on it ticked, "all at
// once", confirmed. The cards go out through the bot's outbox.
func (b *bench) offerAll(w offerWorld) error {
	coord := telegramfake.User{ID: offerCoordID, FirstName: "Lasttest", LanguageCode: "de"}
	b.fake.SendText(coord, "/menu")
	menu, err := b.fake.Next(coord.ID, b.cfg.ReplyTimeout)
	if err != nil {
		return fmt.Errorf("offer phase: the coordinator's menu: %w", err)
	}
	for _, r := range w.requests {
		data, err := engine.CallbackData("*", "of", "sl", strconv.FormatInt(r.ID, 10))
		if err != nil {
			return err
		}
		b.fake.PressData(coord, menu.ID, data)
		m, err := b.newest(coord.ID, "the shortlist of "+r.Ref, func(m telegramfake.Message) bool {
			return strings.Contains(m.Text, r.Ref) && hasButton(m, "☐ 1. ")
		})
		for k := 1; err == nil && k <= b.cfg.OfferGroup; k++ {
			label := buttonWith(m, fmt.Sprintf("☐ %d. ", k))
			m, err = b.pressFor(coord, label, "☑"+strings.TrimPrefix(label, "☐"))
		}
		steps := []struct{ press, next string }{
			{b.sim.plain("btn.offer_picked", map[string]any{"N": b.cfg.OfferGroup}), b.sim.plain("offer.mode_parallel", nil)},
			{b.sim.plain("offer.mode_parallel", nil), b.sim.plain("btn.confirm", nil)},
		}
		for _, s := range steps {
			if err == nil {
				_, err = b.pressFor(coord, s.press, s.next)
			}
		}
		if err == nil {
			_, err = b.fake.Press(coord, b.sim.plain("btn.confirm", nil))
		}
		sent, _, _ := strings.Cut(b.sim.tr("offer.sent_parallel", map[string]any{"Ref": r.Ref, "N": b.cfg.OfferGroup,
			"Deadline": "\x00"}), "\x00")
		if err == nil {
			_, err = b.newest(coord.ID, "the offers of "+r.Ref+" sent", func(m telegramfake.Message) bool {
				return strings.Contains(m.Text, sent)
			})
		}
		if err != nil {
			return fmt.Errorf("offer phase: offering %s: %w", r.Ref, err)
		}
	}
	return nil
}

// pressFor makes u press label and waits until the newest message shows
// a button labelled next.
func (b *bench) pressFor(u telegramfake.User, label, next string) (telegramfake.Message, error) {
	if _, err := b.fake.Press(u, label); err != nil {
		return telegramfake.Message{}, err
	}
	return b.newest(u.ID, "the button "+next, func(m telegramfake.Message) bool { return buttonWith(m, next) == next })
}

// newest waits, up to the reply timeout, until the newest message of chat
// satisfies ok, and returns it.
func (b *bench) newest(chat int64, what string, ok func(telegramfake.Message) bool) (telegramfake.Message, error) {
	deadline := time.Now().Add(b.cfg.ReplyTimeout)
	for {
		msgs := b.fake.Messages(chat)
		if n := len(msgs); n > 0 && ok(msgs[n-1]) {
			return msgs[n-1], nil
		}
		if time.Now().After(deadline) {
			return telegramfake.Message{}, fmt.Errorf("chat %d: no %s within %s", chat, what, b.cfg.ReplyTimeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// buttonWith returns the label of m's first button that begins with
// prefix, "" if none.
func buttonWith(m telegramfake.Message, prefix string) string {
	for _, row := range m.Buttons {
		for _, btn := range row {
			if strings.HasPrefix(btn.Text, prefix) {
				return btn.Text
			}
		}
	}
	return ""
}

// hasButton reports whether m has a button whose label begins with prefix.
func hasButton(m telegramfake.Message, prefix string) bool { return buttonWith(m, prefix) != "" }
