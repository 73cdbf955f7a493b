package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Issue 12, acceptance, end to end through the fake Bot API with the real
// bot, engine, Postgres, Redis and outbox, time moved by the clock: from
// an accepted offer the advisor proposes two dates, the contact picks
// one, both get the calendar file, the 24 h and 2 h reminders arrive once
// each (the job runs twice each time), the advisor reports 3 h
// preparation, 4 h on site and 120 km, the contact confirms and rates 5,
// the coordinator's CSV of that month holds exactly that line, and the
// request is closed.
func TestFromAcceptedOfferToBilling(t *testing.T) {
	fake := startFake(t)
	clock := &shiftClock{}
	store := storagetest.Store(t, storage.WithClock(clock.now))
	coordUser := telegramfake.User{ID: 9701, FirstName: "Jana", LanguageCode: "de"}
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Clock: clock.now,
		Coordinators: []int64{coordUser.ID}, Log: slog.New(slog.DiscardHandler)}
	eng := runBotWithFeature(t, cfg, store, func(*engine.Registry) {})
	texts := testTexts(t)
	at := func(u telegramfake.User) person { return person{t: t, fake: fake, user: u, texts: texts, lang: "de"} }
	coord, muni := at(coordUser), at(telegramfake.User{ID: 9702, FirstName: "Erika", LanguageCode: "de"})
	aylin := at(telegramfake.User{ID: 9703, FirstName: "Aylin", LanguageCode: "de"})
	req := acceptedOffer(t, store, fake, coord, muni, aylin)
	ref := map[string]any{"Ref": req.Ref}

	// The advisor proposes two dates; the contact picks the first.
	aylin.say("/termine")
	aylin.tap(aylin.plain("btn.ap_propose", ref))
	aylin.say("02.12.2026 14:00")
	aylin.tap(aylin.plain("btn.ap_2h", nil))
	aylin.tap("Rathaus Hattingen")
	aylin.tap(aylin.plain("btn.ap_more", nil))
	aylin.say("03.12.2026 10:00")
	aylin.tap(aylin.plain("btn.ap_1h", nil))
	aylin.tap("Rathaus Hattingen")
	aylin.tap(aylin.plain("btn.ap_no_more", nil))
	aylin.tap(aylin.plain("btn.confirm", nil))
	muni.sees("Terminvorschlag für " + req.Ref)
	muni.tap("1. Mi, 02.12.2026, 14:00–16:00 Uhr")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 12, 2, 14, 0, 0, 0, berlin)
	for _, p := range []person{aylin, muni} {
		p.sees("Termin vereinbart (" + req.Ref + ")")
		await(t, "the calendar file", func() bool { return len(p.documents(".ics")) == 1 })
		checkCalendar(t, p.documents(".ics")[0], start)
	}

	// The reminders, once each, with the job run twice each time.
	reminders := func(key string) {
		for range 2 {
			runJob(t, eng, "appointments")
		}
		for _, p := range []person{aylin, muni} {
			line, _, _ := strings.Cut(texts.T("de", key, map[string]any{"Ref": req.Ref, "When": "", "Where": ""}), ",")
			p.sees(line, req.Ref)
			if n := p.count(line, req.Ref); n != 1 {
				t.Errorf("chat %d has %d reminders %q", p.user.ID, n, line)
			}
		}
	}
	clock.to(t, start.Add(-23*time.Hour))
	reminders("ap.reminder_24h")
	clock.to(t, start.Add(-90*time.Minute))
	reminders("ap.reminder_2h")

	// The day after, the advisor reports.
	clock.to(t, start.Add(20*time.Hour))
	aylin.writeReport(req.Ref, "Zwei Workshops mit den Ämtern, Leitbild entworfen.")
	aylin.sees("Ihr Bericht zu "+req.Ref, "Vorbereitung:</b> 3 h", "120 km")
	aylin.tap(aylin.plain("btn.confirm", nil))

	// The contact confirms in one tap and rates 5.
	muni.sees("Bericht zu "+req.Ref, "= <b>7 h</b>", "120 km × 0,30 € = 36,00 €")
	muni.tap(muni.plain("btn.rp_confirm", nil))
	muni.sees("Wie zufrieden waren Sie?")
	coord.sees("Bericht bestätigt: "+req.Ref, "Aylin Demir")
	muni.tap("★★★★★")
	muni.tap(muni.plain("btn.rp_no_comment", nil))
	muni.sees("Danke für Ihre Bewertung")
	aylin.sees("ist geschlossen", "★★★★★")
	if r, err := store.RequestByID(context.Background(), req.ID); err != nil || r.Status != domain.StatusClosed {
		t.Fatalf("request %s: %v, want closed", r.Status, err)
	}

	// The coordinator's CSV of December holds exactly that line.
	coord.say("/abrechnung")
	coord.tap("Dezember 2026")
	coord.tap(coord.plain("btn.billing_excel", nil))
	await(t, "the billing CSV", func() bool { return len(coord.documents("abrechnung-2026-12.csv")) == 1 })
	rows := parseExcelCSV(t, coord.documents("abrechnung-2026-12.csv")[0].Data)
	if len(rows) != 2 {
		t.Fatalf("the CSV has %d rows, want the header and one line: %q", len(rows), rows)
	}
	want := []string{"Aylin Demir", req.Ref, "Hattingen", "02.12.2026", "1", "", "3,00", "4,00", "0,00", "120", "36,00", "0,00",
		"03.12.2026 10:00", "Erika Mustermann"}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("the CSV line is\n%q\nwant\n%q", rows[1], want)
	}
}

