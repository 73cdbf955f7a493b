package engine_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestStaleAndForgedButtons(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 3001}
	h.Send(p, "/start")
	langPrompt := h.Last(p)
	h.Press(p, "Deutsch")
	consent := h.Last(p)
	h.Press(p, "Ich stimme zu")
	role := h.Last(p)
	nonce, _, _ := strings.Cut(role.Buttons[0][0].Data, ":")

	// Buttons of earlier prompts (now without buttons in the chat, but a
	// client may still send them) and replays.
	h.PressStale(p, langPrompt.ID, langPrompt.Buttons[0][1].Data)
	consentData := ""
	for _, row := range consent.Buttons {
		if row[0].Label == "Ich stimme nicht zu" {
			consentData = row[0].Data
		}
	}
	h.PressStale(p, consent.ID, consentData)

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
			h.PressStale(p, role.ID, f.data)
		})
	}
	t.Run("right data on another message", func(t *testing.T) {
		h.PressStale(p, consent.ID, role.Buttons[0][0].Data)
	})

	// The current prompt still works.
	h.Press(p, "Kommune")
	h.Expect(p, h.Tr("de", "onb.name_prompt", nil))
}

func TestOldMenuAfterSessionLoss(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 3002}
	registerAdvisor(h, p)
	menu := h.Last(p)
	h.LoseSessions()
	toast := h.PressData(p, menu.ID, menu.Buttons[0][0].Data)
	h.NoError()
	if toast != h.Tr("de", "flow.stale", nil) {
		t.Errorf("toast %q", toast)
	}
	// The next command still knows the user.
	h.Send(p, "/menu")
	h.Expect(p, h.Tr("de", "menu.title", map[string]any{"Roles": "Berater*in"}))
}
