package flows

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors that callers branch on. Implementations wrap them with %w.
var (
	// ErrNotFound: the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a write lost against a concurrent one (stale version, unique key).
	ErrConflict = errors.New("conflict")
	// ErrForbidden: the actor may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrDuplicate: the update was handled already.
	ErrDuplicate = errors.New("duplicate update")
	// ErrBusy: another worker holds the lease of this update or the lock of this chat.
	ErrBusy = errors.New("busy")
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
	LangHint  string // Telegram language_code of the user's app, may be empty
	Text      string // message text for KindText
	Command   string // command name without slash and @botname, lower case, for KindCommand
	Args      string // what follows the command (deep-link payload for /start)
	Data      string // callback data for KindButton
	MessageID int    // for KindButton: the message that holds the pressed button
}

// Button is an inline button. Data is built with CallbackData.
type Button struct {
	Label string `json:"label"`
	Data  string `json:"data"`
}

// Document is a file sent to the user.
type Document struct {
	Name    string
	Content []byte
	Caption string // Telegram HTML, at most 1024 characters
}

// Message is what a flow shows: text in Telegram HTML with every piece of user
// text already escaped (see Escape), and inline buttons in rows.
type Message struct {
	Text     string
	Buttons  [][]Button
	Document *Document // when set, a document is sent with Document.Caption and Text is ignored
}

// Messenger delivers messages to a chat. bot/ implements it on Telegram;
// tests implement it on the fake Bot API.
type Messenger interface {
	// Send sends m to chatID and returns the id of the (last) message sent.
	Send(ctx context.Context, chatID int64, m Message) (messageID int, err error)
	// Edit replaces text and buttons of messageID. Editing to identical content is not an error.
	Edit(ctx context.Context, chatID int64, messageID int, m Message) error
	// ClearButtons removes the inline buttons of messageID and keeps its text.
	ClearButtons(ctx context.Context, chatID int64, messageID int) error
}

// ConvKey names one conversation: a user in a chat.
type ConvKey struct {
	ChatID int64
	UserID int64
}

// Session is the conversation state of one ConvKey. It lives in Redis.
type Session struct {
	Version int64             `json:"v"`           // compare-and-set version, managed by Conversations
	Lang    string            `json:"l,omitempty"` // chosen language, "" before the choice
	UserID  int64             `json:"u,omitempty"` // database id once registered
	Roles   []Role            `json:"r,omitempty"` // roles of the registered user
	Flow    string            `json:"f,omitempty"` // running flow, "" for none
	Step    string            `json:"s,omitempty"` // current step of Flow
	Nonce   uint32            `json:"n,omitempty"` // changes with every prompt; stale buttons carry an old one
	Prompt  int               `json:"p,omitempty"` // message id of the current prompt, 0 if none
	Data    map[string]string `json:"d,omitempty"` // answers so far
	// Requester is set once the user submitted or followed a request of
	// their own: only then may text typed outside a flow answer a question,
	// which costs a query (see textOutsideFlow).
	Requester bool      `json:"q,omitempty"`
	Touched   time.Time `json:"t"` // last contact, for the idle timeout
}

// Conversations keeps conversation state and update claims (dedupe) in Redis.
type Conversations interface {
	// Begin claims updateID with a lease and loads the session of key, in one
	// round trip. It returns the zero Session (Version 0) when there is none,
	// ErrDuplicate when the update was handled already, and ErrBusy when another
	// worker holds the update's lease.
	Begin(ctx context.Context, updateID int64, key ConvKey) (Session, error)
	// Commit saves sess when its Version still matches the stored one and marks
	// updateID done for 24 hours, in one round trip. It returns the saved
	// session (with its new Version), or ErrConflict when sess is stale; then
	// nothing is written and the claim stays.
	Commit(ctx context.Context, updateID int64, key ConvKey, sess Session) (Session, error)
	// Done marks updateID done without touching a session (for updates that have none).
	Done(ctx context.Context, updateID int64) error
	// Abort drops the claim of updateID so that a redelivery is handled again.
	Abort(ctx context.Context, updateID int64) error
	// BeginAll does Begin for every claim, all in one round trip, and
	// returns the results in the same order.
	BeginAll(ctx context.Context, claims []Claim) []Claimed
	// SettleAll does Commit, Done or Abort for every item, all in one round
	// trip, and returns their errors in the same order.
	SettleAll(ctx context.Context, items []Settle) []error
}

// Claim names an update to claim and the conversation to load with it.
type Claim struct {
	UpdateID int64
	Key      ConvKey
}

// Claimed is what Begin returns for one Claim.
type Claimed struct {
	Session Session
	Err     error
}

// Settle ends a claim: Commit when Session is set, Abort when Abort is set,
// Done otherwise.
type Settle struct {
	UpdateID int64
	Key      ConvKey
	Session  *Session
	Abort    bool
}

// Clock returns the current time. Tests own it.
type Clock func() time.Time
