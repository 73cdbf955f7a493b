package flowstest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Answers of a complete onboarding.
type Answers struct {
	Lang  string
	Role  domain.Role // "": the role step is skipped (preset by invite or configuration)
	Name  string
	Muni  string // municipality
	State string // Bundesland code, e.g. "NW"
	Fn    string // function
	Org   string
	City  string // the association's city; its Bundesland is State
	// Topics and InviteLang answer an association's topics and invitation
	// language ("": Lang).
	Topics     []domain.Topic
	InviteLang string
}

// Standard answers of each self-chosen role (Lang to be set).
var (
	Municipal = Answers{Role: domain.RoleMunicipal, Name: "Erika Mustermann", Muni: "Hattingen",
		State: "NW", Fn: "Integrationsbeauftragte"}
	Advisor      = Answers{Role: domain.RoleAdvisor, Name: "Amira Haddad"}
	Organisation = Answers{Role: domain.RoleOrganisation, Name: "Kofi Mensah",
		Org: `Kultur & "Bildung" e.V.`, City: "Köln", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture, domain.TopicYouth}}
)

// Onboard takes p from /start (with startArgs, e.g. " <invite>") to the
// summary, checking every question. An advisor, who comes by invite only,
// opens a system invite of the role (see SystemInvite) unless startArgs
// names one.
func (h *H) Onboard(p Person, a Answers, startArgs string) {
	h.T.Helper()
	l := a.Lang
	invited := a.Role == domain.RoleAdvisor
	if invited && startArgs == "" {
		startArgs = " " + h.SystemInvite(p, a.Role)
	}
	h.Send(p, "/start"+startArgs)
	h.Expect(p, h.Tr(l, "onb.lang_prompt", map[string]any{"Name": p.FirstName}))
	h.Press(p, h.Plain(l, "lang.name", nil))
	h.Expect(p, h.Tr(l, "onb.consent_prompt", nil))
	h.Press(p, h.Plain(l, "btn.consent_yes", nil))
	if a.Role != "" && !invited {
		h.Expect(p, h.Tr(l, "onb.role_prompt", nil))
		h.Press(p, h.Plain(l, "role."+string(a.Role), nil))
	}
	h.Expect(p, h.Tr(l, "onb.name_prompt", nil))
	h.Send(p, a.Name)
	if a.Muni != "" {
		h.Expect(p, h.Tr(l, "onb.municipality_prompt", nil))
		h.Send(p, a.Muni)
		h.Expect(p, h.Tr(l, "onb.state_prompt", map[string]any{"Place": a.Muni}))
		h.Press(p, h.Plain(l, "state."+a.State, nil))
		h.Expect(p, h.Tr(l, "onb.function_prompt", nil))
		h.Send(p, a.Fn)
	}
	if a.Org != "" {
		h.Expect(p, h.Tr(l, "onb.organisation_prompt", nil))
		h.Send(p, a.Org)
		h.Expect(p, h.Tr(l, "onb.city_prompt", map[string]any{"Organisation": a.Org}))
		h.Send(p, a.City)
		h.Expect(p, h.Tr(l, "onb.state_prompt", map[string]any{"Place": a.City}))
		h.Press(p, h.Plain(l, "state."+a.State, nil))
		h.ChooseTopics(p, l, "onb.topics_prompt", a.Topics)
		h.Expect(p, h.Tr(l, "onb.invite_lang_prompt", nil))
		inviteLang := a.InviteLang
		if inviteLang == "" {
			inviteLang = l
		}
		h.Press(p, h.Plain(inviteLang, "lang.name", nil))
	}
	h.Expect(p, h.Tr(l, "field.name", nil)+":</b> "+engine.Escape(a.Name))
}

// ChooseTopics expects the multi-select question promptKey, taps topics
// and "done".
func (h *H) ChooseTopics(p Person, lang, promptKey string, topics []domain.Topic) {
	h.T.Helper()
	h.Expect(p, h.Tr(lang, promptKey, nil))
	for _, tp := range topics {
		h.Press(p, h.Plain(lang, engine.TopicKeys[tp], nil))
	}
	h.Press(p, h.Plain(lang, "btn.done", map[string]any{"N": len(topics)}))
}

