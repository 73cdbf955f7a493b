// Package offers brings an approved request to the advisors (issue 11):
// the coordinator's ranked shortlist with reasons, exclusions and "Warum
// nicht …?", the offer modes (direct, one after another, the top N at
// once), the offer card on the advisor's phone with Annehmen, Ablehnen
// and Details, the acceptance that gives each seat one winner, closed
// cards on every other phone, and the scheduled expiry, halfway reminder
// and escalation to the office.
package offers
