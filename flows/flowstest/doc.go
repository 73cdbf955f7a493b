// Package flowstest runs the conversation engine with every feature in
// tests, the way bot/ does (claim, handle, commit), on a real Postgres and
// Redis of the test's own, with a strict recording Messenger in place of
// Telegram and a clock the test moves. Tests read like a conversation:
// the person sends or presses, the test looks at the newest message.
//
// Only tests import it.
package flowstest
