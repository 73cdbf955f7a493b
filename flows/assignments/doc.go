// Package assignments is what advisors are doing, as they and the
// programme office see it (issue 11, point 8). An advisor's "Meine
// Einsätze" (/einsaetze, English /assignments) lists the offers waiting
// for their answer with the deadline, the requests they hold a seat on
// with the municipality's contact and the place (each with a detail), the
// ones completed, and their share of the quarter's offers. The office's
// "Berater*innen" (/berater, English /advisors) pages through the pool:
// each advisor's open offers, assignments, quarter against quota and
// pause, and a card with the profile where a coordinator takes an advisor
// out of the pool (their open offers are withdrawn, the next advisor in
// line gets the request, they are told) or back in, and takes a request
// back from an advisor to offer it again. Every change asks first, goes
// through the policies of flows/domain with the actor read from Postgres,
// and tells the people concerned through the outbox in the change's
// transaction; withdrawn offer cards lose their buttons.
package assignments
