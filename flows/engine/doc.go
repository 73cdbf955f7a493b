// Package engine is MiGlobe's conversation engine. It turns one Update and
// the Session of its conversation into answers, dispatching to what the
// features registered on a Registry: commands, main-menu entries, screens
// (session buttons "<nonce>:m:<screen>[.<param>]"), durable actions on
// records ("*:<feature>:<action>:<id>"), flows, handlers of typed text and
// scheduled jobs. Features see a Turn through its methods only.
//
// A flow is declared as steps (flow.go): each has a question and a handler
// that checks the answer; the engine adds back, /cancel, where the user
// stands ("Schritt 3 von 12", progress.go), a refused answer said below
// the question, the summary with its list of fields to change and a cancel
// that asks first (summary.go), the confirm, the idle timeout and the check
// that a pressed button belongs to the current prompt. Input widgets:
// text rules (textrule.go), choices, dates with a calendar (datestep.go),
// date and time (datetime.go), multi-select (multiselect.go) and paged
// lists (pagedlist.go).
//
// Every text lives in a locales/<lang>.toml of the engine or of a feature
// (texts.go), in an HTML form for messages (T) and a plain form for button
// labels and toasts (Plain); user text is escaped where it enters a
// template. The acting user is read from Postgres once per turn that
// touches records (Turn.Actor), never taken from the cached session.
package engine
