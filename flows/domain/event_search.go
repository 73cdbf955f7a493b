package domain

import "context"

// MaxOrganisationSearch is the longest query of SearchOrganisations, in
// characters.
const MaxOrganisationSearch = 100

// OrganisationSearch finds associations by name, for an organiser who adds
// one to an event's audience by hand (issue 13, point 3).
type OrganisationSearch interface {
	// SearchOrganisations returns at most limit associations whose name
	// contains query (case ignored; % and _ are plain characters), with
	// their members (registered, not deleted), by name; none is not an
	// error.
	SearchOrganisations(ctx context.Context, query string, limit int) ([]AudienceOrg, error)
}
