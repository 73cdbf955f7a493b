// Package flows is the core of MiGlobe bot: domain types and rules, the
// conversation engine and its flows, and the interfaces it consumes (store,
// conversations, messenger, clock). It knows nothing of Telegram, SQL or Redis:
// bot/ turns Telegram updates into Update values and implements Messenger;
// storage/ implements Store and Conversations.
package flows
