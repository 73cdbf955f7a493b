package advisors_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// registerAdvisor registers p as an advisor speaking lang.
func registerAdvisor(h *flowstest.H, p flowstest.Person, lang string) {
	h.T.Helper()
	a := flowstest.Advisor
	a.Lang = lang
	h.Register(p, a)
}

// stored returns p's stored advisor profile.
func stored(h *flowstest.H, p flowstest.Person) domain.AdvisorProfile {
	h.T.Helper()
	got, err := h.DB.AdvisorProfile(context.Background(), h.UserID(p))
	if err != nil {
		h.T.Fatalf("advisor profile of %d: %v", p.ID, err)
	}
	return got
}

// An advisor fills the profile from the menu, with refused answers on the
// way, and it is stored as answered; opened again, it shows the summary,
// and changing the quota there keeps every other field.
func TestAdvisorFillsAndEditsProfile(t *testing.T) {
	for i, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: int64(7100 + i), FirstName: "Amira", LangHint: lang}
			registerAdvisor(h, p, lang)
			label := func(key string) string { return h.Plain(lang, key, nil) }
			done := func(n int) string { return h.Plain(lang, "btn.done", map[string]any{"N": n}) }
			line := func(field, value string) string { return "<b>" + label(field) + ":</b> " + value }

			h.Send(p, "/menu")
			h.Press(p, label("btn.advisor_profile"))
			h.Expect(p, h.Tr(lang, "advisor.intro", nil), h.Tr(lang, "advisor.expertise_prompt", nil))
			if toast := h.Press(p, done(0)); toast != h.Plain(lang, "multi.too_few", map[string]any{"Min": 1}) {
				t.Errorf("no topic: toast %q", toast)
			}
			h.Press(p, label("topic.fair_trade"))
			h.Press(p, label("topic.events_pr"))
			h.Press(p, done(2))

			h.Expect(p, h.Tr(lang, "advisor.languages_prompt", nil))
			h.Press(p, label("advlang.tr"))
			h.SendRefused(p, "12, !!", h.Tr(lang, "advisor.language_invalid", nil))
			h.Send(p, "Tigrinya, "+label("advlang.de"))
			h.Expect(p, h.Tr(lang, "multi.added", nil))
			h.Press(p, done(3))

			h.Expect(p, h.Tr(lang, "advisor.city_prompt", nil))
			h.Send(p, "Bochum")
			h.Expect(p, h.Tr(lang, "advisor.state_prompt", map[string]any{"City": "Bochum"}))
			h.Press(p, label("state.NW"))
			h.Expect(p, h.Tr(lang, "advisor.formats_prompt", nil))
			h.Press(p, label("advisor.on_site"))
			h.Press(p, label("advisor.online"))
			h.Press(p, done(2))
			h.Expect(p, h.Tr(lang, "advisor.travels_prompt", nil))
			if slices.Contains(h.Buttons(p), label("state.NW")) {
				t.Error("the travels offer the home Bundesland")
			}
			h.Press(p, label("state.NI"))
			h.Press(p, done(1))
			h.Expect(p, h.Tr(lang, "advisor.quota_prompt", nil))
			h.Press(p, "3")
			h.Expect(p, h.Tr(lang, "advisor.pause_prompt", nil))
			h.Send(p, "2026-12-24")
			h.Expect(p, h.Tr(lang, "advisor.reach_prompt", nil))
			h.Send(p, "Telefon 0234 123456")

			h.Expect(p, h.Tr(lang, "advisor.summary", map[string]any{"Lines": ""}),
				line("advisor.field_expertise", label("topic.fair_trade")+", "+label("topic.events_pr")),
				line("advisor.field_languages", label("advlang.tr")+", Tigrinya, "+label("advlang.de")),
				line("field.city", "Bochum"), line("advisor.field_travels", label("state.NI")),
				line("advisor.field_quota", "3"), line("advisor.field_reach", "Telefon 0234 123456"))
			h.Press(p, label("btn.confirm"))
			h.Expect(p, h.Tr(lang, "advisor.saved", nil))

			want := domain.AdvisorProfile{UserID: h.UserID(p), Name: flowstest.Advisor.Name,
				Expertise: []domain.Topic{domain.TopicFairTrade, domain.TopicEventsPR},
				Languages: []string{"Türkisch", "Tigrinya", "Deutsch"}, City: "Bochum", State: "NW",
				Travels: []string{"NI"}, Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline},
				MaxPerQuarter: 3, PausedUntil: time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC),
				Reach: "Telefon 0234 123456"}
			if got := stored(h, p); !reflect.DeepEqual(got, want) {
				t.Fatalf("stored\n %+v\nwant\n %+v", got, want)
			}

			// Opened again: the summary at once; one field changed.
			h.Send(p, "/menu")
			h.Press(p, label("btn.advisor_profile"))
			h.Expect(p, line("advisor.field_quota", "3"), line("field.city", "Bochum"))
			h.Change(p, lang, label("advisor.field_quota"))
			h.Press(p, label("advisor.no_limit"))
			h.Expect(p, line("advisor.field_quota", label("advisor.no_limit")))
			h.Press(p, label("btn.confirm"))
			h.Expect(p, h.Tr(lang, "advisor.saved", nil))
			want.MaxPerQuarter = 0
			if got := stored(h, p); !reflect.DeepEqual(got, want) {
				t.Fatalf("after the change\n %+v\nwant\n %+v", got, want)
			}
		})
	}
}

