package requests_test

import (
	"context"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Old messages do not lie: a change of a request takes the buttons that no
// longer apply off the messages that show it, the requester's and the
// coordinators' alike, once the outbox is delivered.

// wantLabels fails unless message m shows exactly the buttons labelled want.
func wantLabels(t *testing.T, what string, m flowstest.Sent, want ...string) {
	t.Helper()
	if got := slices.Concat(m.Labels()...); !slices.Equal(got, want) {
		t.Errorf("%s shows %q, want %q", what, got, want)
	}
}

// After one coordinator asked and the other approved, the asking
// coordinator's notice keeps only Details, and so does the requester's
// notice of the question: nothing is left to answer.
func TestRestyleAfterApproval(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			label := func(key string) string { return h.Plain(lang, key, nil) }
			coord, other, otherLang := coordinatorOf(lang)
			p := person{ID: 5801, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

			h.Press(coord, label("btn.ask"))
			h.Send(coord, "Wie viele Personen erwarten Sie?")
			h.Press(coord, label("btn.confirm"))
			h.ExpectDelivered(map[int64]int{p.ID: 1})
			question := h.Last(p)
			wantLabels(t, "the question notice", question, label("btn.answer"), label("btn.details"))

			h.Press(other, h.Plain(otherLang, "btn.approve", nil))
			h.Press(other, h.Plain(otherLang, "btn.approve_yes", nil))
			h.ExpectDelivered(map[int64]int{p.ID: 1, coord.ID: 1})

			wantLabels(t, "the asking coordinator's notice", firstWith(h, coord, firstLine(h.Tr(lang, "request.notify_new", ref))),
				label("btn.details"))
			wantLabels(t, "the approving coordinator's notice",
				firstWith(h, other, firstLine(h.Tr(otherLang, "request.notify_new", ref))), h.Plain(otherLang, "btn.details", nil))
			q := h.Message(p, question.ID)
			wantLabels(t, "the question notice after the approval", q, label("btn.details"))
			if q.Text != question.Text {
				t.Errorf("the question notice's text changed:\n%s", q.Text)
			}
			h.Press(p, label("btn.details"))
			h.Expect(p, h.Tr(lang, "myrequests.detail_title", ref), h.Tr(lang, "status.approved", nil))
		})
	}
}

// A detail open in a conversation, the requester's with "Withdraw" and a
// coordinator's with the decisions, gets one button after a decline: the
// current status, which opens the current detail below. Showing and leaving
// a detail records it; other turns do not write for it.
func TestRestyleOpenDetailAfterDecline(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			label := func(key string) string { return h.Plain(lang, key, nil) }
			coord, other, otherLang := coordinatorOf(lang)
			p := person{ID: 5802, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.Deliver()
			if _, err := h.DB.Transition(context.Background(), r.ID, h.UserID(coordDE), []domain.Status{domain.StatusSubmitted},
				domain.StatusInReview, domain.EventStatus, "", nil); err != nil {
				t.Fatal(err)
			}
			ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

			// Menus write nothing; a detail is recorded once, shown again in
			// place it is not written again.
			writes := func() int { return h.Store.Calls("RecordShown") + h.Store.Calls("ForgetShown") }
			h.Send(p, "/menu")
			h.Press(p, label("btn.my_requests"))
			if n := writes(); n != 0 {
				t.Errorf("the menu and the list wrote %d records of shown messages", n)
			}
			h.Press(p, r.Ref+" – "+h.Plain(lang, "status.in_review", nil))
			detail := h.Expect(p, h.Tr(lang, "status.in_review", nil))
			h.ExpectButtons(p, label("btn.withdraw"))
			h.Press(other, h.Plain(otherLang, "btn.details", nil))
			otherDetail := h.Expect(other, h.Tr(otherLang, "myrequests.detail_title", ref))
			if n := writes(); n != 2 {
				t.Errorf("two details shown: %d writes, want 2", n)
			}

			h.Press(coord, label("btn.decline"))
			h.Send(coord, "Das passt leider nicht zum Programm.")
			h.Press(coord, label("btn.confirm"))
			h.ExpectDelivered(map[int64]int{p.ID: 1, other.ID: 1})

			current := h.Plain(lang, "btn.current", map[string]any{"Status": h.Plain(lang, "status.declined", nil)})
			wantLabels(t, "the requester's open detail", h.Message(p, detail.ID), current)
			wantLabels(t, "the other coordinator's open detail", h.Message(other, otherDetail.ID),
				h.Plain(otherLang, "btn.current", map[string]any{"Status": h.Plain(otherLang, "status.declined", nil)}))
			for _, c := range []struct {
				who  person
				lang string
			}{{coord, lang}, {other, otherLang}} {
				wantLabels(t, "a coordinator's notice", firstWith(h, c.who, firstLine(h.Tr(c.lang, "request.notify_new", ref))),
					h.Plain(c.lang, "btn.details", nil))
			}

			// The button opens the detail as it is now, below.
			before := writes() // the decliner's detail was recorded too
			h.Press(p, current)
			now := h.Expect(p, h.Tr(lang, "myrequests.detail_title", ref), h.Tr(lang, "status.declined", nil))
			if now.ID == detail.ID || slices.Contains(slices.Concat(now.Labels()...), label("btn.withdraw")) {
				t.Errorf("the current detail (message %d of %d) shows %q", now.ID, detail.ID, slices.Concat(now.Labels()...))
			}
			// The old detail's record moved to the new one: one write.
			if n := writes() - before; n != 1 {
				t.Errorf("%d writes for the current detail, want 1", n)
			}
			h.Press(p, label("btn.menu"))
			if n := writes() - before; n != 2 {
				t.Errorf("%d writes after leaving the detail, want 2 (it is forgotten)", n)
			}
		})
	}
}

// A request withdrawn by its requester takes the decisions off the
// coordinators' notices, in each coordinator's language.
func TestRestyleAfterWithdrawal(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			label := func(key string) string { return h.Plain(lang, key, nil) }
			p := person{ID: 5803, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.Deliver()
			ref := map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}

			h.Press(p, label("btn.my_requests"))
			h.Press(p, r.Ref+" – "+h.Plain(lang, "status.submitted", nil))
			h.Press(p, label("btn.withdraw"))
			h.Press(p, label("btn.withdraw_yes"))
			h.Expect(p, h.Tr(lang, "myrequests.cancelled", ref))
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			for c, l := range map[person]string{coordDE: "de", coordEN: "en"} {
				wantLabels(t, "a coordinator's notice", firstWith(h, c, firstLine(h.Tr(l, "request.notify_new", ref))),
					h.Plain(l, "btn.details", nil))
			}
		})
	}
}
