package erasure_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// /loeschen leaves no personal data of the user in any table or Redis key
// except the locked billing rows, which keep only what billing needs; the
// purge removes those after the period.
func TestEraseLeavesNothingButTheLockedBillingRecord(t *testing.T) {
	s := build(t)
	h := s.h
	ctx := context.Background()
	tg := strconv.FormatInt(zeynep.ID, 10)
	if found := h.ScanDatabase(append(secrets, tg)); len(found) == 0 {
		t.Fatal("the scene holds none of Zeynep's data: the scan cannot see")
	}
	if found := h.ScanRedis([]string{tg}); len(found) == 0 {
		t.Fatal("Redis holds no key of Zeynep's chat before: the scan cannot see")
	}

	h.Send(zeynep, "/loeschen")
	h.Expect(zeynep, h.Tr("de", "erase.prompt", nil),
		h.Tr("de", "erase.requests", map[string]any{"Count": 1, "Refs": s.own.Ref}),
		h.Tr("de", "erase.open", map[string]any{"Refs": s.own.Ref}),
		h.Tr("de", "erase.offers", map[string]any{"Refs": s.offered.Ref}),
		h.Tr("de", "erase.seats", map[string]any{"Refs": s.seated.Ref}),
		h.Tr("de", "erase.answer", map[string]any{"Org": "Brückenverein Hattingen", "Title": "Fest der Nachbarschaft"}),
		h.Tr("de", "erase.unconfirmed", map[string]any{"Refs": s.seated.Ref}),
		h.Tr("de", "erase.billing", map[string]any{"Refs": s.seated.Ref, "Until": billingTo}))
	h.Press(zeynep, "Ja, alles löschen")
	h.Expect(zeynep, h.Tr("de", "erase.done_billing", map[string]any{"Until": billingTo}))
	h.Deliver()

	found := h.ScanDatabase(append(secrets, tg))
	if got := found["billing_records"]; !slices.Equal(got, []string{zName, "Quastenberg"}) {
		t.Errorf("billing_records hold %q, want the name as billed only", got)
	}
	delete(found, "billing_records")
	for table, what := range found {
		t.Errorf("table %s still holds %q", table, what)
	}
	for key, what := range h.ScanRedis(append(secrets, tg)) {
		t.Errorf("redis key %q holds %q", key, what)
	}

	// What billing needs is kept, locked; the figures stay in the report.
	h.Exec(`DO $$ BEGIN IF (SELECT count(*) FROM billing_records WHERE locked_until = '2034-12-31' AND km = 40
		AND prep_minutes = 60 AND session_minutes = 120) <> 1 THEN RAISE EXCEPTION 'billing record'; END IF; END $$`)
	reps, err := h.DB.ReportsOf(ctx, s.seated.ID)
	if err != nil || len(reps) != 1 || reps[0].Status != domain.ReportConfirmed || reps[0].Km != 40 || reps[0].Note != "" {
		t.Errorf("reports after erasure: %+v, %v", reps, err)
	}
	// The request is the municipality's: kept, without her contact.
	own, err := h.DB.RequestByID(ctx, s.own.ID)
	if err != nil || own.Description != s.own.Description || own.ContactReach != "" {
		t.Errorf("own request after erasure: %+v, %v", own, err)
	}

	n, err := h.DB.PurgeBillingRecords(ctx, time.Date(2034, 12, 31, 22, 0, 0, 0, time.UTC))
	if err != nil || n != 0 {
		t.Errorf("purge on the last day (Berlin) removed %d, %v", n, err)
	}
	if n, err = h.DB.PurgeBillingRecords(ctx, time.Date(2034, 12, 31, 23, 30, 0, 0, time.UTC)); err != nil || n != 1 {
		t.Errorf("purge after the period removed %d, %v; want 1", n, err)
	}
	for table, what := range h.ScanDatabase(append(secrets, tg)) {
		t.Errorf("after the purge table %s holds %q", table, what)
	}

	// A later /start begins from scratch: a new row.
	again := flowstest.Municipal
	again.Lang, again.Name = "de", "Zeynep Neu"
	h.Register(zeynep, again)
	if id := h.UserID(zeynep); id == s.zID {
		t.Errorf("registered again on the erased row %d", id)
	}
}

