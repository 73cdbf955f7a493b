package domain

import "time"

// Button is an inline button under a message: its label (plain text) and
// the callback data the engine built for it (1-64 bytes).
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
type Notification struct {
	ChatID  int64
	Message Message
}

// Outgoing is an outbox message that a sender has claimed for delivery: a
// Notification with its row id and its delivery state. The store hands it
// out with a lease; Lease identifies the claim, so that a sender whose lease
// ran out (and was taken over) cannot reschedule the message any more.
type Outgoing struct {
	ID       int64
	ChatID   int64
	Message  Message   // Text and Buttons; outbox messages carry no document
	Attempts int       // failed attempts before this one
	Lease    time.Time // end of the claim's lease, as the store set it
}
