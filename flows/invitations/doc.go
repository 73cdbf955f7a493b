// Package invitations is the associations' side of the city's events
// (issue 13): the invitation card each invited member receives, in the
// association's invitation language, with the event's calendar file
// (Cards, for publishing); the association's one shared answer (Ja with
// persons and needs, Vielleicht, Nein), after which every member's card
// is restyled to show it and the organiser is told in one short message;
// the list "Einladungen" (/einladungen) with the cards shown anew; and the
// stops of invitations by topic or entirely. The organiser's side
// (creating, the audience, publishing, the counts) is flows/events, which
// builds its invitations with Cards (wired in flows/flows.go).
//
// Issue 14 (remind.go): the reminders' job (48 h before to yes and maybe,
// 2 h before to yes with "Ich kann doch nicht kommen", a nudge to maybe
// before the deadline) and the organiser's reminder to those without an
// answer (Unanswered, for flows/events).
package invitations
