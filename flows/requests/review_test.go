package requests_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The whole review in both languages: the coordinator of the requester's
// language asks a question (bad input first), the requester answers, the
// answer reaches only that coordinator, who approves; the requester is told
// at every step, and a replayed approval changes nothing.
func TestReviewQuestionAnswerApprove(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			coord, other, otherLang := coordinatorOf(lang)
			p := person{ID: 5701, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

			// The coordinator asks; a too short question is refused.
			h.Press(coord, label("btn.ask"))
			h.Expect(coord, tr("review.question_prompt", ref))
			h.SendRefused(coord, "Wie?", tr("invalid.length", map[string]any{"Min": 10, "Max": 1500, "Count": 4}))
			h.Send(coord, "Wie viele <Personen> & Gruppen erwarten Sie?")
			h.Expect(coord, "Wie viele &lt;Personen&gt; &amp; Gruppen")
			h.Press(coord, label("btn.confirm"))
			h.Expect(coord, tr("review.question_sent", ref), tr("status.question", nil))
			if s := stateOf(t, h, r.ID); s.Status != domain.StatusQuestion {
				t.Fatalf("after the question: %s", s.Status)
			}
			h.ExpectDelivered(map[int64]int{p.ID: 1})
			h.Expect(p, firstLine(tr("review.notify_question", ref)), "Wie viele &lt;Personen&gt; &amp; Gruppen")
			h.ExpectButtons(p, label("btn.answer"))

			// The requester answers.
			h.Press(p, label("btn.answer"))
			h.Expect(p, r.Ref, "Wie viele &lt;Personen&gt; &amp; Gruppen")
			h.Send(p, "Etwa 40 Personen aus drei <Vereinen>.")
			h.Press(p, label("btn.confirm"))
			h.Expect(p, tr("review.answer_sent", ref))
			if s := stateOf(t, h, r.ID); s.Status != domain.StatusInReview {
				t.Fatalf("after the answer: %s", s.Status)
			}
			h.ExpectDelivered(map[int64]int{coord.ID: 1})
			h.Expect(coord, firstLine(tr("review.notify_answer", ref)),
				"Etwa 40 Personen aus drei &lt;Vereinen&gt;.", "Wie viele &lt;Personen&gt;")

			// The coordinator approves from the threaded answer: asked first,
			// below the answer, what will happen; "back" leads to the request
			// with the decisions, nothing changed; then the approval.
			_, q := pressBelow(h, coord, label("btn.approve"))
			wantIn(t, q, firstLine(tr("review.approve_ask", ref)))
			h.Press(coord, label("btn.back_to_request"))
			h.Expect(coord, tr("myrequests.detail_title", ref), tr("status.in_review", nil))
			h.ExpectDelivered(map[int64]int{})
			if s := stateOf(t, h, r.ID); s.Status != domain.StatusInReview {
				t.Fatalf("asking changed the request: %s", s.Status)
			}
			h.Press(coord, label("btn.approve"))
			h.Press(coord, label("btn.approve_yes"))
			h.Expect(coord, tr("review.approved", ref), tr("offer.shortlist_title", ref))
			h.ExpectDelivered(map[int64]int{p.ID: 1, other.ID: 1})
			h.Expect(p, approvedLine(h, lang, r))
			// The other coordinator learns who decided, in their language.
			h.Expect(other, firstLine(h.Tr(otherLang, "review.notify_decided", ref)), "Jana Koordination",
				h.Tr(otherLang, "status.approved", nil))
			h.Press(p, label("btn.details"))
			h.Expect(p, tr("myrequests.detail_title", ref), tr("status.approved", nil))

			// The history holds every step, in order.
			events, err := h.DB.History(context.Background(), r.ID)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, ev := range events {
				kinds = append(kinds, string(ev.Kind)+":"+string(ev.To))
			}
			if got := strings.Join(kinds, " "); got != "status:submitted question:question answer:in_review status:approved" {
				t.Errorf("history %s", got)
			}

			// Approve pressed again on the first notification (sent before
			// the edit took the button away), once the coordinator left the
			// shortlist, changes nothing.
			h.Press(coord, label("btn.offer_later"))
			before := stateOf(t, h, r.ID)
			notice := firstWith(h, coord, firstLine(tr("request.notify_new", ref)))
			toast, m := replayBelow(h, coord, notice.ID, "ap", r.ID)
			if !strings.Contains(toast, h.Plain(lang, "status.approved", nil)) {
				t.Errorf("replayed approve: toast %q", toast)
			}
			wantIn(t, m, tr("review.decided", map[string]any{"Ref": r.Ref, "Status": h.Plain(lang, "status.approved", nil),
				"Who": h.Plain(lang, "review.by_you", nil), "Date": h.Texts.DateTime(lang, h.Clock.Now(), berlin(t))}))
			if after := stateOf(t, h, r.ID); after != before {
				t.Errorf("replayed approve changed %+v to %+v", before, after)
			}
		})
	}
}

