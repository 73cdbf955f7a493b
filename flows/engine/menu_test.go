package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// registerAdvisor registers p as advisor in German.
func registerAdvisor(h *flowstest.H, p flowstest.Person) {
	h.T.Helper()
	h.Register(p, flowstest.Answers{Lang: "de", Role: domain.RoleAdvisor, Name: "Amira Haddad"})
}

// helpParts are the texts the help shows around its list of commands, and
// the line of /menu in it.
func helpParts(h *flowstest.H, lang string) []string {
	parts := strings.Split(h.Tr(lang, "help.text", map[string]any{"Commands": engine.HTML("\x00")}), "\x00")
	return append(parts, h.Tr(lang, "help.command", map[string]any{"Name": "menu", "Desc": h.Plain(lang, "cmd.menu", nil)}))
}

func TestMenuNavigatesInPlace(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8001}
	registerAdvisor(h, p)
	menu := h.Last(p)
	count := len(h.Msgr.Messages(p.ID))

	h.Press(p, "Mein Profil")
	h.Expect(p, h.Tr("de", "profile.title", nil), "<b>Name:</b> Amira Haddad")
	h.Press(p, "« Menü")
	h.Press(p, "Hilfe")
	h.Expect(p, helpParts(h, "de")...)
	h.Press(p, "« Menü")
	h.Expect(p, "<b>Hauptmenü</b>")
	if n := len(h.Msgr.Messages(p.ID)); n != count || h.Last(p).ID != menu.ID {
		t.Errorf("menu navigation sent %d new messages", n-count)
	}
}

func TestScreenComesAsNewMessageWhenEditFails(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8004}
	registerAdvisor(h, p)
	menu := h.Last(p)
	h.Msgr.RefuseEdits = true

	h.Press(p, "Hilfe")
	if m := h.Expect(p, helpParts(h, "de")...); m.ID == menu.ID {
		t.Fatal("help was not sent as a new message")
	}
	h.Press(p, "« Menü")
	h.Expect(p, "<b>Hauptmenü</b>")
	// A flow goes on although its old prompt cannot be edited.
	h.Send(p, "/language")
	h.Press(p, "English")
	h.Expect(p, h.Tr("en", "language.changed", nil))
}

// The menu and the help are built from what the features registered, for
// the user's roles.
func TestMenuAndHelpFollowTheRoles(t *testing.T) {
	h := flowstest.New(t)
	adv, mun := flowstest.Person{ID: 8005}, flowstest.Person{ID: 8006, LangHint: "en"}
	registerAdvisor(h, adv)
	rows := func(p flowstest.Person) [][]string {
		var out [][]string
		for _, row := range h.Last(p).Buttons {
			var labels []string
			for _, b := range row {
				labels = append(labels, b.Label)
			}
			out = append(out, labels)
		}
		return out
	}
	want := [][]string{{"📋 Meine Einsätze"}, {"📅 Termine", "📝 Berichte"}, {"Mein Berater*innen-Profil"},
		{"🎉 Veranstaltung anlegen", "🗓 Meine Veranstaltungen"}, {"Mein Profil", "Sprache"},
		{"Datenschutz", "Hilfe"}}
	if got := rows(adv); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("advisor's menu %q, want %q", got, want)
	}
	h.Send(adv, "/help")
	help := h.Expect(adv, helpParts(h, "de")...)
	if strings.Contains(help.Text, "/beratung") || !strings.Contains(help.Text, "/privacy") {
		t.Errorf("advisor's help lists the municipal commands or lacks /privacy:\n%s", help.Text)
	}

	h.RegisterMunicipal(mun, "en")
	if got := rows(mun); len(got) != 7 || !slices.Equal(got[2], []string{"📅 Appointments", "📝 Reports"}) ||
		!slices.Equal(got[3], []string{"🎉 Create event", "🗓 My events"}) || !slices.Equal(got[4], []string{"Invite"}) ||
		!slices.Equal(got[5], []string{"My profile", "Language"}) || !slices.Equal(got[6], []string{"Privacy", "Help"}) {
		t.Errorf("municipal menu %q", got)
	}
	// The help names the commands in the user's language.
	h.Send(mun, "/help")
	h.Expect(mun, append(helpParts(h, "en"), "/request", "/myrequests")...)
	for _, name := range []string{"/offen", "/queue", "/beratung", "/anfragen"} {
		if strings.Contains(h.Last(mun).Text, name) {
			t.Errorf("English municipal help lists %s:\n%s", name, h.Last(mun).Text)
		}
	}

	// Before registration the help lists every command, in the language of
	// the user's app.
	q := flowstest.Person{ID: 8007}
	h.Send(q, "/help")
	h.Expect(q, append(helpParts(h, "de"), "/start", "/beratung", "/offen", "/statistik", "/privacy")...)
	r := flowstest.Person{ID: 8008, LangHint: "en"}
	h.Send(r, "/help")
	h.Expect(r, append(helpParts(h, "en"), "/start", "/request", "/queue", "/contacts", "/stats", "/privacy")...)
}
