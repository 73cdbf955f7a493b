package invites_test

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// linkRe is an invite link of the harness's bot, the code its group.
var linkRe = regexp.MustCompile(`https://t\.me/` + flowstest.BotUsername + `\?start=([A-Za-z0-9_-]{16,})`)

// invite has p ask for an invite with the button labelled what (after
// /einladen or /invite in lang) and returns its link and code.
func invite(h *flowstest.H, p flowstest.Person, lang, what string) (link, code string) {
	h.T.Helper()
	h.Send(p, map[string]string{"de": "/einladen", "en": "/invite"}[lang])
	h.Expect(p, h.Tr(lang, "invlink.choose", map[string]any{"Days": 7}))
	h.Press(p, what)
	m := h.Last(p)
	found := linkRe.FindStringSubmatch(m.Text)
	if found == nil {
		h.T.Fatalf("no invite link in:\n%s", m.Text)
	}
	return found[0], found[1]
}

// actor reads p as the next turn would.
func actor(t *testing.T, h *flowstest.H, p flowstest.Person) domain.Actor {
	t.Helper()
	a, err := h.DB.ActorByTelegramID(context.Background(), p.ID)
	if err != nil {
		t.Fatalf("actor %d: %v", p.ID, err)
	}
	return a
}

// rolesOf returns p's roles as stored.
func rolesOf(t *testing.T, h *flowstest.H, p flowstest.Person) []domain.Role {
	t.Helper()
	return actor(t, h, p).Roles
}

// used reports whether invite code was used, as stored.
func used(t *testing.T, h *flowstest.H, code string) bool {
	t.Helper()
	inv, err := h.DB.InviteByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("invite: %v", err)
	}
	return !inv.UsedAt.IsZero()
}

// onboardInvited answers language, consent and name of a new user who
// opened an invite (no role question), in German.
func onboardInvited(h *flowstest.H, p flowstest.Person, name string) {
	h.T.Helper()
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	h.Expect(p, h.Tr("de", "onb.name_prompt", nil))
	h.Send(p, name)
}

// hasAll reports whether list holds every one of want.
func hasAll(list []string, want ...string) bool {
	for _, w := range want {
		if !slices.Contains(list, w) {
			return false
		}
	}
	return true
}