// Others are told: the requester side and the office of the seat given
// back, the office of the offer withdrawn, the organiser of the answer
// withdrawn (its seats go to the waitlist); the request is offered again.
func TestEraseTellsThoseConcerned(t *testing.T) {
	s := build(t)
	h := s.h
	ctx := context.Background()
	// A second association waits for the seats of Zeynep's on a full event.
	kofi := person{ID: 7301}
	h.Register(kofi, func() flowstest.Answers { a := flowstest.Organisation; a.Lang = "de"; return a }())
	_, orgs, err := h.DB.Profiles(ctx, h.UserID(kofi))
	if err != nil || len(orgs) != 1 {
		t.Fatalf("kofi's association: %v, %v", orgs, err)
	}
	full, err := h.DB.CreateEvent(ctx, eventDraft(s.bID, "Volles Haus", 2, ""))
	if err == nil {
		_, err = h.DB.Publish(ctx, full.ID, s.bID, []int64{s.orgID, orgs[0].ID}, nil)
	}
	for _, a := range []struct {
		user, org int64
	}{{s.zID, s.orgID}, {h.UserID(kofi), orgs[0].ID}} {
		if err == nil {
			_, err = h.DB.Answer(ctx, a.user, domain.OrgAnswer{EventID: full.ID, OrganisationID: a.org, Reply: domain.ReplyYes, Persons: 2}, nil)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	h.DrainOutbox()
	h.Send(zeynep, "/loeschen")
	h.Press(zeynep, "Ja, alles löschen")
	texts := map[int64][]string{}
	for _, m := range h.DrainOutbox() {
		texts[m.ChatID] = append(texts[m.ChatID], m.Message.Text)
	}
	has := func(p person, want string) {
		t.Helper()
		for _, txt := range texts[p.ID] {
			if strings.Contains(txt, want) {
				return
			}
		}
		t.Errorf("chat %d got %q, want %q", p.ID, texts[p.ID], want)
	}
	has(erika, h.Tr("de", "erase.requester_seat", map[string]any{"Ref": s.seated.Ref}))
	has(coord, h.Tr("de", "erase.office_seat", map[string]any{"Ref": s.seated.Ref}))
	has(coord, h.Tr("de", "erase.office_offers", map[string]any{"Refs": s.offered.Ref}))
	has(bora, h.Tr("de", "erase.organiser_answer", map[string]any{"Org": "Brückenverein Hattingen", "Title": "Fest der Nachbarschaft"}))
	if len(texts[zeynep.ID]) != 0 {
		t.Errorf("the erased chat got %q", texts[zeynep.ID])
	}
	if r, err := h.DB.RequestByID(ctx, s.seated.ID); err != nil || r.Status != domain.StatusMatching {
		t.Errorf("seated request after erasure: %s, %v", r.Status, err)
	}
	if o, err := h.DB.OfferByID(ctx, s.offerID); err != nil || o.Status != domain.OfferWithdrawn {
		t.Errorf("offer after erasure: %s, %v", o.Status, err)
	}
	if e, err := h.DB.EventByID(ctx, s.event.ID); err != nil || e.SeatsTaken != 0 {
		t.Errorf("event after erasure: %d seats taken, %v", e.SeatsTaken, err)
	}
	// The waiting association is offered the seats and told.
	answers, err := h.DB.AnswersOf(ctx, full.ID)
	offered := slices.ContainsFunc(answers, func(a domain.OrgAnswer) bool { return a.OrganisationID == orgs[0].ID && a.Offered == 2 })
	if err != nil || !offered {
		t.Errorf("answers of the full event after erasure: %+v, %v; want the waiting association offered 2 seats", answers, err)
	}
	has(kofi, "Volles Haus")
}

// An organiser's upcoming published event is cancelled: every invitee is
// told.
func TestEraseCancelsTheOrganisersEvent(t *testing.T) {
	s := build(t)
	h := s.h
	e := s.publish(bora, "Bora lädt ein", 0)
	h.DrainOutbox()
	h.Send(bora, "/loeschen")
	h.Expect(bora, h.Tr("de", "erase.events", map[string]any{"Titles": "„Fest der Nachbarschaft“, „Bora lädt ein“"}))
	h.Press(bora, "Ja, alles löschen")
	var told bool
	for _, m := range h.DrainOutbox() {
		if m.ChatID == zeynep.ID && strings.Contains(m.Message.Text, "Bora lädt ein") {
			told = true
		}
	}
	if !told {
		t.Error("the invitee was not told of the cancellation")
	}
	if got, err := h.DB.EventByID(context.Background(), e.ID); err != nil || got.Status != domain.EventCancelled {
		t.Errorf("event after the organiser's erasure: %s, %v", got.Status, err)
	}
}

// In English; "No" changes nothing; a replayed confirmation changes
// nothing.
func TestEraseInEnglishNoAndReplay(t *testing.T) {
	s := build(t)
	h := s.h
	ctx := context.Background()
	h.Send(zeynep, "/language")
	h.Press(zeynep, "English")
	h.Send(zeynep, "/delete")
	h.Expect(zeynep, h.Tr("en", "erase.prompt", nil), h.Tr("en", "erase.unconfirmed", map[string]any{"Refs": s.seated.Ref}),
		h.Tr("en", "erase.billing",
			map[string]any{"Refs": s.seated.Ref, "Until": "31 Dec 2034"}))
	h.Press(zeynep, "No, keep it")
	h.Expect(zeynep, h.Tr("en", "erase.kept", nil))
	if _, err := h.User(zeynep); err != nil {
		t.Fatalf("user gone after No: %v", err)
	}
	if o, err := h.DB.OfferByID(ctx, s.offerID); err != nil || o.Status != domain.OfferOpen {
		t.Errorf("offer after No: %s, %v", o.Status, err)
	}

	h.Send(zeynep, "/delete")
	id, data := h.Find(zeynep, "Yes, delete everything")
	h.PressData(zeynep, id, data)
	h.Expect(zeynep, h.Tr("en", "erase.done_billing", map[string]any{"Until": "31 Dec 2034"}))
	h.DrainOutbox()
	h.PressStale(zeynep, id, data) // the replay: no flow, nothing erased twice, nobody told
	if out := h.DrainOutbox(); len(out) != 0 {
		t.Errorf("the replay sent %d messages", len(out))
	}
	if _, err := h.DB.EraseUser(ctx, s.zID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("erasing again: %v, want ErrNotFound", err)
	}
}
