package flows

// Notification is a message to someone other than the person chatting: a
// coordinator told of a new request, a requester told of a decision. It is
// written to the outbox in the transaction of the change that causes it
// (Store methods take the notifications of their change), and a sender
// delivers it. Its text is already in the recipient's language; its buttons
// carry callback data that is checked on the server when pressed, not a
// session nonce.
type Notification struct {
	ChatID  int64
	Message Message
}
