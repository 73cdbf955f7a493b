// Package tgmsg shapes a flows message for the Bot API: SplitHTML cuts
// Telegram HTML into parts that fit one message, and Keyboard turns the
// message's buttons into an inline keyboard. It is a leaf that both bot
// (replies) and bot/outbox (notifications) use, so that neither imports
// the other for it.
package tgmsg
