package invites_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// A coordinator invites an advisor: the link as text to copy, its expiry,
// a share button with the link and a short text; a new user who opens it
// registers as advisor without a role question, and the coordinator's
// list says who used it.
func TestCoordinatorInvitesAnAdvisor(t *testing.T) {
	h := flowstest.New(t)
	coord, _ := h.RegisterCoordinators()
	h.Send(coord, "/menu")
	h.ExpectButtons(coord, h.Plain("de", "btn.invite", nil))
	link, code := invite(h, coord, "de", "Berater*in")
	if len(code) != domain.InviteCodeLen {
		t.Errorf("code %q has %d characters, want %d", code, len(code), domain.InviteCodeLen)
	}
	m := h.Expect(coord, "<code>"+link+"</code>", "01.12.2026, 18:00 Uhr")
	share := h.URLOf(coord, h.Plain("de", "btn.invite_share", nil))
	text := h.Plain("de", "invlink.share_text", map[string]any{"What": "Berater*in"})
	if want := "https://t.me/share/url?url=" + url.QueryEscape(link) + "&text=" + url.QueryEscape(text); share != want {
		t.Errorf("share URL %q, want %q", share, want)
	}
	if !slices.Contains(h.Buttons(coord), h.Plain("de", "btn.invite_revoke", nil)) {
		t.Errorf("no revoke button: %v\n%s", h.Buttons(coord), m.Text)
	}

	p := flowstest.Person{ID: 7101, LangHint: "de"}
	h.Send(p, "/start "+code)
	h.Expect(p, h.Tr("de", "invite.valid", map[string]any{"Role": "Berater*in"}))
	onboardInvited(h, p, "Amira Haddad")
	h.Expect(p, "<b>Rolle:</b> Berater*in")
	h.Confirm(p, "de")
	if roles := rolesOf(t, h, p); !slices.Equal(roles, []domain.Role{domain.RoleAdvisor}) {
		t.Errorf("roles %v, want advisor", roles)
	}
	if !used(t, h, code) {
		t.Error("the invite is not used")
	}
	h.Send(coord, "/einladen")
	h.Press(coord, h.Plain("de", "btn.invite_mine", nil))
	h.Expect(coord, h.Tr("de", "invlink.item_used", map[string]any{"What": "Berater*in", "Name": "Amira Haddad",
		"Date": "24.11.2026, 18:00 Uhr"}))
}

