package domain

import (
	"slices"
	"time"
)

// Actor is the user acting in a turn, as Postgres has them now: their
// record with roles, and the municipalities and organisations they speak
// for. The engine reads it at the start of every turn that touches records
// (ActorStore.ActorByTelegramID), never from the cached session, so that a
// role taken away counts at once. The zero Actor is nobody: unregistered.
type Actor struct {
	User
	Municipalities []int64 // ids of the municipalities the user is a contact of, oldest first
	Verified       []int64 // those of Municipalities whose link the programme office confirmed
	Organisations  []int64 // ids of the organisations the user is a member of
	// LastSeen is the user's last recorded contact (zero: none since they
	// registered); see ActivityStore.
	LastSeen time.Time
}

// Registered reports whether a is a registered user.
func (a Actor) Registered() bool { return a.ID != 0 }

// SpeaksFor reports whether a is a confirmed municipal contact of
// municipality id: one who may see and act on the requests of colleagues.
// A contact still waiting for the office, or rejected, speaks for nobody
// but themself.
func (a Actor) SpeaksFor(municipalityID int64) bool {
	return a.Has(RoleMunicipal) && slices.Contains(a.Verified, municipalityID)
}
