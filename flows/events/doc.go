// Package events is the organiser's side of the city's events (issue 13,
// points 2, 3 and 7): "Veranstaltung anlegen" (a flow with a summary that
// stores a draft), the audience of a draft (matching associations, this
// city only or the whole Bundesland, associations added by a name search)
// with "Einladen", which publishes the event and writes every member's
// invitation card (built by flows/invitations, Deps.Cards), and "Meine
// Veranstaltungen" with the figures, the answers as a message and as a CSV
// document. Every press re-reads the acting user and checks
// domain.CanManageEvent. Issue 14 (reminders.go, attendance.go): the
// seats and attendance figures, the one reminder to the associations
// without an answer, and the attendance screen after the start.
package events