// Online only: the travels are not asked, and the profile is stored as
// online only; no pause is a button.
func TestAdvisorOnlineOnly(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 7110, FirstName: "Amira", LangHint: "de"}
	registerAdvisor(h, p, "de")
	label := func(key string) string { return h.Plain("de", key, nil) }
	done := func(n int) string { return h.Plain("de", "btn.done", map[string]any{"N": n}) }
	h.Send(p, "/beraterprofil")
	h.Press(p, label("topic.agenda"))
	h.Press(p, done(1))
	h.Press(p, label("advlang.de"))
	h.Press(p, done(1))
	h.SendRefused(p, "<b>x</b>", h.Tr("de", "invalid.markup", nil))
	h.Send(p, "Kiel")
	h.Press(p, label("state.SH"))
	h.Press(p, label("advisor.online"))
	h.Press(p, done(1))
	h.Expect(p, h.Tr("de", "advisor.quota_prompt", nil))
	h.Press(p, "1")
	h.Press(p, label("advisor.no_pause"))
	h.Send(p, "per E-Mail: a@example.de")
	h.Expect(p, "<b>"+label("advisor.field_pause")+":</b> "+label("advisor.none_pause"))
	h.Press(p, label("btn.confirm"))
	got := stored(h, p)
	if !got.OnlineOnly || len(got.Travels) != 0 || !slices.Equal(got.Formats, []domain.Format{domain.FormatOnline}) ||
		!got.PausedUntil.IsZero() || got.MaxPerQuarter != 1 {
		t.Fatalf("stored %+v", got)
	}
}

// Anyone but an advisor has no menu entry, and the command refuses them
// politely, by either name.
func TestAdvisorProfileOnlyForAdvisors(t *testing.T) {
	for i, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: int64(7120 + i), FirstName: "Erika", LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.Send(p, "/menu")
			if slices.Contains(h.Buttons(p), h.Plain(lang, "btn.advisor_profile", nil)) {
				t.Error("a municipal contact's menu offers the advisor profile")
			}
			for _, cmd := range []string{"/beraterprofil", "/advisorprofile"} {
				h.Send(p, cmd)
				h.Expect(p, h.Tr(lang, "advisor.refused", nil))
			}
			if _, err := h.DB.AdvisorProfile(context.Background(), h.UserID(p)); err == nil {
				t.Error("a profile was stored")
			}
		})
	}
}
