// Package flows is the core of MiGlobe bot: domain types and rules, the
// conversation engine and its flows, and the interfaces it consumes (store,
// conversations, messenger, clock). It knows nothing of Telegram, SQL or Redis:
// bot/ turns Telegram updates into Update values and implements Messenger;
// storage/ implements Store and Conversations.
//
// The Engine handles one Update with the Session of its conversation. A
// conversation is a flow declared as steps (flow.go; onboarding.go is the
// example to copy): each step has a question and a handler that checks the
// answer; the engine adds back, /cancel, the summary with edit buttons, the
// confirm, the idle timeout and the check that a pressed button belongs to
// the current prompt (its callback data carries Session.Nonce). Every text
// lives in locales/<lang>.toml under a key named in keys.go; Texts.T escapes
// user text put into a template.
package flows
