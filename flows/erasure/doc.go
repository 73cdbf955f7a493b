// Package erasure is the user's erasure of their data (issue 15, point
// 2): /loeschen (English /delete), also the button "Meine Daten löschen"
// under /privacy (domain.ErasureScreen). The flow first explains, from
// the user's records (domain.ErasureStore.ErasurePlan), what is erased,
// what must be kept (the billing records of confirmed reports, locked
// until 31 December of the confirmation's year plus BILLING_RETENTION
// years, with the date) and what happens to what they hold, and asks to
// confirm. On yes it settles what others rely on with the features' own
// changes, each telling those concerned: open offers are withdrawn (the
// next queued offer opens, the office is told), seats of requests not yet
// scheduled are given back (the request goes back to matching, the
// requester side and the office are told), the answer of an association
// whose last member they are is withdrawn (seats go to the waitlist, the
// organiser is told), upcoming events they organise are cancelled (every
// invitee told). Their own requests stay with the municipality, open ones
// too, without their name and contact. Then EraseUserWith erases the rest
// in one transaction (a seat on a scheduled request is told there), the
// chat's Redis state is cleared and the session reset, so that a later
// /start begins afresh. "Nein" changes nothing; a replayed confirmation
// finds no session flow (or an erased user) and changes nothing.
package erasure