// A decline needs a reason, which the requester reads; the other
// coordinator, who presses approve afterwards, is told who decided.
func TestReviewDeclineAndLateDecision(t *testing.T) {
	h, p, r := reviewSetup(t, 5702)
	tr := func(key string, data map[string]any) string { return h.Tr("de", key, data) }
	a, b := coordDE, coordEN
	ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

	h.Press(a, h.Plain("de", "btn.decline", nil))
	h.Expect(a, tr("review.decline_prompt", ref))
	h.SendRefused(a, "   ", tr("invalid.empty", nil))
	h.Send(a, "Das Thema <gehört> nicht zum Programm & passt nicht.")
	h.Press(a, h.Plain("de", "btn.confirm", nil))
	h.Expect(a, tr("review.declined", ref), tr("status.declined", nil))
	h.ExpectDelivered(map[int64]int{p.ID: 1, b.ID: 1})
	h.Expect(p, "Das Thema &lt;gehört&gt; nicht zum Programm &amp; passt nicht.", "/beratung")

	before := stateOf(t, h, r.ID)
	notice := firstWith(h, b, firstLine(h.Tr("en", "request.notify_new", ref)))
	_, m := replayBelow(h, b, notice.ID, "ap", r.ID)
	wantIn(t, m, "Jana Koordination", h.Tr("en", "status.declined", nil))
	durable(h, b, "qu", r.ID)
	h.Expect(b, "Jana Koordination", h.Tr("en", "status.declined", nil))
	if s := h.Session(b); s.Flow != "" {
		t.Errorf("a question flow started on a declined request: %q", s.Flow)
	}
	if after := stateOf(t, h, r.ID); after != before {
		t.Errorf("the late decision changed %+v to %+v", before, after)
	}
	h.ExpectDelivered(map[int64]int{})
}

// Two coordinators decide at once: the one who types a reason while the
// other approves loses, is told who decided, and the requester hears only
// the approval.
func TestReviewRacingCoordinators(t *testing.T) {
	h, p, r := reviewSetup(t, 5703)
	a, b := coordDE, coordEN

	h.Press(b, h.Plain("en", "btn.decline", nil))
	h.Send(b, "Not part of the programme, sorry.")
	h.ExpectButtons(b, h.Plain("en", "btn.confirm", nil))
	h.Press(a, h.Plain("de", "btn.approve", nil))
	h.Press(a, h.Plain("de", "btn.approve_yes", nil))
	h.Press(b, h.Plain("en", "btn.confirm", nil))
	h.Expect(b, h.Tr("en", "status.approved", nil), "Jana Koordination")
	if s := stateOf(t, h, r.ID); s.Status != domain.StatusApproved || s.Events != 2 {
		t.Errorf("after the race: %+v", s)
	}
	if s := h.Session(b); s.Flow != "" {
		t.Errorf("the lost decline still runs: %q", s.Flow)
	}
	h.ExpectDelivered(map[int64]int{p.ID: 1, b.ID: 1})
	h.Expect(p, approvedLine(h, "de", r))
}

