// Package bot is the Telegram transport of MiGlobe bot: it takes updates in
// (long polling or webhook), keeps one chat's updates in order while different
// chats run concurrently, claims every update in Redis so none is lost or
// handled twice, hands them to the flows engine, and sends what the flows say
// through the Bot API with retries. It also serves health and metrics.
// Only this package (and its sub-packages) imports the Telegram library.
//
// Its sub-packages: outbox delivers the outbox's notifications (New wires
// its sender onto this package's client), tgmsg shapes messages for the Bot
// API (splitting, keyboards) for both, telegramfake is the fake Bot API of
// the tests and the sandbox, sandbox the web chat to try the bot in, and
// loadtest the load generator.
package bot
