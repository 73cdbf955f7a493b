package domain

import "slices"

// The policy functions decide who may do what. Every permission check of
// the features goes through them, with the Actor read from Postgres in the
// same turn; nothing in a session or in callback data is trusted.

// CanRequest reports whether a may request counseling: a municipal contact
// of at least one municipality.
func CanRequest(a Actor) bool { return a.Has(RoleMunicipal) && len(a.Municipalities) > 0 }

// MayReview reports whether a may see the queue and decide requests: a
// coordinator.
func MayReview(a Actor) bool { return a.Has(RoleCoordinator) }

// OnRequesterSide reports whether a acts for the municipality of r: its
// requester, or a municipal contact of the same municipality.
func OnRequesterSide(a Actor, r Request) bool {
	return a.Registered() && (r.RequesterID == a.ID || a.SpeaksFor(r.MunicipalityID))
}

// CanView reports whether a may see r with its history: a coordinator or
// someone on the requester's side.
func CanView(a Actor, r Request) bool { return MayReview(a) || OnRequesterSide(a, r) }

// CanDecide reports whether a may approve, decline or ask about r now: a
// coordinator, while r waits for the office.
func CanDecide(a Actor, r Request) bool { return MayReview(a) && r.IsOpen() }

// CanWithdraw reports whether a may withdraw r now: someone on the
// requester's side, until an advisor is assigned.
func CanWithdraw(a Actor, r Request) bool { return OnRequesterSide(a, r) && CanCancel(r.Status) }

// CanAnswer reports whether a may answer the office's question on r now:
// someone on the requester's side, while an answer still reaches the office.
func CanAnswer(a Actor, r Request) bool {
	return OnRequesterSide(a, r) && slices.Contains(AnswerableStatuses, r.Status)
}

// SeesNotes reports whether a sees the internal notes of a request's
// history: coordinators only.
func SeesNotes(a Actor) bool { return MayReview(a) }
