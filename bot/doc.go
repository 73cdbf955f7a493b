// Package bot is the Telegram transport of MiGlobe bot: it takes updates in
// (long polling or webhook), keeps one chat's updates in order while different
// chats run concurrently, claims every update in Redis so none is lost or
// handled twice, hands them to the flows engine, and sends what the flows say
// through the Bot API with retries. It also serves health and metrics.
// Only this package (and its sub-packages) imports the Telegram library.
package bot
