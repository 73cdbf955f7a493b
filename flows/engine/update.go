package engine

import (
	"context"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Kind tells what a user did.
type Kind int

// Kinds of updates.
const (
	KindText    Kind = iota // a plain text message
	KindCommand             // a /command, maybe with arguments
	KindButton              // an inline button was pressed
	KindOther               // a sticker, photo, voice note or anything else without text
)

// Update is one thing a user did in a private chat, stripped of Telegram.
type Update struct {
	ID        int64 // Telegram update id, for logs only
	Kind      Kind
	ChatID    int64
	UserID    int64  // Telegram user id
	FirstName string // Telegram profile name; never stored before consent
	LastName  string // Telegram profile's last name, may be empty; never stored before consent
	LangHint  string // Telegram language_code of the user's app, may be empty
	Text      string // message text for KindText
	Command   string // command name without slash and @botname, lower case, for KindCommand
	Args      string // what follows the command (deep-link payload for /start)
	Data      string // callback data for KindButton
	MessageID int    // for KindButton: the message that holds the pressed button
	QueryID   string // for KindButton: the callback query Handle answers first ("" in tests without one)
}

// Messenger delivers messages to a chat. bot/ implements it on Telegram;
// tests implement it on the fake Bot API.
type Messenger interface {
	// Send sends m to chatID and returns the id of the (last) message sent.
	Send(ctx context.Context, chatID int64, m domain.Message) (messageID int, err error)
	// Edit replaces text and buttons of messageID. Editing to identical content is not an error.
	Edit(ctx context.Context, chatID int64, messageID int, m domain.Message) error
	// ClearButtons removes the inline buttons of messageID and keeps its text.
	ClearButtons(ctx context.Context, chatID int64, messageID int) error
	// Answer answers a callback query with a plain-text toast ("" for none).
	Answer(ctx context.Context, queryID, text string) error
	// SetChatCommands makes cmds the command menu of chatID, in every
	// language of the user's app; no cmds deletes the chat's own menu, so
	// that the chat shows the default one again.
	SetChatCommands(ctx context.Context, chatID int64, cmds []BotCommand) error
}
