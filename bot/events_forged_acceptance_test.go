package bot

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Issue 14, acceptance, through the fake Bot API: forged and replayed
// presses change nothing. Another association presses "Plätze bestätigen"
// of a promotion meant for the association waiting; an advisor who is not
// the organiser presses the organiser's "Absagen" with her own session; a
// confirmation is pressed twice; a "Nein" comes after the start. Each gets
// a polite answer, and the seats, the answers and the event stay as they
// were.
func TestForgedAndLatePressesChangeNothing(t *testing.T) {
	sc := newSeatsScene(t, 3, 1, nil)
	holder, waiter, other := sc.members[0], sc.members[1], sc.members[2]
	sc.yes(0, "1")
	sc.yes(1, "1")
	holder.tap(holder.plain("btn.iv_no", nil))
	offer := waiter.sees("🎟", "Bitte bestätigen Sie")
	confirm := offer.ButtonData(waiter.plain("iv.seat_btn_confirm", nil))
	if !strings.HasPrefix(confirm, "*:iv:c:") {
		t.Fatalf("the promotion's button is %q", confirm)
	}
	before := sc.answer(sc.orgs[1])

	// Another association confirms the waiting one's offer on its own card.
	press(t, other, cardOf(t, other), confirm, other.plain("iv.forbidden", nil))
	if a := sc.answer(sc.orgs[1]); a.Offered != 1 || a.Seats != 0 || !a.OfferUntil.Equal(before.OfferUntil) {
		t.Errorf("the offer after a forged confirmation: %+v", a)
	}
	if a := sc.answer(sc.orgs[2]); a.Reply != "" {
		t.Errorf("the forging association's answer: %+v", a)
	}

	// An advisor who is not the organiser presses "Absagen" of the event
	// with her own session's nonce.
	bora := person{t: t, fake: sc.fake, user: telegramfake.User{ID: 9802, FirstName: "Bora", LastName: "K.", LanguageCode: "de"},
		texts: sc.texts, lang: "de"}
	register(t, sc.store, sc.fake, bora.user, "Bora Kaya", domain.RoleAdvisor, nil)
	bora.say("/veranstaltungen")
	own := bora.sees(bora.plain("ev.mine_empty", nil))
	nonce, _, _ := strings.Cut(own.Buttons[0][0].Data, ":")
	for _, screen := range []string{"evz", "evzz", "evg"} {
		press(t, bora, own, nonce+":m:"+screen+"."+strconv.FormatInt(sc.event.ID, 10), bora.plain("error.forbidden", nil))
	}

	// The waiting association confirms, twice.
	waiter.tap(waiter.plain("iv.seat_btn_confirm", nil))
	await(t, "the confirmed seat", func() bool { return sc.answer(sc.orgs[1]).Seats == 1 })
	press(t, waiter, offer, confirm, waiter.plain("iv.seat_gone", nil))

	// After the start a "Nein" is refused.
	sc.advance(sc.start.Add(time.Minute))
	press(t, waiter, cardOf(t, waiter), cardOf(t, waiter).ButtonData(waiter.plain("btn.iv_no", nil)), waiter.plain("iv.closed", nil))

	if a := sc.answer(sc.orgs[1]); a.Reply != domain.ReplyYes || a.Seats != 1 || a.Offered != 0 {
		t.Errorf("the confirmed association after the forged and late presses: %+v", a)
	}
	if e, err := sc.store.EventByID(t.Context(), sc.event.ID); err != nil || e.Status != domain.EventPublished ||
		e.Sequence != 0 || e.SeatsTaken != 1 {
		t.Errorf("the event after the forged presses: %+v, %v", e, err)
	}
}

// cardOf is p's invitation card as it shows now.
func cardOf(t *testing.T, p person) telegramfake.Message {
	t.Helper()
	for _, m := range p.fake.Messages(p.user.ID) {
		if strings.Contains(m.Text, "📨") {
			return m
		}
	}
	t.Fatalf("%s has no card", p.user.FirstName)
	return telegramfake.Message{}
}

// press presses data on message m as p and waits for the bot's answer
// to the press, which must be the toast want.
func press(t *testing.T, p person, m telegramfake.Message, data, want string) {
	t.Helper()
	from := len(p.fake.Answers())
	p.fake.PressData(p.user, m.ID, data)
	var got string
	await(t, "the answer to "+data, func() bool {
		for _, a := range p.fake.Answers()[from:] {
			if a.UserID == p.user.ID {
				got = a.Text
				return true
			}
		}
		return false
	})
	if got != want {
		t.Errorf("%s pressing %s got %q, want %q", p.user.FirstName, data, got, want)
	}
}
