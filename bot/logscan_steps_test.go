package bot

import (
	"context"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// scanSteps is the scenario of TestNoPersonalDataInLogsOrMetrics, in
// order; each step goes on from where the one before left the chats.
var scanSteps = []scanStep{
	{"coordinator registers", func(sc *scanScene) {
		sc.chat(sc.coord).registerCoordinator(scanCoordName)
	}},
	{"municipal contact registers", func(sc *scanScene) {
		sc.chat(sc.muni).registerMunicipal(scanMuniName, scanMunicipality)
	}},
	{"association member registers", func(sc *scanScene) {
		c := sc.chat(sc.member)
		c.beginOnboarding()
		c.expect(c.line("onb.role_prompt", nil))
		c.press("role.organisation_contact")
		c.expect(c.line("onb.name_prompt", nil))
		c.say(scanMemberName)
		c.expect(c.line("onb.organisation_prompt", nil))
		c.say(scanOrgName)
		c.expect(scanOrgName)
		c.say(scanAdvisorCity)
		c.associationProfile(scanAdvisorCity)
		c.finishOnboarding()
		u, err := sc.store.UserByTelegramID(context.Background(), sc.member.ID)
		if err != nil {
			sc.t.Fatal(err)
		}
		sc.memberID = u.ID
	}},
	{"advisor registers and fills the profile", func(sc *scanScene) {
		// The advisor joins by an invite (its link is the invites' tests'
		// business): registered as the link registers, then the profile in the chat.
		sc.advisorID = register(sc.t, sc.store, sc.fake, sc.advisor, scanAdvisorName, domain.RoleAdvisor, nil)
		a := sc.person(sc.advisor)
		a.say("/menu")
		a.tap(a.plain("btn.advisor_profile", nil))
		a.tap(a.plain("topic.intercultural_opening", nil))
		a.tap(a.plain("btn.done", map[string]any{"N": 1}))
		a.sees(a.plain("advisor.languages_prompt", nil))
		a.tap(a.plain("advlang.tr", nil))
		a.tap(a.plain("btn.done", map[string]any{"N": 1}))
		a.sees(a.plain("advisor.city_prompt", nil))
		a.say(scanAdvisorCity)
		a.tap(a.plain("state.NW", nil))
		a.tap(a.plain("advisor.on_site", nil))
		a.tap(a.plain("btn.done", map[string]any{"N": 1}))
		a.sees(a.plain("advisor.travels_prompt", nil))
		a.tap(a.plain("btn.done", map[string]any{"N": 0}))
		a.tap("3")
		a.tap(a.plain("advisor.no_pause", nil))
		a.sees(a.plain("advisor.reach_prompt", nil))
		a.say(scanReach)
		a.sees(a.plain("advisor.field_reach", nil))
		a.tap(a.plain("btn.confirm", nil))
		a.sees(a.plain("advisor.saved", nil))
	}},
	{"request submitted", func(sc *scanScene) {
		c := sc.chat(sc.muni)
		c.fillRequestWith(scanMunicipality, scanRequest)
		sc.ref = c.submitRequest()
		r, err := sc.store.RequestByRef(context.Background(), sc.ref)
		if err != nil {
			sc.t.Fatal(err)
		}
		sc.requestID = r.ID
	}},
	{"coordinator reviews, approves and offers", func(sc *scanScene) {
		c := sc.person(sc.coord)
		c.tap(c.plain("btn.details", nil))
		c.sees(scanRequest.goal)
		c.tap(c.plain("btn.approve", nil))
		c.tap(c.plain("btn.approve_yes", nil))
		c.tap("☐ 1. " + scanAdvisorName)
		c.tap(c.plain("btn.offer_picked", map[string]any{"N": 1}))
		c.sees("Angebot prüfen") // the office's other "Bestätigen" (the new contact) is older
		c.tap(c.plain("btn.confirm", nil))
		c.sees("✅ Die Anfrage " + sc.ref + " ist angeboten.")
	}},
	{"advisor accepts the offer", func(sc *scanScene) {
		a := sc.person(sc.advisor)
		a.tap(a.plain("btn.offer_accept", nil))
		await(sc.t, "the request assigned", sc.requestAssigned)
		a.sees(scanMuniName)
	}},
	{"appointment proposed and picked", func(sc *scanScene) {
		a, m := sc.person(sc.advisor), sc.person(sc.muni)
		a.say("/termine")
		a.tap(a.plain("btn.ap_propose", sc.refMap()))
		a.say("02.12.2026 14:00")
		a.tap(a.plain("btn.ap_2h", nil))
		a.tap(scanRequest.place)
		a.tap(a.plain("btn.ap_no_more", nil))
		a.tap(a.plain("btn.confirm", nil))
		m.tap("1. Mi, 02.12.2026, 14:00–16:00 Uhr")
		a.sees("Termin vereinbart (" + sc.ref + ")")
		sc.appointment = time.Date(2026, 12, 2, 14, 0, 0, 0, sc.berlin)
	}},
	{"advisor reports with a note", func(sc *scanScene) {
		sc.clock.to(sc.t, sc.appointment.Add(20*time.Hour))
		a := sc.person(sc.advisor)
		a.writeReport(sc.ref, scanReportNote)
		a.sees("Ihr Bericht zu " + sc.ref)
		a.tap(a.plain("btn.confirm", nil))
	}},
	{"contact confirms and rates with a comment", func(sc *scanScene) {
		m := sc.person(sc.muni)
		m.tap(m.plain("btn.rp_confirm", nil))
		m.tap("★★★★")
		m.say(scanRatingComment)
		m.sees("Danke für Ihre Bewertung")
		sc.person(sc.advisor).sees("ist geschlossen")
	}},
	{"advisor publishes an event, the association answers", func(sc *scanScene) {
		a := sc.person(sc.advisor)
		a.say("/veranstaltung")
		a.sees(a.plain("ev.title_prompt", nil))
		a.say(scanEventTitle)
		a.sees(a.plain("ev.desc_prompt", nil))
		a.say(scanEventDesc)
		a.sees(a.plain("ev.start_prompt", nil))
		a.say("12.12.2026 18:00")
		a.tap(a.plain("btn.ev_hours", map[string]any{"N": 2}))
		a.tap(a.plain("btn.ev_place", nil))
		a.sees(a.plain("ev.place_prompt", nil))
		a.say(scanEventPlace)
		// The city and the Bundesland come from the advisor's profile, the association's too.
		a.pick(engine.TopicKeys[domain.TopicCulture])
		a.pick("spoken.de")
		a.tap(a.plain("btn.ev_no_limit", nil))
		a.tap(a.plain("btn.ev_no_deadline", nil))
		a.sees(a.plain("ev.contact_prompt", nil))
		a.say(scanEventContact)
		a.tap(a.plain("btn.done", map[string]any{"N": 0}))
		a.tap(a.plain("btn.confirm", nil))
		a.sees(scanOrgName)
		a.tap(a.plain("btn.ev_invite", map[string]any{"Members": 1}))
		m := sc.person(sc.member)
		m.sees("📨", scanEventTitle)
		m.tap(m.plain("btn.iv_yes", nil))
		m.tap("2")
		card(m, scanEventTitle, "✅ Ja")
	}},
	{"contact types personal data where nothing asks for it", func(sc *scanScene) {
		m := sc.person(sc.muni)
		before := len(sc.fake.Messages(sc.muni.ID))
		m.say(scanStrayText)
		await(sc.t, "an answer to the stray text", func() bool { return len(sc.fake.Messages(sc.muni.ID)) > before })
	}},
	{"contact looks at their data", func(sc *scanScene) {
		m := sc.person(sc.muni)
		m.say("/privacy")
		m.sees(scanMuniName, scanMunicipality)
	}},
	{"contact asks for their data (/meinedaten)", func(sc *scanScene) {
		m := sc.person(sc.muni)
		m.say("/meinedaten")
		await(sc.t, "the JSON document", func() bool { return len(m.documents(".json")) == 1 })
	}},
	{"coordinator looks at the statistics (/statistik)", func(sc *scanScene) {
		c := sc.person(sc.coord)
		c.say("/statistik")
		c.sees("📈")
	}},
	{"advisor erases their data (/loeschen), those concerned are told", func(sc *scanScene) {
		a := sc.person(sc.advisor)
		a.say("/loeschen")
		a.tap(a.plain("erase.btn_yes", nil))
		a.sees("Ihre Daten wurden gelöscht")
	}},
}