// A contact who types the answer without pressing "Answer" gets it shown
// for confirmation as the answer to the open question; typing before any
// question gets the usual hint.
func TestReviewTypedAnswerWithoutButton(t *testing.T) {
	h := newHarness(t)
	tr := func(key string, data map[string]any) string { return h.Tr("de", key, data) }
	p := person{ID: 5704, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	// Before any request of their own, stray text costs no query.
	h.Send(p, "Hallo?")
	h.Expect(p, tr("hint.no_question", nil))
	if n := h.Store.Calls("ListByRequester"); n != 0 {
		t.Errorf("stray text of a contact without requests listed requests %d times", n)
	}
	h.Send(p, "/menu")
	r := submitRequest(t, h, p, "de")
	h.Send(p, "Hallo?")
	h.Expect(p, tr("hint.no_question", nil))
	h.Deliver()
	h.Press(coordDE, h.Plain("de", "btn.ask", nil))
	h.Send(coordDE, "Wer nimmt an der Beratung teil?")
	h.Press(coordDE, h.Plain("de", "btn.confirm", nil))
	h.Deliver()

	// A session lost (expired) forgets that the contact has requests: stray
	// text gets the hint until "Meine Anfragen" shows their requests again.
	h.LoseSessions()
	h.Send(p, "Hallo?")
	h.Expect(p, tr("hint.no_question", nil))
	if s := h.Session(p); slices.Contains(s.Flags, "requester") {
		t.Errorf("a lost session has the requester flag again: %q", s.Flags)
	}
	h.Send(p, "/anfragen")
	if s := h.Session(p); !slices.Contains(s.Flags, "requester") {
		t.Errorf("after Meine Anfragen the session has flags %q, want requester", s.Flags)
	}
	h.Send(p, "Das Team der Integrationsstelle.")
	h.Expect(p, firstLine(tr("review.answer_summary", map[string]any{"Ref": r.Ref})), "Das Team der Integrationsstelle.")
	h.Press(p, h.Plain("de", "btn.confirm", nil))
	h.Expect(p, tr("review.answer_sent", map[string]any{"Ref": r.Ref}))
	if s := stateOf(t, h, r.ID); s.Status != domain.StatusInReview {
		t.Fatalf("status %s", s.Status)
	}
	h.ExpectDelivered(map[int64]int{coordDE.ID: 1})
}

// Two coordinators asking at once both reach the requester: a question
// decides nothing.
func TestReviewTwoQuestionsAtOnce(t *testing.T) {
	h, p, r := reviewSetup(t, 5705)
	a, b := coordDE, coordEN
	h.Press(a, h.Plain("de", "btn.ask", nil))
	h.Send(a, "Wann passt es Ihnen am besten?")
	h.Press(b, h.Plain("en", "btn.ask", nil))
	h.Send(b, "Which languages do you need?")
	h.Press(b, h.Plain("en", "btn.confirm", nil))
	h.Press(a, h.Plain("de", "btn.confirm", nil))
	h.Expect(a, h.Tr("de", "review.question_sent", map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}))
	if s := stateOf(t, h, r.ID); s.Status != domain.StatusQuestion || s.Events != 3 {
		t.Errorf("after two questions: %+v", s)
	}
	h.ExpectDelivered(map[int64]int{p.ID: 2})
}

// reviewSetup registers municipal contact id (German), submits the
// standard request and delivers the coordinators' notifications.
func reviewSetup(t *testing.T, id int64) (*flowstest.H, person, domain.Request) {
	t.Helper()
	h := newHarness(t)
	p := person{ID: id, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	r := submitRequest(t, h, p, "de")
	h.Deliver()
	return h, p, r
}
