package storage_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The erasure of an association's only member invited deletes the
// member's invitation, not the association's answer: the organiser's
// figures, the answers' list and the statistics still count the
// association as invited (no negative "without answer", no answer rate
// over 100 %).
func TestAnAnswerOutlivesTheErasureOfItsMember(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newEvWorld(t)
	e, orgs, members := w.seated(t, 0, domain.EventSeating{}, 2)
	w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 2)
	if _, err := w.st.EraseUser(ctx, members[0]); err != nil {
		t.Fatalf("erase: %v", err)
	}
	c, err := w.st.Counts(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Organisations != 2 || c.Members != 1 || c.Yes != 1 || c.NoAnswer != 1 {
		t.Errorf("figures after the erasure: %d associations, %d members, %d yes, %d without answer; want 2, 1, 1, 1",
			c.Organisations, c.Members, c.Yes, c.NoAnswer)
	}
	if a := w.answer(t, e, orgs[0]); a.Reply != domain.ReplyYes || a.Persons != 2 {
		t.Errorf("the association's answer in the list: %+v", a)
	}
	st, err := w.st.Statistics(ctx, e.Start.AddDate(-1, 0, 0), e.Start.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if st.Events.Invited != 2 || st.Events.Answered != 1 {
		t.Errorf("statistics: %d invited, %d answered; want 2, 1", st.Events.Invited, st.Events.Answered)
	}
}
