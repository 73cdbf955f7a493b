package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// InviteLangs are the languages invitations to an association come in.
var InviteLangs = []string{"de", "en"}

// OrganisationMatches reports whether association o is to be invited to an
// event on topics in city (Bundesland state): it cares about one of the
// topics it has not stopped, it has not stopped invitations entirely, and
// it is in the same city (case and surrounding spaces ignored) or, unless
// cityOnly, in the same Bundesland. storage's MatchingOrganisations is its
// SQL equivalent.
func OrganisationMatches(o OrganisationProfile, topics []Topic, city, state string, cityOnly bool) bool {
	if o.StoppedAll {
		return false
	}
	sameCity := SameCity(o.City, city)
	sameState := !cityOnly && o.State != "" && strings.EqualFold(o.State, state)
	if !sameCity && !sameState {
		return false
	}
	for _, t := range topics {
		if slices.Contains(o.Topics, t) && !slices.Contains(o.StoppedTopics, t) {
			return true
		}
	}
	return false
}

// SameCity reports whether a and b name the same, non-empty city, case and
// surrounding spaces ignored (as SQL's lower(trim(...))).
func SameCity(a, b string) bool {
	a, b = strings.ToLower(strings.TrimSpace(a)), strings.ToLower(strings.TrimSpace(b))
	return a != "" && a == b
}

// CheckOrganisationProfile returns an error wrapping ErrInvalid unless p's
// Bundesland, topics and invitation language are ones of this version.
func CheckOrganisationProfile(p OrganisationProfile) error {
	switch {
	case !slices.Contains(States, p.State):
		return fmt.Errorf("%w: unknown Bundesland code %q", ErrInvalid, p.State)
	case !slices.Contains(InviteLangs, p.InviteLang):
		return fmt.Errorf("%w: invitation language %q", ErrInvalid, p.InviteLang)
	}
	return CheckInterestTopics(p.Topics, 1)
}

// CheckInterestTopics returns an error wrapping ErrInvalid unless topics
// holds at least min of InterestTopics, none twice.
func CheckInterestTopics(topics []Topic, min int) error {
	if len(topics) < min {
		return fmt.Errorf("%w: fewer than %d topics", ErrInvalid, min)
	}
	for i, t := range topics {
		if !slices.Contains(InterestTopics, t) || slices.Contains(topics[:i], t) {
			return fmt.Errorf("%w: topic %q", ErrInvalid, t)
		}
	}
	return nil
}

// OrganisationMatch is an association invited to an event, with how many
// members it has (each gets the invitation).
type OrganisationMatch struct {
	Organisation OrganisationProfile
	Members      int
}

// OrganisationStore reads and changes associations as a whole.
type OrganisationStore interface {
	// MatchingOrganisations returns the associations OrganisationMatches
	// picks for an event on topics in city (state), those with at least
	// one member, with their member counts, by name.
	MatchingOrganisations(ctx context.Context, topics []Topic, city, state string, cityOnly bool) ([]OrganisationMatch, error)
	// SetInvitationStop records, for member userID, that association
	// organisationID wants (stopped) or again gets (not stopped)
	// invitations on topic, or any for topic "", with an audit entry. It
	// changes that one field only, as it is at the change (a concurrent
	// change of another is kept; the same change twice is one).
	// ErrNotFound unless userID is a member, an error wrapping ErrInvalid
	// for a topic not of InterestTopics.
	SetInvitationStop(ctx context.Context, userID, organisationID int64, topic Topic, stopped bool) error
}
