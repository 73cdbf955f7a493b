// Package feedback is a feature that exists for tests only: it shows that
// a feature is one folder and one line of the composition root. It
// registers a command (/feedback), a menu entry, a flow (the user types
// feedback and confirms it), a durable action (a coordinator acknowledges
// it from the notification) and a scheduled job (a reminder to the
// coordinators), with texts of its own in German and English. Nothing in
// the engine or another feature knows of it; tests add it with
// flows.Config.Extra.
package feedback
