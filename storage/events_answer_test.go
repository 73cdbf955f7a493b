package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// published is an event published to the three Dortmund associations of
// fourOrgs, with the orgs and members.
func (w *evWorld) published(t *testing.T) (domain.Event, []int64, [][]int64) {
	t.Helper()
	orgs, members := w.fourOrgs(t)
	e := w.create(t)
	if _, err := w.st.Publish(context.Background(), e.ID, w.organiser.ID, orgs[:3], card); err != nil {
		t.Fatalf("publish: %v", err)
	}
	return e, orgs, members
}

// answerRows returns the answer rows and the outbox rows.
func (w *evWorld) answerRows(t *testing.T) [2]int {
	t.Helper()
	return [2]int{w.count(t, `SELECT count(*) FROM event_answers`), w.count(t, `SELECT count(*) FROM outbox`)}
}

func TestAnswersAreSharedByTheAssociationAndCounted(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.published(t)

	yes := domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyYes, Persons: 3,
		Needs: []domain.EventNeed{domain.NeedInterpreting}, Interpreting: "Arabisch"}
	ch, err := w.st.Answer(ctx, members[0][0], yes, cardsUpdated)
	if err != nil || ch.Previous.Reply != "" || ch.Answer.Reply != domain.ReplyYes || ch.Answer.AnsweredBy != members[0][0] ||
		ch.Answer.OrganisationName != "Kulturverein Brücke e.V." || len(ch.Members) != 2 {
		t.Fatalf("yes: %+v, %v", ch, err)
	}
	for _, a := range []struct {
		org, user int64
		reply     domain.EventReply
	}{{orgs[1], members[1][1], domain.ReplyMaybe}, {orgs[2], members[2][0], domain.ReplyNo}} {
		if _, err := w.st.Answer(ctx, a.user, domain.OrgAnswer{EventID: e.ID, OrganisationID: a.org, Reply: a.reply}, nil); err != nil {
			t.Fatalf("%s: %v", a.reply, err)
		}
	}
	want := domain.EventCounts{Organisations: 3, Members: 6, Yes: 1, Persons: 3, Maybe: 1, No: 1,
		Needs: map[domain.EventNeed]int{domain.NeedInterpreting: 1, domain.NeedChildcare: 0, domain.NeedStepFree: 0}}
	w.assertCounts(t, e.ID, want)

	// The second member of the "yes" association sees the answer and
	// changes it to 2 persons: both members' cards follow.
	up, _, err := w.st.InvitationsFor(ctx, members[0][1])
	if err != nil || len(up) != 1 || up[0].Answer.Reply != domain.ReplyYes || up[0].Answer.Persons != 3 ||
		up[0].Answer.Interpreting != "Arabisch" || up[0].Event.ID != e.ID {
		t.Fatalf("invitations of the second member: %+v, %v", up, err)
	}
	before := w.answerRows(t)
	yes.Persons = 2
	ch, err = w.st.Answer(ctx, members[0][1], yes, cardsUpdated)
	if err != nil || ch.Previous.Persons != 3 || ch.Answer.Persons != 2 || ch.Answer.AnsweredBy != members[0][1] {
		t.Fatalf("change: %+v, %v", ch, err)
	}
	var chats []int64
	for _, m := range ch.Members {
		chats = append(chats, m.ChatID)
		if m.Answer.Persons != 2 {
			t.Fatalf("member's card answer %+v", m.Answer)
		}
	}
	if slices.Sort(chats); !slices.Equal(chats, w.chatsOf(t, members[0])) {
		t.Fatalf("cards updated for %v, want the association's members", chats)
	}
	if after := w.answerRows(t); after != [2]int{before[0], before[1] + 2} {
		t.Fatalf("answer and outbox rows %v -> %v, want the same answer and two messages", before, after)
	}
	want.Persons = 2
	w.assertCounts(t, e.ID, want)

	// Changing "yes" to "no" takes the persons and needs away.
	if _, err := w.st.Answer(ctx, members[0][0], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyNo}, nil); err != nil {
		t.Fatalf("no: %v", err)
	}
	w.assertCounts(t, e.ID, domain.EventCounts{Organisations: 3, Members: 6, Maybe: 1, No: 2,
		Needs: map[domain.EventNeed]int{domain.NeedInterpreting: 0, domain.NeedChildcare: 0, domain.NeedStepFree: 0}})
	rows, err := w.st.AnswersOf(ctx, e.ID)
	if err != nil || len(rows) != 3 {
		t.Fatalf("answers of: %+v, %v", rows, err)
	}
	got := map[string]domain.EventReply{}
	for _, r := range rows {
		got[r.OrganisationName] = r.Reply
	}
	if got["Afrika-Forum"] != domain.ReplyMaybe || got["Frauen für Frauen"] != domain.ReplyNo || got["Kulturverein Brücke e.V."] != domain.ReplyNo {
		t.Fatalf("answers %v", got)
	}
}