// SystemInvite stores an invite of the system (no creator, no scope) for
// p to register as role, valid for a day, and returns its code.
func (h *H) SystemInvite(p Person, role domain.Role) string {
	h.T.Helper()
	code := fmt.Sprintf("system-%s-%d", strings.ReplaceAll(string(role), "_", "-"), p.ID)
	if err := h.DB.CreateInvite(context.Background(), code, role, 0, h.Clock.Now().Add(24*time.Hour)); err != nil {
		h.T.Fatalf("system invite: %v", err)
	}
	return code
}

// Confirm presses confirm on the onboarding summary and checks the menu.
func (h *H) Confirm(p Person, lang string) {
	h.T.Helper()
	h.Press(p, h.Plain(lang, "btn.confirm", nil))
	h.Expect(p, h.Tr(lang, "onb.done", nil))
	h.ExpectButtons(p, h.Plain(lang, "btn.profile", nil), h.Plain(lang, "btn.privacy", nil))
}

// Register onboards p with a and confirms. A municipal contact's
// registration must have told every registered coordinator (but p): one
// notice each, naming p, delivered here.
func (h *H) Register(p Person, a Answers) {
	h.T.Helper()
	h.Onboard(p, a, "")
	h.Confirm(p, a.Lang)
	if a.Muni != "" {
		h.ExpectContactNotices(p, a.Name)
	}
}

// ExpectContactNotices delivers the outbox and fails unless every
// registered coordinator but p got exactly one notice that names name,
// and nobody else got anything.
func (h *H) ExpectContactNotices(p Person, name string) {
	h.T.Helper()
	coords, err := h.DB.Coordinators(context.Background())
	if err != nil {
		h.T.Fatal(err)
	}
	want := map[int64]int{}
	for _, c := range coords {
		if c.TelegramID != p.ID {
			want[c.ChatID] = 1
		}
	}
	h.ExpectDelivered(want)
	for chat := range want {
		if got := h.Last(Person{ID: chat}).Text; !strings.Contains(got, engine.Escape(name)) {
			h.T.Fatalf("coordinator %d was not told of %s:\n%s", chat, name, got)
		}
	}
}

// DecideContact confirms or rejects (to) every waiting link of p as the
// first registered coordinator would, straight in the store (the contacts
// feature's tests go through the bot).
func (h *H) DecideContact(p Person, to domain.ContactStatus) {
	h.T.Helper()
	ctx := context.Background()
	coords, err := h.DB.Coordinators(ctx)
	if err != nil || len(coords) == 0 {
		h.T.Fatalf("decide contact %d: no coordinator to decide (%v)", p.ID, err)
	}
	pending, err := h.DB.PendingContacts(ctx)
	if err != nil {
		h.T.Fatal(err)
	}
	uid, n := h.UserID(p), 0
	for _, c := range pending {
		if c.UserID == uid {
			if _, err := h.DB.DecideContact(ctx, c.ID, coords[0].ID, to, nil); err != nil {
				h.T.Fatal(err)
			}
			n++
		}
	}
	if n == 0 {
		h.T.Fatalf("decide contact %d: nothing waits", p.ID)
	}
}

// RegisterMunicipal registers p as the municipal contact of Hattingen.
func (h *H) RegisterMunicipal(p Person, lang string) {
	h.T.Helper()
	a := Municipal
	a.Lang = lang
	h.Register(p, a)
}

// RegisterCoordinators registers the two configured coordinators: the
// first in German, the second in English. Notifications reach
// coordinators registered when they are written.
func (h *H) RegisterCoordinators() (de, en Person) {
	h.T.Helper()
	de, en = Person{ID: CoordinatorID, LangHint: "de"}, Person{ID: Coordinator2ID, LangHint: "en"}
	h.Register(de, Answers{Lang: "de", Name: "Jana Koordination"})
	h.Register(en, Answers{Lang: "en", Name: "Jana Koordination"})
	return de, en
}

// UserID returns the users.id of p.
func (h *H) UserID(p Person) int64 {
	h.T.Helper()
	u, err := h.User(p)
	if err != nil {
		h.T.Fatalf("user %d: %v", p.ID, err)
	}
	return u.ID
}
