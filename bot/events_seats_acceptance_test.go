package bot

import (
	"testing"
	"time"
)

// Issue 14, acceptance: 50 associations answer "Ja" for one person each
// at the same moment for an event of 10 seats, through the fake Bot API
// with the real bot, Postgres, Redis and outbox. Exactly 10 seats are
// taken and the other 40 wait in the order their answers came in. A
// "Nein" promotes the first waiting, who confirms in time; the next one
// promoted does not confirm and is passed over when its window ends, and
// the seat goes to the next.
func TestFiftyYesForTenSeats(t *testing.T) {
	sc := newSeatsScene(t, 50, 10, nil)
	for _, p := range sc.members {
		p.tap(p.plain("btn.iv_yes", nil))
	}
	for _, p := range sc.members {
		p.seesButton("1")
	}
	for _, p := range sc.members { // every "1" is pressed before the bot handles the first
		if _, err := p.fake.Press(p.user, "1"); err != nil {
			t.Fatal(err)
		}
	}
	await(t, "50 answers", func() bool { return len(sc.answers()) == 50 })

	answers := sc.answers()
	for i, a := range answers {
		switch {
		case i < 10 && (a.Seats != 1 || a.Offered != 0 || !a.WaitingSince.IsZero()):
			t.Errorf("answer %d (of association %d) holds %d seats, %d offered, waits since %v; want one seat",
				i+1, a.OrganisationID, a.Seats, a.Offered, a.WaitingSince)
		case i >= 10 && (a.Seats != 0 || a.Offered != 0 || a.WaitingSince.IsZero()):
			t.Errorf("answer %d (of association %d) holds %d seats, %d offered; want it waiting",
				i+1, a.OrganisationID, a.Seats, a.Offered)
		case i > 10 && !a.WaitingSince.After(answers[i-1].WaitingSince):
			t.Errorf("answer %d waits since %v, not after answer %d (%v)", i+1, a.WaitingSince, i, answers[i-1].WaitingSince)
		}
	}
	if n := sc.taken(); n != 10 {
		t.Errorf("%d seats taken, want 10", n)
	}
	for _, a := range answers[10:12] {
		card(sc.member(a.OrganisationID), "Fest der Kulturen", "⏳", "Warteliste")
	}

	// A "Nein" promotes the first waiting; it confirms in time.
	first, second, third := answers[10].OrganisationID, answers[11].OrganisationID, answers[12].OrganisationID
	leaving := sc.member(answers[0].OrganisationID)
	leaving.tap(leaving.plain("btn.iv_no", nil))
	p := sc.member(first)
	p.sees("🎟", "Fest der Kulturen", "Bitte bestätigen Sie bis", "25.11.2026") // 24 hours on
	p.tap(p.plain("iv.seat_btn_confirm", nil))
	await(t, "the confirmed seat", func() bool { return sc.answer(first).Seats == 1 })
	card(p, "Fest der Kulturen", "🪑")

	// The next "Nein" promotes the second, who does not confirm: when its
	// window ends, it is passed over and the third is promoted.
	leaving = sc.member(answers[1].OrganisationID)
	leaving.tap(leaving.plain("btn.iv_no", nil))
	await(t, "the second promoted", func() bool { return sc.answer(second).Offered == 1 })
	sc.advance(sc.answer(second).OfferUntil.Add(time.Minute))
	sc.runJobs("event_seats")
	sc.member(second).sees("⌛", "Fest der Kulturen")
	sc.member(third).sees("🎟", "Fest der Kulturen")
	sc.delivered()
	if a := sc.answer(second); a.Reply != "no" || a.Seats+a.Offered != 0 {
		t.Errorf("the association passed over has %+v", a)
	}
	if a := sc.answer(third); a.Offered != 1 {
		t.Errorf("the third waiting has %+v, want one seat offered", a)
	}
	if n := sc.member(second).count("⌛", "Fest der Kulturen"); n != 1 {
		t.Errorf("the association passed over was told %d times", n)
	}
	if n := sc.member(third).count("🎟", "Fest der Kulturen", "Bitte bestätigen Sie"); n != 1 {
		t.Errorf("the third was offered the seat %d times", n)
	}
	if n := sc.taken(); n != 10 {
		t.Errorf("%d seats taken after the promotions, want 10", n)
	}

}

// Issue 14, acceptance: the reminders 48 hours and 2 hours before the
// start reach yes (holding seats) and maybe, once each, with the job run
// on two instances at the same moment, twice; the waitlist gets none.
// "Ich kann doch nicht kommen" in the 2-hour reminder gives the seat to
// the association waiting at once.
func TestEventRemindersOnTwoInstances(t *testing.T) {
	sc := newSeatsScene(t, 3, 1, nil)
	holder, waiter, maybe := sc.members[0], sc.members[1], sc.members[2]
	sc.yes(0, "1")
	sc.yes(1, "1")
	maybe.tap(maybe.plain("btn.iv_maybe", nil))
	await(t, "the maybe", func() bool { return sc.answer(sc.orgs[2]).Reply == "maybe" })
	if a := sc.answer(sc.orgs[1]); a.Waiting() != 1 {
		t.Fatalf("the second yes is %+v, want it waiting", a)
	}

	reminded := func(p person, when string) int { return p.count("⏰", "Fest der Kulturen", when) }
	sc.advance(sc.start.Add(-47 * time.Hour))
	sc.runJobs("event_reminders")
	for _, p := range []person{holder, maybe} {
		p.sees("⏰", "Fest der Kulturen", "übermorgen")
	}
	sc.advance(sc.start.Add(-90 * time.Minute))
	sc.runJobs("event_reminders")
	holder.sees("⏰", "Fest der Kulturen", "in 2 Stunden")
	sc.delivered() // every reminder written is delivered before counting
	for _, c := range []struct {
		p         person
		in48, in2 int
	}{{holder, 1, 1}, {maybe, 1, 0}, {waiter, 0, 0}} {
		if n48, n2 := reminded(c.p, "übermorgen"), reminded(c.p, "in 2 Stunden"); n48 != c.in48 || n2 != c.in2 {
			t.Errorf("%s got %d reminders 48 h before and %d 2 h before, want %d and %d",
				c.p.user.FirstName, n48, n2, c.in48, c.in2)
		}
	}

	holder.tap(holder.plain("iv.rm_btn_cant_come", nil))
	await(t, "the seat given to the waiting association", func() bool {
		a := sc.answer(sc.orgs[1])
		return a.Seats == 1 && a.Waiting() == 0
	})
	waiter.sees("🎟", "Fest der Kulturen", "bekommen") // within the last 2 hours: given at once
	if a := sc.answer(sc.orgs[0]); a.Reply != "no" || a.Seats != 0 {
		t.Errorf("the holder's answer after \"can't come\" is %+v", a)
	}
	if n := sc.taken(); n != 1 {
		t.Errorf("%d seats taken, want 1", n)
	}
}
