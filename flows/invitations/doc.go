// Package invitations is the associations' side of the city's events
// (issue 13): the invitation card each invited member receives, with the
// event's calendar file, the association's one shared answer (Ja,
// Vielleicht, Nein; for Ja the persons and the needs), the cards of every
// member kept in step with that answer, the list "Einladungen" and the
// stops of invitations by topic or entirely. The organiser's side
// (creating, the audience, publishing, the counts) is flows/events, which
// builds its invitations with Cards (wired in flows/flows.go).
package invitations
