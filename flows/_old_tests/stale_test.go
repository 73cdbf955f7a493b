package flows_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// pressUnchanged presses data on message id and checks that the toast says
// "no longer current" and that neither the session nor the chat changed.
func pressUnchanged(h *harness, p person, id int, data string) {
	h.t.Helper()
	before, calls := h.session(p), h.msgr.callCount()
	toast := h.pressData(p, id, data)
	h.noError()
	if want := h.tr(before.Lang, "flow.stale", nil); toast != want {
		h.t.Errorf("press %q on %d: toast %q, want %q", data, id, toast, want)
	}
	after := h.session(p)
	after.Version = before.Version
	if !reflect.DeepEqual(before, after) {
		h.t.Errorf("press %q on %d changed the session:\nbefore %+v\nafter  %+v", data, id, before, after)
	}
	if n := h.msgr.callCount(); n != calls {
		h.t.Errorf("press %q on %d sent or edited %d messages", data, id, n-calls)
	}
}

func TestStaleAndForgedButtons(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 3001}
	h.send(p, "/start")
	langPrompt := h.last(p)
	h.press(p, "Deutsch")
	consent := h.last(p)
	h.press(p, "Ich stimme zu")
	role := h.last(p)
	nonce, _, _ := strings.Cut(role.Buttons[0][0].Data, ":")

	// Buttons of earlier prompts (now without buttons in the chat, but a
	// client may still send them) and replays.
	pressUnchanged(h, p, langPrompt.ID, langPrompt.Buttons[0][1].Data)
	consentData := ""
	for _, row := range consent.Buttons {
		if row[0].Label == "Ich stimme nicht zu" {
			consentData = row[0].Data
		}
	}
	pressUnchanged(h, p, consent.ID, consentData)

	n, _ := strconv.ParseUint(nonce, 36, 32)
	forged := []struct{ name, data string }{
		{"empty", ""},
		{"garbage", "garbage"},
		{"no action", nonce},
		{"other nonce", strconv.FormatUint(n+1, 36) + ":c:advisor"},
		{"zero nonce", "0:c:advisor"},
		{"bad nonce", "!!:c:advisor"},
		{"unknown action", nonce + ":zz:advisor"},
		{"choice not offered", nonce + ":c:coordinator"},
		{"edit outside summary", nonce + ":e:name"},
		{"confirm outside summary", nonce + ":ok"},
		{"menu inside a flow", nonce + ":m:delete"},
		{"too many parts", nonce + ":c:advisor:x"},
		{"65 bytes", nonce + ":c:" + strings.Repeat("a", 65-len(nonce)-3)},
		{"invalid utf-8", nonce + ":c:\xff"},
	}
	for _, f := range forged {
		t.Run(f.name, func(t *testing.T) {
			pressUnchanged(h, p, role.ID, f.data)
		})
	}
	t.Run("right data on another message", func(t *testing.T) {
		pressUnchanged(h, p, consent.ID, role.Buttons[0][0].Data)
	})

	// The current prompt still works.
	h.press(p, "Berater*in")
	h.expect(p, h.tr("de", "onb.name_prompt", nil))
}

func TestOldMenuAfterSessionLoss(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 3002}
	onboard(h, p, answers{lang: "de", role: flows.RoleAdvisor, name: "Amira Haddad"}, "")
	confirm(h, p, "de")
	menu := h.last(p)
	h.loseSessions()
	toast := h.pressData(p, menu.ID, menu.Buttons[0][0].Data)
	h.noError()
	if toast != h.tr("de", "flow.stale", nil) {
		t.Errorf("toast %q", toast)
	}
	// The next command still knows the user.
	h.send(p, "/menu")
	h.expect(p, h.tr("de", "menu.title", map[string]any{"Roles": "Berater*in"}))
}
