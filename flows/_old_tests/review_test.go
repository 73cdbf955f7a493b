package flows_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// The whole review in both languages: the coordinator of the requester's
// language asks a question (bad input first), the requester answers, the
// answer reaches only that coordinator, who approves; the requester is told
// at every step, and a replayed approval changes nothing.
func TestReviewQuestionAnswerApprove(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h, _ := newRequestHarness(t)
			tr := func(key string, data map[string]any) string { return h.tr(lang, key, data) }
			coord := person{ID: coordinatorID}
			if lang == "en" {
				coord = person{ID: coordinator2ID}
			}
			p := person{ID: 5701, LangHint: lang}
			registerMunicipal(h, p, lang)
			r := submitRequest(t, h, p, lang)
			expectDelivered(t, h, map[int64]int{coordinatorID: 1, coordinator2ID: 1})
			ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

			// The coordinator asks; a too short question is refused.
			h.press(coord, tr("btn.ask", nil))
			h.expect(coord, tr("review.question_prompt", ref))
			h.send(coord, "Wie?")
			h.expect(coord, tr("review.question_prompt", ref))
			h.send(coord, "Wie viele <Personen> & Gruppen erwarten Sie?")
			h.expect(coord, "Wie viele &lt;Personen&gt; &amp; Gruppen")
			h.press(coord, tr("btn.confirm", nil))
			h.expect(coord, tr("review.question_sent", ref), tr("status.question", nil))
			if s := stateOf(t, h, r.ID); s.Status != flows.StatusQuestion {
				t.Fatalf("after the question: %s", s.Status)
			}
			expectDelivered(t, h, map[int64]int{p.ID: 1})
			h.expect(p, firstLine(tr("review.notify_question", ref)), "Wie viele &lt;Personen&gt; &amp; Gruppen")
			h.expectButtons(p, tr("btn.answer", nil))

			// The requester answers.
			h.press(p, tr("btn.answer", nil))
			h.expect(p, r.Ref, "Wie viele &lt;Personen&gt; &amp; Gruppen")
			h.send(p, "Etwa 40 Personen aus drei <Vereinen>.")
			h.press(p, tr("btn.confirm", nil))
			h.expect(p, tr("review.answer_sent", ref))
			if s := stateOf(t, h, r.ID); s.Status != flows.StatusInReview {
				t.Fatalf("after the answer: %s", s.Status)
			}
			expectDelivered(t, h, map[int64]int{coord.ID: 1})
			h.expect(coord, firstLine(tr("review.notify_answer", ref)),
				"Etwa 40 Personen aus drei &lt;Vereinen&gt;.", "Wie viele &lt;Personen&gt;")

			// The coordinator approves from the threaded answer.
			_, m := pressBelow(h, coord, tr("btn.approve", nil))
			wantIn(t, m, tr("review.approved", ref), tr("status.approved", nil))
			other, otherLang := person{ID: coordinator2ID}, "en"
			if lang == "en" {
				other, otherLang = person{ID: coordinatorID}, "de"
			}
			expectDelivered(t, h, map[int64]int{p.ID: 1, other.ID: 1})
			h.expect(p, approvedLine(h, lang, r))
			// The other coordinator learns who decided, in their language.
			h.expect(other, firstLine(h.tr(otherLang, "review.notify_decided", ref)), "Jana Koordination",
				h.tr(otherLang, "status.approved", nil))
			h.press(p, tr("btn.details", nil))
			h.expect(p, tr("myrequests.detail_title", ref), tr("status.approved", nil))

			// The history holds every step, in order.
			events, err := h.db.History(context.Background(), r.ID)
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

			// Pressing approve again (the first notification's button) changes nothing.
			before := stateOf(t, h, r.ID)
			toast, m := pressBelow(h, coord, tr("btn.approve", nil))
			if !strings.Contains(toast, tr("status.approved", nil)) {
				t.Errorf("replayed approve: toast %q", toast)
			}
			wantIn(t, m, tr("review.decided", map[string]any{"Ref": r.Ref, "Status": tr("status.approved", nil),
				"Who": tr("review.by_you", nil), "Date": h.texts.DateTime(lang, h.clock.Now(), berlin(t))}))
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
	tr := func(key string, data map[string]any) string { return h.tr("de", key, data) }
	a, b := person{ID: coordinatorID}, person{ID: coordinator2ID}
	ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

	h.press(a, tr("btn.decline", nil))
	h.expect(a, tr("review.decline_prompt", ref))
	h.send(a, "   ")
	h.expect(a, tr("review.decline_prompt", ref))
	h.send(a, "Das Thema <gehört> nicht zum Programm & passt nicht.")
	h.press(a, tr("btn.confirm", nil))
	h.expect(a, tr("review.declined", ref), tr("status.declined", nil))
	expectDelivered(t, h, map[int64]int{p.ID: 1, b.ID: 1})
	h.expect(p, "Das Thema &lt;gehört&gt; nicht zum Programm &amp; passt nicht.", "/beratung")

	before := stateOf(t, h, r.ID)
	_, m := pressBelow(h, b, h.tr("en", "btn.approve", nil))
	wantIn(t, m, "Jana Koordination", h.tr("en", "status.declined", nil))
	durable(h, b, "qu", r.ID)
	h.expect(b, "Jana Koordination", h.tr("en", "status.declined", nil))
	if s := h.session(b); s.Flow != "" {
		t.Errorf("a question flow started on a declined request: %q", s.Flow)
	}
	if after := stateOf(t, h, r.ID); after != before {
		t.Errorf("the late decision changed %+v to %+v", before, after)
	}
	expectDelivered(t, h, map[int64]int{})
}