// A confirmed municipal contact invites a colleague, who joins the same
// municipality confirmed: the municipality is not asked, it shows in the
// summary without an edit button, and the office gets no check to make.
func TestConfirmedContactInvitesAColleague(t *testing.T) {
	h := flowstest.New(t)
	h.RegisterCoordinators()
	p := flowstest.Person{ID: 7201, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	h.DecideContact(p, domain.ContactVerified)
	h.Deliver()
	what := h.Plain("de", "invlink.colleague", map[string]any{"Name": "Hattingen"})
	_, code := invite(h, p, "de", what)

	q := flowstest.Person{ID: 7202, LangHint: "de"}
	h.Send(q, "/start "+code)
	h.Expect(q, h.Tr("de", "invite.valid", map[string]any{"Role": "Kommune", "Name": "Hattingen"}))
	onboardInvited(h, q, "Jonas Weber")
	h.Expect(q, h.Tr("de", "onb.function_prompt", nil))
	h.Send(q, "Kämmerer")
	h.Expect(q, "<b>Kommune:</b> Hattingen", "<b>Bundesland:</b> Nordrhein-Westfalen", "<b>Funktion:</b> Kämmerer")
	h.Press(q, h.Plain("de", "btn.edit", nil))
	if b := h.Buttons(q); slices.Contains(b, "Kommune") || slices.Contains(b, "Bundesland") {
		t.Errorf("the invited municipality can be edited: %v", b)
	}
	h.Press(q, h.Plain("de", "btn.back", nil))
	h.Confirm(q, "de")
	h.Expect(q, h.Tr("de", "onb.joined_municipality", map[string]any{"Municipality": "Hattingen"}))
	h.ExpectDelivered(map[int64]int{})
	if a, b := actor(t, h, q), actor(t, h, p); !a.SpeaksFor(b.Verified[0]) || len(a.Municipalities) != 1 {
		t.Errorf("colleague %+v does not speak for %v", a, b.Verified)
	}
}

// A contact the office has not confirmed cannot invite: the command says
// who can, and a forged press makes nothing.
func TestUnconfirmedContactCannotInvite(t *testing.T) {
	h := flowstest.New(t)
	h.RegisterCoordinators()
	p := flowstest.Person{ID: 7301, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	h.Send(p, "/einladen")
	h.Expect(p, h.Tr("de", "invlink.refused", nil))
	mid := actor(t, h, p).Municipalities[0]
	h.Send(p, "/help")
	toast := h.PressUnchanged(p, h.Last(p).ID, h.Nonce(p)+":m:invite_new.m"+strconv.FormatInt(mid, 10))
	if toast == "" {
		t.Error("a forged invite press was not refused")
	}
	if list, err := h.DB.InvitesBy(context.Background(), h.UserID(p), time.Time{}); err != nil || len(list) != 0 {
		t.Errorf("invites stored: %+v, %v; want none", list, err)
	}
}

// An organisation's member invites a colleague, who joins the same
// association (not a new one) without being asked its name.
func TestMemberInvitesAColleague(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 7401, LangHint: "de"}
	a := flowstest.Organisation
	a.Lang = "de"
	h.Register(p, a)
	_, code := invite(h, p, "de", h.Plain("de", "invlink.colleague", map[string]any{"Name": a.Org}))
	q := flowstest.Person{ID: 7402, LangHint: "de"}
	h.Send(q, "/start "+code)
	onboardInvited(h, q, "Ama Owusu")
	// Neither the Bundesland nor the topics nor the invitation language is
	// asked: they are the association's.
	h.Expect(q, "<b>Organisation:</b> "+engine.Escape(a.Org))
	for _, label := range []string{"field.state", "field.topics", "field.invite_lang"} {
		if l := "<b>" + h.Plain("de", label, nil) + ":</b>"; strings.Contains(h.Last(q).Text, l) {
			t.Errorf("the invited member's summary shows %s:\n%s", l, h.Last(q).Text)
		}
	}
	h.Confirm(q, "de")
	if got, want := actor(t, h, q).Organisations, actor(t, h, p).Organisations; !slices.Equal(got, want) {
		t.Errorf("member of %v, want %v", got, want)
	}
	_, theirs, err := h.DB.Profiles(context.Background(), h.UserID(q))
	_, ours, err2 := h.DB.Profiles(context.Background(), h.UserID(p))
	if err != nil || err2 != nil || len(theirs) != 1 || !reflect.DeepEqual(theirs, ours) || theirs[0].State != "NW" ||
		!slices.Equal(theirs[0].Topics, a.Topics) {
		t.Errorf("the invited member's association %+v (%v), the first member's %+v (%v)", theirs, err, ours, err2)
	}
}

// A registered user who opens an invite is asked first: "Nein" changes
// nothing, "Ja" adds the role and uses the invite; an invite of a role
// they hold is said to be so and stays unused.
func TestRegisteredUserAddsTheRole(t *testing.T) {
	h := flowstest.New(t)
	coord, _ := h.RegisterCoordinators()
	p := flowstest.Person{ID: 7501, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	_, code := invite(h, coord, "de", "Berater*in")
	h.Send(p, "/start "+code)
	h.Expect(p, "Sie wurden als Berater*in eingeladen. Rolle hinzufügen?")
	h.Press(p, h.Plain("de", "btn.invite_no", nil))
	if used(t, h, code) || slices.Contains(rolesOf(t, h, p), domain.RoleAdvisor) {
		t.Fatal("no changed something")
	}
	h.Send(p, "/start "+code)
	h.Press(p, h.Plain("de", "btn.invite_yes", nil))
	h.Expect(p, h.Tr("de", "invite.added", map[string]any{"Role": "Berater*in"}), "<b>Hauptmenü</b>")
	if !used(t, h, code) || !slices.Contains(rolesOf(t, h, p), domain.RoleAdvisor) {
		t.Fatalf("after yes: used %v, roles %v", used(t, h, code), rolesOf(t, h, p))
	}
	_, again := invite(h, coord, "de", "Berater*in")
	h.Send(p, "/start "+again)
	h.Expect(p, h.Tr("de", "invite.held", map[string]any{"Role": "Berater*in"}))
	if used(t, h, again) {
		t.Error("an invite of a role held was used")
	}
}