func (w *evWorld) assertCounts(t *testing.T, eventID int64, want domain.EventCounts) {
	t.Helper()
	c, err := w.st.Counts(context.Background(), eventID)
	if err != nil || c.Organisations != want.Organisations || c.Members != want.Members || c.Yes != want.Yes ||
		c.Persons != want.Persons || c.Maybe != want.Maybe || c.No != want.No ||
		c.NoAnswer != want.Organisations-want.Yes-want.Maybe-want.No {
		t.Fatalf("counts %+v, %v; want %+v", c, err, want)
	}
	for need, n := range want.Needs {
		if c.Needs[need] != n {
			t.Fatalf("need %s: %d, want %d", need, c.Needs[need], n)
		}
	}
}

func TestAnswersRefusedChangeNothing(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.published(t)
	maybe := func(org int64) domain.OrgAnswer {
		return domain.OrgAnswer{EventID: e.ID, OrganisationID: org, Reply: domain.ReplyMaybe}
	}
	if _, err := w.st.Answer(ctx, members[0][0], maybe(orgs[0]), cardsUpdated); err != nil {
		t.Fatalf("first answer: %v", err)
	}
	before := w.answerRows(t)
	draft := w.create(t)

	tests := []struct {
		name string
		user int64
		ans  domain.OrgAnswer
		want error
	}{
		{"member of another association", members[1][0], maybe(orgs[0]), domain.ErrForbidden},
		{"the organiser", w.organiser.ID, maybe(orgs[0]), domain.ErrForbidden},
		{"association not invited", members[3][0], maybe(orgs[3]), domain.ErrForbidden},
		{"unknown user", 999999, maybe(orgs[0]), domain.ErrForbidden},
		{"unknown event", members[0][0], domain.OrgAnswer{EventID: 424242, OrganisationID: orgs[0], Reply: domain.ReplyNo}, domain.ErrNotFound},
		{"a draft", members[0][0], domain.OrgAnswer{EventID: draft.ID, OrganisationID: orgs[0], Reply: domain.ReplyNo}, domain.ErrForbidden},
		{"yes without persons", members[0][0], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyYes}, domain.ErrInvalid},
		{"eleven persons", members[0][0], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyYes, Persons: 11}, domain.ErrInvalid},
		{"interpreting without language", members[0][0], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyYes,
			Persons: 1, Needs: []domain.EventNeed{domain.NeedInterpreting}}, domain.ErrInvalid},
		{"unknown reply", members[0][0], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: "perhaps"}, domain.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := w.st.Answer(ctx, tc.user, tc.ans, cardsUpdated); !errors.Is(err, tc.want) {
				t.Fatalf("answer: %v, want %v", err, tc.want)
			}
			if after := w.answerRows(t); after != before {
				t.Fatalf("rows %v -> %v", before, after)
			}
		})
	}

	// At the start the answers close: a change is refused, and so is a
	// late publish of the draft.
	w.clock.Add(e.Start.Sub(w.clock.Now()))
	if _, err := w.st.Answer(ctx, members[0][1], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyNo},
		cardsUpdated); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("answer at the start: %v", err)
	}
	if _, err := w.st.Publish(ctx, draft.ID, w.organiser.ID, orgs, card); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("publish at the start: %v", err)
	}
	if after := w.answerRows(t); after != before {
		t.Fatalf("rows %v -> %v after the start", before, after)
	}
	got, _ := w.st.AnswersOf(ctx, e.ID)
	i := slices.IndexFunc(got, func(a domain.OrgAnswer) bool { return a.OrganisationID == orgs[0] })
	if i < 0 || got[i].Reply != domain.ReplyMaybe || got[i].AnsweredBy != members[0][0] {
		t.Fatalf("answers after refusals %+v", got)
	}

	// When it has ended it is a past invitation.
	w.clock.Add(3 * time.Hour)
	up, past, err := w.st.InvitationsFor(ctx, members[0][0])
	if err != nil || len(up) != 0 || len(past) != 1 || past[0].Answer.Reply != domain.ReplyMaybe {
		t.Fatalf("invitations after the event: %+v, %+v, %v", up, past, err)
	}
}

