package domain

import "slices"

// The policies of completion reports and ratings (issue 12, point 4). The
// store applies them again under the request's lock, with the request,
// seats and reports as they are then.

// CanSubmitReport reports whether a may report on r: an advisor who holds
// one of its seats, while r is in ReportingStatuses.
func CanSubmitReport(a Actor, r Request, seats []Seat) bool {
	return HoldsSeat(a, seats) &&
		slices.Contains(ReportingStatuses, r.Status)
}

// CanActOnReport reports whether a may confirm version rep of a report on
// r, or ask about it: someone on the requester's side who is not its
// advisor, while rep is submitted and r in ReportingStatuses.
func CanActOnReport(a Actor, r Request, rep Report) bool {
	return OnRequesterSide(a, r) && rep.RequestID == r.ID && rep.AdvisorID != a.ID &&
		rep.Status == ReportSubmitted && slices.Contains(ReportingStatuses, r.Status)
}

// CanRate reports whether a may rate the counseling of r: someone on the
// requester's side who holds none of its seats, once a report on it is
// confirmed (reports are its versions).
func CanRate(a Actor, r Request, seats []Seat, reports []Report) bool {
	return OnRequesterSide(a, r) && !seated(a.ID, seats) &&
		slices.ContainsFunc(reports, func(rep Report) bool { return rep.RequestID == r.ID && rep.Status == ReportConfirmed })
}

// CanSeeRating reports whether a may see the rating of a request with
// seats: it is the advisors' personal data, so the advisors who hold a
// seat and the coordinators, nobody else (not even the rater, once it is
// given).
func CanSeeRating(a Actor, seats []Seat) bool {
	return MayReview(a) || a.Registered() && seated(a.ID, seats)
}

// CanClose reports whether a may close the completed request r without a
// rating: someone on the requester's side who holds none of its seats, or
// a coordinator.
func CanClose(a Actor, r Request, seats []Seat) bool {
	return MayReview(a) || OnRequesterSide(a, r) && !seated(a.ID, seats)
}

// MayExportBilling reports whether a may export the confirmed reports for
// billing (/abrechnung): coordinators. The export names advisors, their
// hours and costs, and who confirmed them.
func MayExportBilling(a Actor) bool { return a.Has(RoleCoordinator) }
