package sandbox

import "github.com/miglobe/miglobe-bot/bot/telegramfake"

// Telegram ids of the demo users. Telegram's user ids have at most 52
// significant bits, so ids above 2^52 can belong to no real user (and
// JavaScript, which the page runs, still holds them exactly). Each private
// chat has the same id as its user.
const (
	demoBase       int64 = 1 << 52
	MunicipalID          = demoBase + 1 // plays a municipal contact (Kommune)
	AdvisorID            = demoBase + 2 // plays an advisor (Berater*in), Aylin Demir
	OrganisationID       = demoBase + 3 // plays a migrant organisation
	// CoordinatorID is the demo coordinator of the programme office; in sandbox
	// mode main puts it into COORDINATOR_IDS.
	CoordinatorID = demoBase + 4
	// Advisor2ID and Advisor3ID are two more advisors, so that an offer to
	// the top 3 can be tried; Advisor3ID's Telegram app speaks English.
	Advisor2ID = demoBase + 5
	Advisor3ID = demoBase + 6
	// AfricanAssocID and AfricanAssoc2ID are the two members of the
	// Afrikanischer Kulturverein Dortmund, ParentsAssocID the member of
	// the Deutsch-Türkischer Elternverein Dortmund and WomenAssocID, whose
	// app speaks English, of the Syrischer Frauenverein Bochum: the demo
	// associations, registered when the sandbox starts (SeedAssociations).
	AfricanAssocID  = demoBase + 7
	AfricanAssoc2ID = demoBase + 8
	ParentsAssocID  = demoBase + 9
	WomenAssocID    = demoBase + 10
)

// Persona keys that the page turns into labels in its own language.
const (
	personaMunicipal    = "municipal"
	personaAdvisor      = "advisor"
	personaOrganisation = "organisation"
	personaCoordinator  = "coordinator"
	personaAssociation  = "association" // a member of a demo association, registered at start
)

// demoPersonas tells which role each demo user is meant to play.
var demoPersonas = map[int64]string{
	MunicipalID:     personaMunicipal,
	AdvisorID:       personaAdvisor,
	Advisor2ID:      personaAdvisor,
	Advisor3ID:      personaAdvisor,
	OrganisationID:  personaOrganisation,
	CoordinatorID:   personaCoordinator,
	AfricanAssocID:  personaAssociation,
	AfricanAssoc2ID: personaAssociation,
	ParentsAssocID:  personaAssociation,
	WomenAssocID:    personaAssociation,
}

// DemoUsers returns the demo users in the order the page lists them: the
// municipal contact, three advisors, the migrant organisation (who
// registers an association of their own), the coordinator and the members
// of the demo associations (DemoAssociations). Their Telegram app language
// is German but for Chidi Okafor's (Advisor3ID) and Rana Haddad's
// (WomenAssocID), which are English. It never fails.
func DemoUsers() []telegramfake.User {
	return []telegramfake.User{
		{ID: MunicipalID, FirstName: "Sabine", LastName: "Krüger", Username: "kommune_demo", LanguageCode: "de"},
		{ID: AdvisorID, FirstName: "Aylin", LastName: "Demir", Username: "beraterin_demo", LanguageCode: "de"},
		{ID: Advisor2ID, FirstName: "Bora", LastName: "Yilmaz", Username: "berater2_demo", LanguageCode: "de"},
		{ID: Advisor3ID, FirstName: "Chidi", LastName: "Okafor", Username: "advisor3_demo", LanguageCode: "en"},
		{ID: OrganisationID, FirstName: "Kwame", LastName: "Mensah", Username: "verein_demo", LanguageCode: "de"},
		{ID: CoordinatorID, FirstName: "Jonas", LastName: "Weber", Username: "koordination_demo", LanguageCode: "de"},
		{ID: AfricanAssocID, FirstName: "Amara", LastName: "Diallo", Username: "kulturverein_demo", LanguageCode: "de"},
		{ID: AfricanAssoc2ID, FirstName: "Kofi", LastName: "Boateng", Username: "kulturverein2_demo", LanguageCode: "de"},
		{ID: ParentsAssocID, FirstName: "Elif", LastName: "Kaya", Username: "elternverein_demo", LanguageCode: "de"},
		{ID: WomenAssocID, FirstName: "Rana", LastName: "Haddad", Username: "frauenverein_demo", LanguageCode: "en"},
	}
}
