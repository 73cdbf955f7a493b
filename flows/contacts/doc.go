// Package contacts is the programme office's check of municipal contacts.
// Anyone can register as the contact of a municipality; until a
// coordinator confirms that link the contact acts only on their own
// requests (domain.Actor.SpeaksFor counts confirmed links only). When a
// contact registers, every coordinator gets a notice with the person's
// name, function and municipality and durable buttons to confirm or reject
// (Announce, called by onboarding inside the registration's transaction);
// /kontakte (in English /contacts) and a menu entry list the contacts waiting. Each decision asks
// first, is taken once (two coordinators at once: one wins, the other is
// told who decided), and the contact is told the outcome through the
// outbox in the decision's transaction.
package contacts
