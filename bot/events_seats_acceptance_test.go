package bot

import (
	"testing"
)

// Issue 14, acceptance: 50 associations answer "Ja" for one person each
// at the same moment for an event of 10 seats, through the fake Bot API
// with the real bot, Postgres, Redis and outbox. Exactly 10 seats are
// taken and the other 40 wait in the order their answers came in.
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
}