// writeReport has the advisor write the report on ref as far as its
// summary: the appointment's day (Wed, 2.12.2026), 3 h preparation, 4 h on
// site, none after, 120 km, no other costs, and note.
func (p person) writeReport(ref, note string) {
	p.t.Helper()
	p.say("/bericht")
	p.tap(p.plain("btn.rp_write_ref", map[string]any{"Ref": ref}))
	p.tap("Mi, 02.12.2026")
	p.tap(p.plain("btn.done", map[string]any{"N": 1}))
	p.tap("3")
	p.tap("4")
	p.tap("0")
	p.tap(p.plain("btn.rp_travel_km", map[string]any{"Rate": "0,30 €"}))
	p.say("120")
	p.tap(p.plain("btn.rp_none", nil))
	p.say(note)
}

// acceptedOffer registers the coordinator, the contact of Hattingen and
// the advisor, submits and approves a request and offers it to the
// advisor, who accepts on the card through the chat.
func acceptedOffer(t *testing.T, store *storage.Store, fake *telegramfake.Server, coord, muni, advisor person) domain.Request {
	t.Helper()
	ctx := context.Background()
	coordID := register(t, store, fake, coord.user, "Jana Koordination", domain.RoleCoordinator, nil)
	muniID := register(t, store, fake, muni.user, "Erika Mustermann", domain.RoleMunicipal,
		&domain.MunicipalProfile{Municipality: "Hattingen", State: "NW", Function: "Integrationsbeauftragte"})
	advisorID := register(t, store, fake, advisor.user, "Aylin Demir", domain.RoleAdvisor, nil)
	muns, err := store.MunicipalitiesOf(ctx, muniID)
	if err != nil || len(muns) != 1 {
		t.Fatalf("municipalities %v: %v", muns, err)
	}
	req, _, err := store.SubmitRequest(ctx, domain.RequestDraft{RequesterID: muniID, MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte", Topic: domain.TopicInterculturalOpening,
		Description: "Wir möchten unsere Verwaltung interkulturell öffnen und suchen Begleitung für zwei Workshops.",
		Goal:        "Ein Leitbild", Format: domain.FormatOnSite, Place: "Rathaus Hattingen", Urgency: domain.UrgencyNormal,
		Earliest: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 1, 29, 0, 0, 0, 0, time.UTC)}, "acc-12", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Transition(ctx, req.ID, coordID, []domain.Status{domain.StatusSubmitted}, domain.StatusApproved,
		domain.EventStatus, "", nil); err != nil {
		t.Fatal(err)
	}
	// The card as the offers feature sends it is its tests' business: here
	// it is the accept button alone.
	card := func(ch domain.OfferChange) []domain.Notification {
		data, err := engine.CallbackData("*", "of", "ac", strconv.FormatInt(ch.Opened[0].ID, 10))
		if err != nil {
			t.Fatal(err)
		}
		return []domain.Notification{{ChatID: advisor.user.ID, Message: domain.Message{Text: "Angebot " + req.Ref,
			Buttons: [][]domain.Button{{{Label: advisor.plain("btn.offer_accept", nil), Data: data}}}}}}
	}
	if _, err := store.StartOffers(ctx, domain.OfferPlan{RequestID: req.ID, CoordinatorID: coordID, Mode: domain.ModeParallel,
		Advisors: []int64{advisorID}, Window: 48 * time.Hour}, card); err != nil {
		t.Fatal(err)
	}
	advisor.tap(advisor.plain("btn.offer_accept", nil))
	await(t, "the seat taken", func() bool {
		r, err := store.RequestByID(ctx, req.ID)
		return err == nil && r.Status == domain.StatusAssigned
	})
	return req
}

// checkCalendar parses doc with an independent parser and checks its one
// event starts at start.
func checkCalendar(t *testing.T, doc *telegramfake.Document, start time.Time) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(doc.Data)).Decode()
	if err != nil {
		t.Fatalf("the calendar file does not parse: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events in the calendar file", len(events))
	}
	got, err := events[0].DateTimeStart(nil)
	if err != nil || !got.Equal(start) {
		t.Errorf("the event starts %v (%v), want %v", got, err, start)
	}
}

// parseExcelCSV reads a CSV of the German Excel dialect: a byte order
// mark, then ";" between fields.
func parseExcelCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	body, ok := bytes.CutPrefix(data, []byte("\uFEFF"))
	if !ok {
		t.Fatal("the CSV lacks the byte order mark Excel needs")
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return rows
}
