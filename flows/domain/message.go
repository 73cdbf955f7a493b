package domain

import (
	"context"
	"time"
)

// Button is an inline button under a message: its label (plain text) and
// either the callback data the engine built for it (1-64 bytes) or, for a
// link button, the URL it opens (http, https or tg; Data is empty then).
type Button struct {
	Label string `json:"label"`
	Data  string `json:"data"`
	URL   string `json:"url,omitempty"`
}

// Document is a file sent to the user. Through the outbox (a
// Notification's Message.Document) it has a Name, 1 to MaxOutboxDocument
// bytes of Content and a Caption of at most MaxCaptionLength; the store
// refuses other documents with ErrInvalid.
type Document struct {
	Name    string
	Content []byte
	Caption string // Telegram HTML, at most 1024 characters
	Type    string // the content type ("text/calendar; charset=utf-8"); empty: application/octet-stream
}

// Message is what a user is shown: text in Telegram HTML with every piece
// of user text already escaped, and inline buttons in rows.
type Message struct {
	Text     string
	Buttons  [][]Button
	Document *Document // when set, a document is sent with Document.Caption and Text is ignored
}

// Notification is a message to someone other than the person chatting: a
// coordinator told of a new request, a requester told of a decision. It is
// written to the outbox in the transaction of the change that causes it
// (store methods take the notifications of their change), and a sender
// delivers it. Its text is already in the recipient's language; its
// buttons are durable (checked on the server when pressed), never bound to
// a session.
//
// A notification may be About a record (About), so that a later Restyle of
// the record finds it, before it is sent and after. A Notification with a
// Restyle or a RestyleText is no message (IsRestyle): it gives new buttons,
// and with RestyleText a new text, to every message About the same record
// and kind (see Restyle); ChatID and Message are then unused but for Spare.
type Notification struct {
	ChatID  int64
	Message Message
	About   About  // what the message shows; zero for nothing a restyle finds
	Lang    string // the recipient's language: which of a restyle's rows it gets
	// Restyle, when not nil, makes this an instruction instead of a
	// message: the messages About the same Subject and Kind get
	// Restyle[their language] as their buttons (none: no keyboard), those
	// still waiting in the outbox before they are sent, those shown already
	// by an edit of their keyboard.
	Restyle map[string][][]Button
	// RestyleText, when not nil, gives the restyled messages a new text
	// too, by language (Telegram HTML, user text escaped by the caller, at
	// most MaxTextLength characters by TextLength: an edit cannot be
	// split; the store refuses a longer or empty one with ErrInvalid). A
	// message waiting in the outbox gets it as its text; one shown already
	// is edited to it, with Restyle[its language] as its buttons. A message
	// in a language RestyleText lacks keeps its text. Nil: the texts stay,
	// only the buttons change.
	RestyleText map[string]string
	// Spare lists messages of ChatID that a restyle leaves alone: those the
	// turn that makes the change draws anew itself.
	Spare []int
}

// IsRestyle reports whether n is a restyle instruction (Restyle or
// RestyleText set) rather than a message.
func (n Notification) IsRestyle() bool { return n.Restyle != nil || n.RestyleText != nil }

// Regarding returns n marked as About a.
func (n Notification) Regarding(a About) Notification {
	n.About = a
	return n
}

// About names what a message shows, so that it can be found again when
// that changes: Subject is the record ("rq:42"), Kind the part the message
// plays for it ("decide": a coordinator's notice with the decisions,
// "view": a screen of it shown in a conversation). The zero About is about
// nothing.
type About struct {
	Subject string
	Kind    string
}

// IsZero reports whether a is about nothing.
func (a About) IsZero() bool { return a.Subject == "" }

// ShownStore keeps which message of a chat shows what (the engine records
// the screens of its turns that are About something). RecordShown notes
// that message msgID of chatID shows about in lang, and forgets message
// forget of the chat (0: none), in one write; ForgetShown forgets message
// msgID. Both return the database error.
type ShownStore interface {
	RecordShown(ctx context.Context, chatID int64, msgID int, about About, lang string, forget int) error
	ForgetShown(ctx context.Context, chatID int64, msgID int) error
}

// Outgoing is an outbox message that a sender has claimed for delivery: a
// Notification with its row id and its delivery state. The store hands it
// out with a lease; Lease identifies the claim, so that a sender whose lease
// ran out (and was taken over) cannot reschedule the message any more.
type Outgoing struct {
	ID      int64
	ChatID  int64
	Message Message // Text and Buttons, or Document (with Buttons) for a document
	About   About   // what the message shows (zero: nothing)
	// EditID, when not 0, makes this an edit of that message instead of a
	// new message: to Message.Buttons (none: no keyboard), and when
	// Message.Text is not empty to that text too (EditsText).
	EditID   int
	Attempts int       // failed attempts before this one
	Lease    time.Time // end of the claim's lease, as the store set it
}

// EditsText reports whether o is an edit of a message's text (and
// buttons), not of its buttons alone nor a new message.
func (o Outgoing) EditsText() bool { return o.EditID != 0 && o.Message.Text != "" }
