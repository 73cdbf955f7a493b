package domain

import "context"

// ProfileStore changes what a user told about themself at registration:
// from "Mein Profil", one field at a time. Each change is audited.
type ProfileStore interface {
	// SetName changes the user's name; ErrNotFound for an unknown or
	// deleted user.
	SetName(ctx context.Context, userID int64, name string) error
	// SetFunction changes the function of the user's first municipal link;
	// ErrNotFound without one.
	SetFunction(ctx context.Context, userID int64, function string) error
	// MoveMunicipality points the user's first municipal link at the
	// municipality name in Bundesland state (found or created). The link
	// then waits for the office again, and notify's notifications about it
	// are written in the same transaction. Moving to the municipality the
	// link has changes nothing and reports false; ErrNotFound without a
	// link, an error wrapping ErrInvalid for an unknown Bundesland.
	MoveMunicipality(ctx context.Context, userID int64, name, state string, notify func(Contact) []Notification) (bool, error)
	// SetOrganisation changes the name and city of the user's first
	// organisation; ErrNotFound without one.
	SetOrganisation(ctx context.Context, userID int64, name, city string) error
	// SetOrganisationState, SetOrganisationTopics and SetInviteLang change
	// the Bundesland, the topics (at least one of InterestTopics) and the
	// invitation language of the user's first organisation, for all its
	// members; ErrNotFound without one, an error wrapping ErrInvalid for a
	// value not of this version.
	SetOrganisationState(ctx context.Context, userID int64, state string) error
	SetOrganisationTopics(ctx context.Context, userID int64, topics []Topic) error
	SetInviteLang(ctx context.Context, userID int64, lang string) error
}
