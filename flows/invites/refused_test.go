package invites_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Used, expired, revoked and unknown links are refused with their
// sentence and grant nothing: a new user is asked for a role as without
// a link (and may not pick advisor), a registered user keeps their roles.
func TestRefusedLinksGrantNothing(t *testing.T) {
	cases := []struct {
		name string
		key  string
		make func(h *flowstest.H, coord flowstest.Person) string // returns the code
	}{
		{"used", "invite.used", func(h *flowstest.H, coord flowstest.Person) string {
			_, code := invite(h, coord, "de", "Berater*in")
			other := flowstest.Person{ID: 7690, LangHint: "de"}
			h.Send(other, "/start "+code)
			onboardInvited(h, other, "Erste Person")
			h.Confirm(other, "de")
			return code
		}},
		{"expired", "invite.expired", func(h *flowstest.H, coord flowstest.Person) string {
			_, code := invite(h, coord, "de", "Berater*in")
			h.Clock.Advance(7*24*time.Hour + time.Minute)
			return code
		}},
		{"revoked", "invite.revoked", func(h *flowstest.H, coord flowstest.Person) string {
			_, code := invite(h, coord, "de", "Berater*in")
			h.Press(coord, h.Plain("de", "btn.invite_revoke", nil))
			h.Expect(coord, h.Tr("de", "invlink.ask_revoke", map[string]any{"What": "Berater*in", "Until": "01.12.2026, 18:00 Uhr"}))
			if toast := h.Press(coord, h.Plain("de", "btn.invite_revoke_yes", nil)); toast != h.Plain("de", "invlink.toast_revoked", nil) {
				h.T.Errorf("toast %q", toast)
			}
			h.Expect(coord, h.Tr("de", "invlink.item_revoked", map[string]any{"What": "Berater*in", "Date": "24.11.2026, 18:00 Uhr"}))
			h.ExpectButtons(coord, h.Plain("de", "btn.invite", nil)) // the list, with no revoke button left
			return code
		}},
		{"unknown", "invite.unknown", func(*flowstest.H, flowstest.Person) string { return "AAAAAAAAAAAAAAAAAAAAAA" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := flowstest.New(t)
			coord, _ := h.RegisterCoordinators()
			code := c.make(h, coord)

			p := flowstest.Person{ID: 7601, LangHint: "de"}
			h.Send(p, "/start "+code)
			h.Expect(p, h.Tr("de", c.key, nil), h.Tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
			h.Press(p, "Deutsch")
			h.Press(p, "Ich stimme zu")
			h.Expect(p, h.Tr("de", "onb.role_prompt", nil))
			if b := h.Buttons(p); !hasAll(b, "Kommune", "Migrantenorganisation") || slices.Contains(b, "Berater*in") {
				t.Errorf("role choice %v", b)
			}

			q := flowstest.Person{ID: 7602, LangHint: "de"}
			h.RegisterMunicipal(q, "de")
			h.Send(q, "/start "+code)
			h.Expect(q, h.Tr("de", c.key, map[string]any{"Registered": true}), "<b>Hauptmenü</b>")
			if roles := rolesOf(t, h, q); !slices.Equal(roles, []domain.Role{domain.RoleMunicipal}) {
				t.Errorf("roles %v after a refused link", roles)
			}
		})
	}
}

// Only the creator or a coordinator revokes: anyone else's press (an old
// or forged button) is refused and the link still works; the list shows
// every state.
func TestRevokeBySomeoneElseIsRefused(t *testing.T) {
	h := flowstest.New(t)
	coord, coordEN := h.RegisterCoordinators()
	p := flowstest.Person{ID: 7701, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	h.DecideContact(p, domain.ContactVerified)
	h.Deliver()
	_, code := invite(h, coord, "de", "Berater*in")
	inv, err := h.DB.InviteByCode(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	data, err := engine.CallbackData("*", "iv", "rvy", strconv.FormatInt(inv.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	h.Send(p, "/help")
	if toast := h.PressUnchanged(p, h.Last(p).ID, data); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("toast %q", toast)
	}
	if inv, _ := h.DB.InviteByCode(t.Context(), code); inv.Status(h.Clock.Now()) != domain.InviteOpen {
		t.Fatalf("revoked by someone else: %+v", inv)
	}
	// The list: one open, one used, one expired, one revoked.
	_, usedCode := invite(h, coord, "de", "Koordination")
	h.Send(p, "/start "+usedCode)
	h.Press(p, h.Plain("de", "btn.invite_yes", nil))
	_, revoked := invite(h, coord, "de", "Berater*in")
	h.Press(coord, h.Plain("de", "btn.invite_revoke", nil))
	h.Press(coord, h.Plain("de", "btn.invite_revoke_yes", nil))
	_ = revoked
	h.Clock.Advance(6 * 24 * time.Hour)
	invite(h, coord, "de", "Berater*in") // open
	h.Clock.Advance(2 * 24 * time.Hour)  // the first expired
	_, last := invite(h, coord, "de", "Berater*in")
	h.Press(coord, h.Plain("de", "btn.invite_mine", nil))
	m := h.Expect(coord, h.Tr("de", "invlink.list_title", map[string]any{"Count": 5}),
		h.Tr("de", "invlink.item_used", map[string]any{"What": "Koordination", "Name": "Erika Mustermann", "Date": "24.11.2026, 18:00 Uhr"}),
		h.Tr("de", "invlink.item_revoked", map[string]any{"What": "Berater*in", "Date": "24.11.2026, 18:00 Uhr"}),
		h.Tr("de", "invlink.item_expired", map[string]any{"What": "Berater*in", "Date": "01.12.2026, 18:00 Uhr"}),
		h.Tr("de", "invlink.item_open", map[string]any{"What": "Berater*in", "Until": "09.12.2026, 18:00 Uhr"}))
	revokeButtons := 0
	for _, l := range h.Buttons(coord) {
		if l == h.Plain("de", "btn.invite_revoke_item", map[string]any{"What": "Berater*in", "Date": "09.12.2026"}) ||
			l == h.Plain("de", "btn.invite_revoke_item", map[string]any{"What": "Berater*in", "Date": "07.12.2026"}) {
			revokeButtons++
		}
	}
	if revokeButtons != 2 {
		t.Errorf("revoke buttons %v, want one per open invite:\n%s", h.Buttons(coord), m.Text)
	}
	// The other coordinator (a coordinator) may revoke it; in English.
	open, err := h.DB.InviteByCode(t.Context(), last)
	if err != nil {
		t.Fatal(err)
	}
	data, _ = engine.CallbackData("*", "iv", "rv", strconv.FormatInt(open.ID, 10))
	h.Send(coordEN, "/help")
	h.PressData(coordEN, h.Last(coordEN).ID, data)
	h.NoError()
	h.Expect(coordEN, h.Tr("en", "invlink.ask_revoke", map[string]any{"What": "Advisor", "Until": "9 Dec 2026, 18:00"}))
	h.Press(coordEN, h.Plain("en", "btn.invite_revoke_yes", nil))
	if inv, _ := h.DB.InviteByCode(t.Context(), last); inv.Status(h.Clock.Now()) != domain.InviteRevoked {
		t.Errorf("a coordinator's revoke: %+v", inv)
	}
}

// The whole way in English: /invite, the link, and a new user who opens
// it.
func TestInviteInEnglish(t *testing.T) {
	h := flowstest.New(t)
	_, coord := h.RegisterCoordinators()
	link, code := invite(h, coord, "en", "Coordination")
	h.Expect(coord, "<b>Invitation created: Coordination</b>", "<code>"+link+"</code>")
	h.URLOf(coord, h.Plain("en", "btn.invite_share", nil))
	p := flowstest.Person{ID: 7801, LangHint: "en"}
	h.Send(p, "/start "+code)
	h.Expect(p, h.Tr("en", "invite.valid", map[string]any{"Role": "Coordination"}))
	h.Press(p, "English")
	h.Press(p, h.Plain("en", "btn.consent_yes", nil))
	h.Send(p, "Grace Mensah")
	h.Expect(p, "<b>Role:</b> Coordination")
	h.Confirm(p, "en")
	if roles := rolesOf(t, h, p); !slices.Equal(roles, []domain.Role{domain.RoleCoordinator}) {
		t.Errorf("roles %v", roles)
	}
}
