package sandbox

import "github.com/miglobe/miglobe-bot/bot/telegramfake"

// Telegram ids of the demo users. Telegram's user ids have at most 52
// significant bits, so ids above 2^52 can belong to no real user (and
// JavaScript, which the page runs, still holds them exactly). Each private
// chat has the same id as its user.
const (
	demoBase       int64 = 1 << 52
	MunicipalID          = demoBase + 1 // plays a municipal contact (Kommune)
	AdvisorID            = demoBase + 2 // plays an advisor (Berater*in)
	OrganisationID       = demoBase + 3 // plays a migrant organisation
	// CoordinatorID is the demo coordinator of the programme office; in sandbox
	// mode main puts it into COORDINATOR_IDS.
	CoordinatorID = demoBase + 4
)

// Persona keys that the page turns into labels in its own language.
const (
	personaMunicipal    = "municipal"
	personaAdvisor      = "advisor"
	personaOrganisation = "organisation"
	personaCoordinator  = "coordinator"
)

// demoPersonas tells which role each demo user is meant to play.
var demoPersonas = map[int64]string{
	MunicipalID:    personaMunicipal,
	AdvisorID:      personaAdvisor,
	OrganisationID: personaOrganisation,
	CoordinatorID:  personaCoordinator,
}

// DemoUsers returns the four demo users, one per role, in the order the page
// lists them. Their Telegram app language is German. It never fails.
func DemoUsers() []telegramfake.User {
	return []telegramfake.User{
		{ID: MunicipalID, FirstName: "Sabine", LastName: "Krüger", Username: "kommune_demo", LanguageCode: "de"},
		{ID: AdvisorID, FirstName: "Aylin", LastName: "Demir", Username: "beraterin_demo", LanguageCode: "de"},
		{ID: OrganisationID, FirstName: "Kwame", LastName: "Mensah", Username: "verein_demo", LanguageCode: "de"},
		{ID: CoordinatorID, FirstName: "Jonas", LastName: "Weber", Username: "koordination_demo", LanguageCode: "de"},
	}
}
