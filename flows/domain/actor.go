package domain

import "slices"

// Actor is the user acting in a turn, as Postgres has them now: their
// record with roles, and the municipalities and organisations they speak
// for. The engine reads it at the start of every turn that touches records
// (ActorStore.ActorByTelegramID), never from the cached session, so that a
// role taken away counts at once. The zero Actor is nobody: unregistered.
type Actor struct {
	User
	Municipalities []int64 // ids of the municipalities the user is a contact of, oldest first
	Organisations  []int64 // ids of the organisations the user is a member of
}

// Registered reports whether a is a registered user.
func (a Actor) Registered() bool { return a.ID != 0 }

// SpeaksFor reports whether a is a municipal contact of municipality id.
func (a Actor) SpeaksFor(municipalityID int64) bool {
	return a.Has(RoleMunicipal) && slices.Contains(a.Municipalities, municipalityID)
}
