package contacts_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The coordinators' list: empty, then the oldest ten of eleven waiting
// with a button each; a card opened from it is decided there, and the
// list shrinks. Only coordinators have the menu entry.
func TestWaitingList(t *testing.T) {
	h := flowstest.New(t)
	coord, _ := h.RegisterCoordinators()
	tr := func(key string, data map[string]any) string { return h.Tr("de", key, data) }
	label := func(key string) string { return h.Plain("de", key, nil) }

	h.Send(coord, "/kontakte")
	h.Expect(coord, tr("contacts.list_empty", nil))
	h.Send(coord, "/menu")
	h.ExpectButtons(coord, label("btn.contacts"))

	people := make([]flowstest.Person, 11)
	for i := range people {
		people[i] = flowstest.Person{ID: int64(6300 + i), LangHint: "de"}
		a := flowstest.Municipal
		a.Lang, a.Name, a.Muni = "de", "Person "+string(rune('A'+i)), "Stadt "+string(rune('A'+i))
		h.Register(people[i], a)
		h.Clock.Advance(1)
	}
	h.Send(people[0], "/menu")
	if slices.Contains(h.Buttons(people[0]), label("btn.contacts")) {
		t.Error("a municipal contact's menu offers the coordinators' list")
	}

	// The menu says what waits, and counts it on the entry.
	h.Send(coord, "/menu")
	h.Expect(coord, tr("contacts.list_waiting", map[string]any{"N": 11}))
	h.Press(coord, h.Plain("de", "menu.counted", map[string]any{"Label": label("btn.contacts"), "N": 11}))
	h.Expect(coord, tr("contacts.list_title", map[string]any{"Count": 11}),
		tr("contacts.list_more", map[string]any{"Shown": 10, "Count": 11}), "Person A", "Person J")
	if slices.Contains(h.Buttons(coord), "Person K – Stadt K") || !slices.Contains(h.Buttons(coord), "Person A – Stadt A") {
		t.Errorf("list buttons %q: want the oldest ten", h.Buttons(coord))
	}

	h.Press(coord, "Person A – Stadt A")
	h.Expect(coord, "Person A</b>", "Stadt A")
	h.Press(coord, label("btn.contact_reject"))
	h.Expect(coord, tr("contacts.ask_reject", map[string]any{"Name": "Person A", "Municipality": "Stadt A"}))
	h.Press(coord, label("btn.contact_reject_yes"))
	h.Expect(coord, label("contacts.by_you"))
	h.ExpectDelivered(map[int64]int{people[0].ID: 1})
	h.Press(coord, label("btn.contact_list"))
	h.Expect(coord, tr("contacts.list_title", map[string]any{"Count": 10}))
	if m := h.Last(coord); contains(m.Text, "Person A") {
		t.Errorf("the rejected contact is still listed:\n%s", m.Text)
	}
}

// Nobody but a coordinator can open or decide a link, not even the
// contact on their own: the press is refused and changes nothing; the list
// command says whose it is.
func TestOnlyCoordinatorsDecide(t *testing.T) {
	h := flowstest.New(t)
	h.RegisterCoordinators()
	p := flowstest.Person{ID: 6401, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	colleague := flowstest.Person{ID: 6402, LangHint: "en"}
	h.RegisterMunicipal(colleague, "en")
	h.DecideContact(colleague, domain.ContactVerified)
	stranger := flowstest.Person{ID: 6403, LangHint: "de"}
	link := strconv.FormatInt(contactOf(t, h, p).ID, 10)

	h.Send(p, "/kontakte")
	h.Expect(p, h.Tr("de", "contacts.list_refused", nil))
	for _, who := range []flowstest.Person{p, colleague, stranger} {
		for _, act := range []string{"vw", "ok", "oky", "no", "noy", "ls"} {
			data, err := engine.CallbackData("*", "ct", act, link)
			if err != nil {
				t.Fatal(err)
			}
			h.Send(who, "/help") // a message to press on
			toast := h.PressUnchanged(who, h.Last(who).ID, data)
			if lang := h.Session(who).Lang; toast != h.Plain(lang, "error.forbidden", nil) {
				t.Errorf("%d pressing %s: toast %q", who.ID, act, toast)
			}
		}
	}
	h.ExpectDelivered(map[int64]int{})
	if c := contactOf(t, h, p); c.Status != domain.ContactPending {
		t.Errorf("link %+v, want still pending", c)
	}
}

// A contact who deleted their data is gone from the list, and a notice
// about them decides nothing.
func TestDeletedContactIsGone(t *testing.T) {
	h := flowstest.New(t)
	coord, _ := h.RegisterCoordinators()
	p := flowstest.Person{ID: 6501, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	if err := h.DB.DeleteUser(context.Background(), h.UserID(p)); err != nil {
		t.Fatal(err)
	}
	id, data := h.Find(coord, h.Plain("de", "btn.contact_verify", nil))
	if toast := h.PressUnchanged(coord, id, data); toast != h.Plain("de", "contacts.toast_gone", nil) {
		t.Errorf("toast %q", toast)
	}
	h.ExpectDelivered(map[int64]int{})
	h.Send(coord, "/kontakte")
	h.Expect(coord, h.Tr("de", "contacts.list_empty", nil))
}
