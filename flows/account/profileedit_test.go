package account_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// "Mein Profil" edits each field the user told: the name, the function,
// the municipality (which then waits for the office again, and the office
// is told), the organisation with its city; a bad answer changes nothing.
func TestProfileEditsEachField(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			coordDE, coordEN := h.RegisterCoordinators()
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			edit := func(fieldKey string) string {
				return h.Plain(lang, "btn.edit_field", map[string]any{"Field": h.Plain(lang, fieldKey, nil)})
			}
			p := flowstest.Person{ID: 6401, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.DecideContact(p, domain.ContactVerified)
			h.Send(p, "/menu")
			h.Press(p, h.Plain(lang, "btn.profile", nil))
			h.ExpectButtons(p, edit("field.name"), edit("field.function"), edit("field.municipality"))

			h.Press(p, edit("field.name"))
			h.Expect(p, tr("edit.name", map[string]any{"Current": "Erika Mustermann"}))
			h.SendRefused(p, "R2-D2", tr("invalid.name_chars", nil))
			h.Send(p, "Erika Muster-Schmidt")
			h.Expect(p, tr("edit.saved", nil), "Erika Muster-Schmidt")

			h.Press(p, edit("field.function"))
			h.Send(p, "Leiterin Integration & Teilhabe")
			h.Expect(p, tr("edit.saved", nil), "Leiterin Integration &amp; Teilhabe")

			h.Press(p, edit("field.municipality"))
			h.Send(p, "Bochum")
			h.Press(p, h.Plain(lang, "state.NW", nil))
			h.Expect(p, tr("edit.moved", map[string]any{"Municipality": "Bochum"}), "Bochum", tr("profile.contact_pending", nil))
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			h.Expect(coordDE, "Erika Muster-Schmidt</b>, Leiterin Integration &amp; Teilhabe", "Bochum")
			a, err := h.DB.ActorByTelegramID(context.Background(), p.ID)
			if err != nil || a.Name != "Erika Muster-Schmidt" || len(a.Verified) != 0 || len(a.Municipalities) != 1 {
				t.Errorf("after the edits: %+v, %v", a, err)
			}

			o := flowstest.Person{ID: 6402, LangHint: lang}
			ans := flowstest.Organisation
			ans.Lang = lang
			h.Register(o, ans)
			h.Send(o, "/menu")
			h.Press(o, h.Plain(lang, "btn.profile", nil))
			h.Press(o, edit("field.organisation"))
			h.Send(o, "Brücke & Partner e.V.")
			h.Send(o, "Dortmund")
			h.Expect(o, tr("edit.saved", nil), "Brücke &amp; Partner e.V., Dortmund")
		})
	}
}

// A member of an association edits its Bundesland, topics and invitation
// language from "Mein Profil"; the change applies to the association, so
// another member sees it. Deselecting every topic and typing at the
// language question are refused and change nothing.
func TestMemberEditsTheAssociationForAll(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			ctx := context.Background()
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			pl := func(key string, data map[string]any) string { return h.Plain(lang, key, data) }
			edit := func(fieldKey string) string { return pl("btn.edit_field", map[string]any{"Field": pl(fieldKey, nil)}) }
			p := flowstest.Person{ID: 6501, LangHint: lang}
			a := flowstest.Organisation
			a.Lang = lang
			h.Register(p, a)
			pa, err := h.DB.ActorByTelegramID(ctx, p.ID)
			if err != nil || len(pa.Organisations) != 1 {
				t.Fatalf("first member %+v, %v", pa, err)
			}
			org := pa.Organisations[0]
			code := "colleague-6502-0000000001"
			if err := h.DB.AddInvite(ctx, domain.Invite{Code: code, CreatedBy: h.UserID(p), ExpiresAt: h.Clock.Now().Add(time.Hour),
				InviteScope: domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: org}}); err != nil {
				t.Fatal(err)
			}
			q := flowstest.Person{ID: 6502, LangHint: lang}
			h.Onboard(q, flowstest.Answers{Lang: lang, Name: "Ama Owusu"}, " "+code)
			h.Confirm(q, lang)

			h.Send(q, "/menu")
			h.Press(q, pl("btn.profile", nil))
			h.Expect(q, engine.Escape(a.Org), pl("topic.culture", nil)+", "+pl("topic.youth", nil))
			h.ExpectButtons(q, edit("field.state"), edit("field.topics"), edit("field.invite_lang"))

			h.Press(q, edit("field.state"))
			h.Expect(q, tr("edit.org_state", map[string]any{"Current": pl("state.NW", nil)}))
			h.SendRefused(q, "Hessen", tr("flow.use_buttons", nil))
			h.Press(q, pl("state.HE", nil))
			h.Expect(q, tr("edit.saved", nil), pl("state.HE", nil))

			h.Press(q, edit("field.topics"))
			on := func(key string) string { return pl("multi.on", map[string]any{"Label": pl(key, nil)}) }
			h.ExpectButtons(q, on("topic.culture"), on("topic.youth"))
			h.Press(q, on("topic.culture"))
			h.Press(q, on("topic.youth"))
			if toast := h.Press(q, pl("btn.done", map[string]any{"N": 0})); toast != pl("multi.too_few", map[string]any{"Min": 1}) {
				t.Errorf("no topic left: toast %q", toast)
			}
			h.Press(q, pl("topic.sports", nil))
			h.Press(q, pl("btn.done", map[string]any{"N": 1}))
			h.Expect(q, tr("edit.saved", nil), pl("topic.sports", nil))

			other := map[string]string{"de": "en", "en": "de"}[lang]
			h.Press(q, edit("field.invite_lang"))
			h.SendRefused(q, h.Plain(other, "lang.name", nil), tr("flow.use_buttons", nil))
			h.Press(q, h.Plain(other, "lang.name", nil))
			h.Expect(q, tr("edit.saved", nil))

			// The first member sees the association as changed.
			h.Send(p, "/menu")
			h.Press(p, pl("btn.profile", nil))
			h.Expect(p, pl("state.HE", nil), pl("topic.sports", nil), h.Plain(other, "lang.name", nil))
			for _, who := range []flowstest.Person{p, q} {
				_, orgs, err := h.DB.Profiles(ctx, h.UserID(who))
				if err != nil || len(orgs) != 1 || orgs[0].ID != org || orgs[0].State != "HE" || orgs[0].InviteLang != other ||
					!slices.Equal(orgs[0].Topics, []domain.Topic{domain.TopicSports}) {
					t.Errorf("member %d sees %+v, %v", who.ID, orgs, err)
				}
			}
		})
	}
}
