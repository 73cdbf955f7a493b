package engine_test

import (
	"errors"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestIdleTimeoutDropsTheConversation(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 5001}
	h.Send(p, "/start")
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	h.Press(p, "Kommune")

	h.Clock.Advance(24*time.Hour - time.Second)
	h.Send(p, "A") // still within the timeout: a normal (bad) answer
	h.Expect(p, h.Tr("de", "invalid.too_short", nil))

	h.Clock.Advance(24*time.Hour + time.Second)
	h.Send(p, "Amira Haddad")
	// The notice, then the text handled as outside a flow.
	h.Expect(p, h.Tr("de", "flow.idle", nil), h.Tr("de", "hint.not_registered", nil))
	if s := h.Session(p); s.Flow != "" || s.Data != nil {
		t.Errorf("session after idle timeout: %+v", s)
	}
}

func TestIdleTimeoutThenButton(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 5002}
	h.Send(p, "/start")
	h.Clock.Advance(25 * time.Hour)
	toast := h.Press(p, "Deutsch")
	h.NoError()
	if toast != h.Tr("de", "flow.stale", nil) {
		t.Errorf("toast %q", toast)
	}
	h.Expect(p, h.Tr("de", "flow.idle", nil))
	if s := h.Session(p); s.Flow != "" || s.Lang != "" {
		t.Errorf("session: %+v", s)
	}
}

func TestStoreFailureKeepsTheDraft(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 5003}
	a := flowstest.Municipal
	a.Lang = "de"
	h.Onboard(p, a, "")
	summary := h.Last(p)
	before := h.Session(p)

	h.Store.FailNext("Register")
	h.PressData(p, summary.ID, summary.Buttons[0][0].Data) // confirm
	if !errors.Is(h.Err, flowstest.ErrDown) {
		t.Fatalf("Handle returned %v, want the store error", h.Err)
	}
	h.Expect(p, h.Tr("de", "error.technical", nil))
	after := h.Session(p)
	if !maps.Equal(before.Data, after.Data) || before.Step != after.Step || before.Nonce != after.Nonce ||
		before.Prompt != after.Prompt || !before.Touched.Equal(after.Touched) {
		t.Fatalf("session changed:\nbefore %+v\nafter  %+v", before, after)
	}
	if _, err := h.User(p); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("user = %v, want ErrNotFound", err)
	}
	// The retry needs no retyping: the same button works.
	h.Confirm(p, "de")
	if u, err := h.User(p); err != nil || u.Name != a.Name {
		t.Fatalf("after retry: %+v, %v", u, err)
	}
}

func TestStoreFailureAtEveryStoreCall(t *testing.T) {
	cases := []struct {
		name, method string
		setup        func(h *flowstest.H, p flowstest.Person)
		act          func(h *flowstest.H, p flowstest.Person)
	}{
		{"invite lookup", "InviteByCode", func(h *flowstest.H, p flowstest.Person) {}, func(h *flowstest.H, p flowstest.Person) { h.Send(p, "/start abc") }},
		{"identity", "ActorByTelegramID", func(h *flowstest.H, p flowstest.Person) {}, func(h *flowstest.H, p flowstest.Person) { h.Send(p, "/start") }},
		{"language", "SetLanguage", registerAdvisor, func(h *flowstest.H, p flowstest.Person) {
			h.Send(p, "/language")
			h.Press(p, "English")
		}},
		{"delete", "EraseUserWith", registerAdvisor, func(h *flowstest.H, p flowstest.Person) {
			h.Send(p, "/privacy")
			h.Press(p, "Meine Daten löschen")
			h.Press(p, "Ja, alles löschen")
		}},
		{"privacy", "ActorByTelegramID", registerAdvisor, func(h *flowstest.H, p flowstest.Person) { h.Send(p, "/privacy") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 5004}
			c.setup(h, p)
			h.Store.FailNext(c.method)
			h.ErrorsAllowed(func() { c.act(h, p) })
			if !errors.Is(h.Err, flowstest.ErrDown) {
				t.Fatalf("Handle returned %v, want the store error", h.Err)
			}
			h.Expect(p, h.Tr("de", "error.technical", nil))
		})
	}
}

func TestRegisteredUserNeedsNoQuery(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 5005}
	registerAdvisor(h, p)
	h.LoseSessions()

	calls := h.Store.Calls("")
	h.Send(p, "/menu") // the session is gone: one query refills it
	h.Expect(p, h.Tr("de", "menu.title", map[string]any{"Roles": "Berater*in"}))
	if n := h.Store.Calls("") - calls; n != 1 {
		t.Errorf("%d store calls to refill the session, want 1", n)
	}
	calls = h.Store.Calls("")
	h.Press(p, "Hilfe")
	h.Press(p, "« Menü")
	h.Send(p, "/help")
	h.Send(p, "Hallo")
	h.Send(p, "/menu")
	if n := h.Store.Calls("") - calls; n != 0 {
		t.Errorf("%d store calls for ordinary updates, want 0", n)
	}
}

func TestConfiguredCoordinatorGetsTheRole(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: flowstest.CoordinatorID}
	// Registered as advisor before the configuration named them.
	reg := domain.Registration{TelegramID: p.ID, ChatID: p.ID, Name: "Jana", Lang: "de", ConsentAt: flowstest.Start, Role: domain.RoleAdvisor}
	if _, err := h.DB.Register(t.Context(), reg, nil); err != nil {
		t.Fatal(err)
	}
	h.Send(p, "/menu")
	h.Expect(p, "Berater*in, Koordination")
	if u, _ := h.User(p); !u.Has(domain.RoleCoordinator) {
		t.Errorf("roles %v", u.Roles)
	}
}

func TestUnknownFlowInSessionIsDropped(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 5006}
	h.Send(p, "/start")
	// A session written by a version with another flow.
	ctx := t.Context()
	key := domain.ConvKey{ChatID: p.ID, UserID: p.ID}
	sess, err := h.Redis.Begin(ctx, 999, key)
	if err != nil {
		t.Fatal(err)
	}
	sess.Flow, sess.Step = "gone", "nowhere"
	if _, err := h.Redis.Commit(ctx, 999, key, sess); err != nil {
		t.Fatal(err)
	}
	h.Send(p, "Hallo")
	h.Expect(p, h.Tr("de", "hint.not_registered", nil))
	if s := h.Session(p); s.Flow != "" || !reflect.DeepEqual(s.Data, map[string]string(nil)) {
		t.Errorf("session %+v", s)
	}
}