// A member who leaves the association (their membership removed: the
// same as for a deleted account registered anew) no longer has its
// invitations listed nor their card restyled by its answers; their old
// invitation is still theirs to look up (a press on the old card), and
// nobody else's.
func TestFormerMembersLoseTheAssociationsInvitations(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.published(t)
	left := members[0][1]
	up, _, err := w.st.InvitationsFor(ctx, left)
	if err != nil || len(up) != 1 {
		t.Fatalf("invitations before leaving: %+v, %v", up, err)
	}
	inv := up[0]
	if _, err := w.db.Exec(ctx, `DELETE FROM organisation_members WHERE user_id = $1`, left); err != nil {
		t.Fatal(err)
	}
	ch, err := w.st.Answer(ctx, members[0][0], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyMaybe}, cardsUpdated)
	if err != nil || len(ch.Members) != 1 || ch.Members[0].UserID != members[0][0] {
		t.Fatalf("answer after a member left: %+v, %v; want the remaining member's card only", ch.Members, err)
	}
	if up, past, err := w.st.InvitationsFor(ctx, left); err != nil || len(up)+len(past) != 0 {
		t.Fatalf("the former member's invitations: %+v, %+v, %v", up, past, err)
	}
	got, err := w.st.InvitationOf(ctx, left, inv.ID)
	if err != nil || got.ID != inv.ID || got.OrganisationID != orgs[0] || got.Answer.Reply != domain.ReplyMaybe {
		t.Fatalf("the former member's old invitation: %+v, %v", got, err)
	}
	if _, err := w.st.InvitationOf(ctx, members[1][0], inv.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("another's invitation: %v, want ErrNotFound", err)
	}
}

// The change carries the persons of every yes to the event after it (the
// seats taken its cards show), counted in the answer's transaction: of
// associations answering at once, the last to commit counts them all.
func TestAnswerCountsThePersonsTakenInItsTransaction(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.published(t)
	yes := func(org, user int64, persons int) domain.EventAnswerChange {
		t.Helper()
		ch, err := w.st.Answer(ctx, user, domain.OrgAnswer{EventID: e.ID, OrganisationID: org, Reply: domain.ReplyYes,
			Persons: persons}, cardsUpdated)
		if err != nil {
			t.Fatalf("yes: %v", err)
		}
		return ch
	}
	if ch := yes(orgs[0], members[0][0], 3); ch.Persons != 3 {
		t.Fatalf("after the first yes: %d persons, want 3", ch.Persons)
	}
	if ch := yes(orgs[1], members[1][0], 2); ch.Persons != 5 {
		t.Fatalf("after the second yes: %d persons, want 5", ch.Persons)
	}
	ch, err := w.st.Answer(ctx, members[0][1], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[0], Reply: domain.ReplyNo}, cardsUpdated)
	if err != nil || ch.Persons != 2 {
		t.Fatalf("after the first changed to no: %d persons, %v; want 2", ch.Persons, err)
	}
	ch, err = w.st.Answer(ctx, members[1][1], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[1], Reply: domain.ReplyMaybe}, cardsUpdated)
	if err != nil || ch.Persons != 0 {
		t.Fatalf("after the second changed to maybe: %d persons, %v; want 0", ch.Persons, err)
	}

	// All three answer yes at once.
	got := make(chan int, 3)
	for i := range 3 {
		go func() {
			ch, err := w.st.Answer(ctx, members[i][1], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[i],
				Reply: domain.ReplyYes, Persons: 4}, cardsUpdated)
			if err != nil {
				t.Error(err)
			}
			got <- ch.Persons
		}()
	}
	var seen []int
	for range 3 {
		seen = append(seen, <-got)
	}
	slices.Sort(seen)
	if !slices.Equal(seen, []int{4, 8, 12}) {
		t.Fatalf("persons seen by answers at once %v, want each a later total: [4 8 12]", seen)
	}
}
