package domain

import (
	"slices"
	"time"
)

// Role is what a user does in the programme. A user may hold several.
type Role string

// Roles.
const (
	RoleCoordinator  Role = "coordinator"
	RoleAdvisor      Role = "advisor"
	RoleMunicipal    Role = "municipal_contact"
	RoleOrganisation Role = "organisation_contact"
)

// Roles lists every role in the order they are offered and shown.
var Roles = []Role{RoleMunicipal, RoleAdvisor, RoleOrganisation, RoleCoordinator}

// Known reports whether r is a role of this version.
func (r Role) Known() bool { return slices.Contains(Roles, r) }

// User is a registered person. Nothing but the Telegram id exists before consent.
type User struct {
	ID         int64
	TelegramID int64
	ChatID     int64
	Name       string
	Lang       string
	ConsentAt  time.Time
	Roles      []Role
	// Agreed holds the version of each purpose the user consents to now
	// (a withdrawn one is absent; see Consent); read where the user is read
	// as an actor (ActorStore, the participants of an appointment), nil
	// elsewhere.
	Agreed map[string]int
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// MunicipalProfile is what a municipal contact tells about the municipality.
type MunicipalProfile struct {
	Municipality string        // e.g. "Hattingen"
	State        string        // Bundesland code, e.g. "NW"
	Function     string        // the contact's function, e.g. "Integrationsbeauftragte"
	Status       ContactStatus // the office's decision; set by the store when read, ignored on register
}

// OrganisationProfile is what an organisation contact tells about the
// association; all its members share it.
type OrganisationProfile struct {
	ID         int64 // set by the store when read, ignored on register
	Name       string
	City       string
	State      string  // Bundesland code; "" for an association registered before it was asked
	Topics     []Topic // what it cares about: at least one of InterestTopics
	InviteLang string  // the language invitations come in: "de" or "en"
	// StoppedAll and StoppedTopics say that the association wants no
	// invitations at all, or none on these topics (set by the store when
	// read, ignored on register).
	StoppedAll    bool
	StoppedTopics []Topic
}

// Registration is everything onboarding collected, written in one transaction.
type Registration struct {
	TelegramID int64
	ChatID     int64
	Name       string
	Lang       string
	ConsentAt  time.Time
	// Consents are the consents given during onboarding (at least the
	// privacy notice), stored in the same transaction.
	Consents     []Consent
	Role         Role
	Municipal    *MunicipalProfile    // when Role is RoleMunicipal
	Organisation *OrganisationProfile // when Role is RoleOrganisation
	InviteCode   string               // the invite used, "" for none; consumed in the same transaction
}

// Office is how users reach the programme office, from the configuration:
// shown wherever the bot sends someone to the office. Empty fields are
// left out.
type Office struct {
	Email      string
	Phone      string
	Hours      string // free text, e.g. "Mo–Fr 9–15 Uhr"
	ReviewDays int    // working days a review usually takes; 0: not said
}
