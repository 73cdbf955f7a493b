package requests_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// submitAnother takes p through the request flow again and returns the new
// request (submitRequest knows only the first).
func submitAnother(t *testing.T, h *flowstest.H, p person, lang string) domain.Request {
	t.Helper()
	requestUntilSummary(h, p, lang, nil)
	h.Press(p, h.Plain(lang, "btn.confirm", nil))
	list, err := h.DB.ListByRequester(context.Background(), h.UserID(p))
	if err != nil || len(list) == 0 {
		t.Fatalf("requests of %d: %v", p.ID, err)
	}
	h.Expect(p, h.Tr(lang, "request.submitted", map[string]any{"Ref": list[0].Ref}))
	return list[0]
}

// Who of a municipality sees which request: a confirmed contact sees
// their colleagues' requests in "Meine Anfragen", marked as theirs; a
// contact the office has not confirmed, and one it rejected, keeps only
// their own, and pressing a colleague's sees nothing and changes nothing.
// The request of an unconfirmed contact is reviewed as any other.
func TestWhoSeesTheMunicipalitysRequests(t *testing.T) {
	h := newHarness(t)
	confirmed := person{ID: 5801, LangHint: "de"}
	h.RegisterMunicipal(confirmed, "de")
	h.DecideContact(confirmed, domain.ContactVerified)
	own := submitRequest(t, h, confirmed, "de")
	h.DrainOutbox()

	waiting := person{ID: 5802, LangHint: "en"}
	h.RegisterMunicipal(waiting, "en")
	theirs := submitAnother(t, h, waiting, "en")

	// The office reviews the unconfirmed contact's request as any other.
	h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
	h.Expect(coordDE, theirs.Ref)
	h.ExpectButtons(coordDE, h.Plain("de", "btn.approve", nil), h.Plain("de", "btn.ask", nil))

	colleagueMark := h.Tr("de", "myrequests.item_colleague", nil)
	h.Send(confirmed, "/anfragen")
	h.Expect(confirmed, own.Ref, theirs.Ref, colleagueMark)
	if text := h.Last(confirmed).Text; strings.Count(text, colleagueMark) != 1 {
		t.Errorf("want exactly the colleague's request marked:\n%s", text)
	}
	h.ExpectButtons(confirmed, theirs.Ref+" – "+h.Plain("de", "status.submitted", nil))

	for _, decision := range []domain.ContactStatus{domain.ContactPending, domain.ContactRejected} {
		if decision == domain.ContactRejected {
			h.DecideContact(waiting, domain.ContactRejected)
		}
		h.Send(waiting, "/anfragen")
		list := h.Expect(waiting, theirs.Ref)
		if strings.Contains(list.Text, own.Ref) {
			t.Errorf("%s contact sees a colleague's request:\n%s", decision, list.Text)
		}
		before := stateOf(t, h, own.ID)
		forbidden := h.Plain("en", "myrequests.forbidden", nil)
		for _, arg := range []string{"rd.", "rc.", "ry."} {
			refusedUnchanged(t, h, waiting, arg+strconv.FormatInt(own.ID, 10), forbidden)
		}
		if after := stateOf(t, h, own.ID); after != before {
			t.Errorf("%s contact changed a colleague's request: %+v, was %+v", decision, after, before)
		}
		// Their own request stays theirs to see.
		h.Press(waiting, theirs.Ref+" – "+h.Plain("en", "status.submitted", nil))
		h.Expect(waiting, h.Tr("en", "myrequests.detail_title", map[string]any{"Ref": theirs.Ref}))
		h.ExpectButtons(waiting, h.Plain("en", "btn.withdraw", nil))
	}
}
