// Package outbox delivers the outbox: the notifications that the flows
// write to Postgres in the transaction of the change that causes them (a
// coordinator told of a new request, a contact told of a decision).
//
// It owns their delivery: claiming due messages under a lease, so that
// several instances share the work and a dead one's messages are taken
// over (the lease counts from the claim; no part is sent once it is nearly
// over, and only the holder of the lease records an outcome); spacing the sends within Telegram's flood limits, shared by every
// instance through Redis and kept per instance by a send window; sending
// a message part by part; and recording the outcome, which decides what
// happens next: sent, waited out (429), retried with a doubling backoff,
// or given up (the chat blocked the bot, Telegram refused the message, too
// many failures). An edit row (a restyle of a message shown already) is
// delivered the same way, in one call: editMessageReplyMarkup, or
// editMessageText with the new keyboard when the row carries a text;
// Telegram's "not modified", "message to edit not found" and "message
// can't be edited" count as done. It also owns the miglobe_outbox_* metrics.
//
// It does not own the Bot API client or the message formatting: package
// bot implements API with its client, and the splitting and keyboards come
// from bot/tgmsg. Run a Sender with Run; New wires one.
package outbox
