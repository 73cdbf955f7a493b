// Package retention deletes what MiGlobe keeps no longer (issue 15): daily
// jobs remove event drafts, delivered outbox messages, declined and
// withdrawn requests, the answer lists of past events (their figures
// stay on the event) and billing records whose lock ended, and warn users
// inactive for nearly two years twice before their data is erased. Each
// job is idempotent, safe on two instances at once, and logs counts only.
package retention
