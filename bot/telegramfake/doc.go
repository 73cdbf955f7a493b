// Package telegramfake is a strict, in-process fake of the Telegram Bot API
// server for the bot's tests, the benchmark and the sandbox web page.
//
// It serves /bot<token>/<method> on loopback HTTP and accepts the bodies that
// github.com/go-telegram/bot sends (multipart/form-data) as well as JSON and
// application/x-www-form-urlencoded ones. It rejects what Telegram rejects,
// with Telegram's error codes and descriptions, and records every rejection
// as a Violation so that a test can fail on it (see CheckTB).
//
// Simulated users act through methods such as SendText and Press; what the bot
// did is read back with Messages, Next and WaitEdit, or watched live with
// Subscribe. Updates reach the bot through getUpdates (long polling) or, after
// setWebhook, by HTTP POST to the bot's webhook.
//
// Where Telegram is lenient but documents a stricter rule, the fake enforces
// the documented rule: raw "<", ">" and "&" in HTML text, and attributes other
// than the documented ones, are rejected. Only parse_mode HTML is supported.
package telegramfake
