package flows_test

import (
	"errors"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestIdleTimeoutDropsTheConversation(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5001}
	h.send(p, "/start")
	h.press(p, "Deutsch")
	h.press(p, "Ich stimme zu")
	h.press(p, "Berater*in")

	h.clock.Advance(24*time.Hour - time.Second)
	h.send(p, "A") // still within the timeout: a normal (bad) answer
	h.expect(p, h.tr("de", "invalid.too_short", nil))

	h.clock.Advance(24*time.Hour + time.Second)
	h.send(p, "Amira Haddad")
	// The notice, then the text handled as outside a flow.
	h.expect(p, h.tr("de", "flow.idle", nil), h.tr("de", "hint.not_registered", nil))
	if s := h.session(p); s.Flow != "" || s.Data != nil {
		t.Errorf("session after idle timeout: %+v", s)
	}
}

func TestIdleTimeoutThenButton(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5002}
	h.send(p, "/start")
	h.clock.Advance(25 * time.Hour)
	toast := h.press(p, "Deutsch")
	h.noError()
	if toast != h.tr("de", "flow.stale", nil) {
		t.Errorf("toast %q", toast)
	}
	h.expect(p, h.tr("de", "flow.idle", nil))
	if s := h.session(p); s.Flow != "" || s.Lang != "" {
		t.Errorf("session: %+v", s)
	}
}

func TestStoreFailureKeepsTheDraft(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5003}
	a := municipal
	a.lang = "de"
	onboard(h, p, a, "")
	summary := h.last(p)
	before := h.session(p)

	h.store.failNext("Register")
	h.pressData(p, summary.ID, summary.Buttons[len(summary.Buttons)-2][0].Data) // confirm
	if !errors.Is(h.err, errDown) {
		t.Fatalf("Handle returned %v, want the store error", h.err)
	}
	h.expect(p, h.tr("de", "error.technical", nil))
	after := h.session(p)
	if !maps.Equal(before.Data, after.Data) || before.Step != after.Step || before.Nonce != after.Nonce ||
		before.Prompt != after.Prompt || !before.Touched.Equal(after.Touched) {
		t.Fatalf("session changed:\nbefore %+v\nafter  %+v", before, after)
	}
	if _, err := h.user(p); !errors.Is(err, flows.ErrNotFound) {
		t.Fatalf("UserByTelegramID = %v, want ErrNotFound", err)
	}
	// The retry needs no retyping: the same button works.
	confirm(h, p, "de")
	if u, err := h.user(p); err != nil || u.Name != a.name {
		t.Fatalf("after retry: %+v, %v", u, err)
	}
}

func TestStoreFailureAtEveryStoreCall(t *testing.T) {
	cases := []struct {
		name, method string
		setup        func(h *harness, p person)
		act          func(h *harness, p person)
	}{
		{"invite lookup", "InviteByCode", func(h *harness, p person) {}, func(h *harness, p person) { h.send(p, "/start abc") }},
		{"identity", "UserByTelegramID", func(h *harness, p person) {}, func(h *harness, p person) { h.send(p, "/start") }},
		{"language", "SetLanguage", registerAdvisor, func(h *harness, p person) {
			h.send(p, "/language")
			h.press(p, "English")
		}},
		{"delete", "DeleteUser", registerAdvisor, func(h *harness, p person) {
			h.send(p, "/privacy")
			h.press(p, "Meine Daten löschen")
			h.press(p, "Ja, alles löschen")
		}},
		{"privacy", "UserByTelegramID", registerAdvisor, func(h *harness, p person) { h.send(p, "/privacy") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 5004}
			c.setup(h, p)
			h.store.failNext(c.method)
			h.errorsAllowed(func() { c.act(h, p) })
			if !errors.Is(h.err, errDown) {
				t.Fatalf("Handle returned %v, want the store error", h.err)
			}
			h.expect(p, h.tr("de", "error.technical", nil))
		})
	}
}

func TestRegisteredUserNeedsNoQuery(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5005}
	registerAdvisor(h, p)
	h.loseSessions()

	calls := h.store.callCount()
	h.send(p, "/menu") // the session is gone: one query refills it
	h.expect(p, h.tr("de", "menu.title", map[string]any{"Roles": "Berater*in"}))
	if n := h.store.callCount() - calls; n != 1 {
		t.Errorf("%d store calls to refill the session, want 1", n)
	}
	calls = h.store.callCount()
	h.press(p, "Hilfe")
	h.press(p, "« Menü")
	h.send(p, "/help")
	h.send(p, "Hallo")
	h.send(p, "/menu")
	if n := h.store.callCount() - calls; n != 0 {
		t.Errorf("%d store calls for ordinary updates, want 0", n)
	}
}

func TestConfiguredCoordinatorGetsTheRole(t *testing.T) {
	h := newHarness(t)
	p := person{ID: coordinatorID}
	// Registered as advisor before the configuration named them.
	reg := flows.Registration{TelegramID: p.ID, ChatID: p.ID, Name: "Jana", Lang: "de", ConsentAt: start, Role: flows.RoleAdvisor}
	if _, err := h.db.Register(t.Context(), reg); err != nil {
		t.Fatal(err)
	}
	h.send(p, "/menu")
	h.expect(p, "Berater*in, Koordination")
	if u, _ := h.user(p); !u.Has(flows.RoleCoordinator) {
		t.Errorf("roles %v", u.Roles)
	}
}

// registerAdvisor registers p as advisor in German.
func registerAdvisor(h *harness, p person) {
	h.t.Helper()
	onboard(h, p, answers{lang: "de", role: flows.RoleAdvisor, name: "Amira Haddad"}, "")
	confirm(h, p, "de")
}

func TestUnknownFlowInSessionIsDropped(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5006}
	h.send(p, "/start")
	// A session written by a version with another flow.
	ctx := t.Context()
	key := flows.ConvKey{ChatID: p.ID, UserID: p.ID}
	sess, err := h.redis.Begin(ctx, 999, key)
	if err != nil {
		t.Fatal(err)
	}
	sess.Flow, sess.Step = "gone", "nowhere"
	if _, err := h.redis.Commit(ctx, 999, key, sess); err != nil {
		t.Fatal(err)
	}
	h.send(p, "Hallo")
	h.expect(p, h.tr("de", "hint.not_registered", nil))
	if s := h.session(p); s.Flow != "" || !reflect.DeepEqual(s.Data, map[string]string(nil)) {
		t.Errorf("session %+v", s)
	}
}