// Two coordinators decide at once: the one who types a reason while the
// other approves loses, is told who decided, and the requester hears only
// the approval.
func TestReviewRacingCoordinators(t *testing.T) {
	h, p, r := reviewSetup(t, 5703)
	tr := func(key string, data map[string]any) string { return h.tr("de", key, data) }
	a, b := person{ID: coordinatorID}, person{ID: coordinator2ID}

	h.press(b, h.tr("en", "btn.decline", nil))
	h.send(b, "Not part of the programme, sorry.")
	h.expectButtons(b, h.tr("en", "btn.confirm", nil))
	h.press(a, tr("btn.approve", nil))
	h.press(b, h.tr("en", "btn.confirm", nil))
	h.expect(b, h.tr("en", "status.approved", nil), "Jana Koordination")
	if s := stateOf(t, h, r.ID); s.Status != flows.StatusApproved || s.Events != 2 {
		t.Errorf("after the race: %+v", s)
	}
	if s := h.session(b); s.Flow != "" {
		t.Errorf("the lost decline still runs: %q", s.Flow)
	}
	expectDelivered(t, h, map[int64]int{p.ID: 1, b.ID: 1})
	h.expect(p, approvedLine(h, "de", r))
}

// A contact who types the answer without pressing "Answer" gets it shown
// for confirmation as the answer to the open question; typing before any
// question gets the usual hint.
func TestReviewTypedAnswerWithoutButton(t *testing.T) {
	h, rs := newRequestHarness(t)
	tr := func(key string, data map[string]any) string { return h.tr("de", key, data) }
	coord := person{ID: coordinatorID}
	p := person{ID: 5704, LangHint: "de"}
	registerMunicipal(h, p, "de")
	// Before any request of their own, stray text costs no query.
	h.send(p, "Hallo?")
	h.expect(p, tr("hint.no_question", nil))
	if n := rs.listCalls(); n != 0 {
		t.Errorf("stray text of a contact without requests listed requests %d times", n)
	}
	h.send(p, "/menu")
	r := submitRequest(t, h, p, "de")
	h.send(p, "Hallo?")
	h.expect(p, tr("hint.no_question", nil))
	deliver(t, h)
	h.press(coord, tr("btn.ask", nil))
	h.send(coord, "Wer nimmt an der Beratung teil?")
	h.press(coord, tr("btn.confirm", nil))
	deliver(t, h)

	// A session lost (expired) forgets that the contact has requests: stray
	// text gets the hint until "Meine Anfragen" shows their requests again.
	h.loseSessions()
	h.send(p, "Hallo?")
	h.expect(p, tr("hint.no_question", nil))
	h.send(p, "/anfragen")
	h.send(p, "Das Team der Integrationsstelle.")
	h.expect(p, firstLine(tr("review.answer_summary", map[string]any{"Ref": r.Ref})), "Das Team der Integrationsstelle.")
	h.press(p, tr("btn.confirm", nil))
	h.expect(p, tr("review.answer_sent", map[string]any{"Ref": r.Ref}))
	if s := stateOf(t, h, r.ID); s.Status != flows.StatusInReview {
		t.Fatalf("status %s", s.Status)
	}
	expectDelivered(t, h, map[int64]int{coordinatorID: 1})
}

// Two coordinators asking at once both reach the requester: a question
// decides nothing.
func TestReviewTwoQuestionsAtOnce(t *testing.T) {
	h, p, r := reviewSetup(t, 5705)
	a, b := person{ID: coordinatorID}, person{ID: coordinator2ID}
	h.press(a, h.tr("de", "btn.ask", nil))
	h.send(a, "Wann passt es Ihnen am besten?")
	h.press(b, h.tr("en", "btn.ask", nil))
	h.send(b, "Which languages do you need?")
	h.press(b, h.tr("en", "btn.confirm", nil))
	h.press(a, h.tr("de", "btn.confirm", nil))
	h.expect(a, h.tr("de", "review.question_sent", map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}))
	if s := stateOf(t, h, r.ID); s.Status != flows.StatusQuestion || s.Events != 3 {
		t.Errorf("after two questions: %+v", s)
	}
	expectDelivered(t, h, map[int64]int{p.ID: 2})
}
