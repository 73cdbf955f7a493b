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

// MayInvite reports whether a may create invite links at all: a
// coordinator (advisors, coordinators), a confirmed municipal contact
// (colleagues of their municipality) or an organisation's member
// (colleagues of their association).
func MayInvite(a Actor) bool {
	return MayReview(a) || a.Has(RoleMunicipal) && len(a.Verified) > 0 ||
		a.Has(RoleOrganisation) && len(a.Organisations) > 0
}

// CanInvite reports whether a may create an invite of scope s: advisors
// and coordinators by a coordinator, a municipality's contacts by a
// confirmed contact of it, an organisation's members by a member.
func CanInvite(a Actor, s InviteScope) bool {
	switch s.Role {
	case RoleAdvisor, RoleCoordinator:
		return MayReview(a) && s.MunicipalityID == 0 && s.OrganisationID == 0
	case RoleMunicipal:
		return s.OrganisationID == 0 && s.MunicipalityID != 0 && a.SpeaksFor(s.MunicipalityID)
	case RoleOrganisation:
		return s.MunicipalityID == 0 && s.OrganisationID != 0 && a.Has(RoleOrganisation) &&
			slices.Contains(a.Organisations, s.OrganisationID)
	}
	return false
}

// CanRevoke reports whether a may revoke inv: its creator or a
// coordinator.
func CanRevoke(a Actor, inv Invite) bool {
	return a.Registered() && (inv.CreatedBy == a.ID || MayReview(a))
}

// Holds reports whether a holds what s grants already: the role, and the
// confirmed link to its municipality or the membership of its
// organisation.
func Holds(a Actor, s InviteScope) bool {
	switch {
	case !a.Has(s.Role):
		return false
	case s.MunicipalityID != 0:
		return a.SpeaksFor(s.MunicipalityID)
	case s.OrganisationID != 0:
		return slices.Contains(a.Organisations, s.OrganisationID)
	}
	return true
}
