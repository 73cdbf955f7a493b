package engine

import (
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Screen is a message before its buttons have callback data: Telegram
// HTML text and rows of buttons. A screen About a record is recorded as
// showing it (Config.Shown) while it is the conversation's prompt, so that
// a change of the record restyles it (see Turn.Restyle).
type Screen struct {
	Text  string
	Rows  [][]Button
	About domain.About
}

// Button is an inline button: its plain-text label, and the action and
// argument its callback data carries (after the session's nonce, or, for
// a durable button, after its feature); or, for a link button, the URL it
// opens.
type Button struct {
	Label   string
	action  string
	arg     string
	feature string // set for a durable button
	url     string // set for a link button
}

// Session button actions the engine handles itself.
const (
	actChoose  = "c"  // a choice of a flow step; arg is its value
	actBack    = "b"  // back to the previous step
	actEdit    = "e"  // edit a field from the summary; arg is the step
	actConfirm = "ok" // confirm the summary
	actCancel  = "x"  // cancel the flow from the summary
	actScreen  = "m"  // open a registered screen; arg is "<screen>[.<param>]"
)

// screenSep separates a screen's name from its parameter in actScreen's
// argument.
const screenSep = "."

// ScreenButton is a button that opens the registered screen name with
// param ("" for none) in the pressed message.
func ScreenButton(label, screen, param string) Button {
	arg := screen
	if param != "" {
		arg += screenSep + param
	}
	return Button{Label: label, action: actScreen, arg: arg}
}

// ScreenButtonID is ScreenButton with a record id as the parameter.
func ScreenButtonID(label, screen string, id int64) Button {
	return ScreenButton(label, screen, strconv.FormatInt(id, 10))
}

// DurableButton is a button that runs the durable action of feature on
// record id, from any message at any time (see callback.go).
func DurableButton(label, feature, action string, id int64) Button {
	return Button{Label: label, feature: feature, action: action, arg: strconv.FormatInt(id, 10)}
}

// StepButton is a session button with an action of a step's own (a
// calendar's month, a multi-select's toggle); the step's Button handler
// receives it.
func StepButton(label, action, arg string) Button {
	return Button{Label: label, action: action, arg: arg}
}

// URLButton is a button that opens url (http, https or tg) in the user's
// app; it sends the bot nothing.
func URLButton(label, url string) Button { return Button{Label: label, url: url} }

// Durable reports whether b is a durable button.
func (b Button) Durable() bool { return b.feature != "" }

// find returns the label of the session button with action and arg.
func (s Screen) find(action, arg string) (string, bool) {
	for _, row := range s.Rows {
		for _, b := range row {
			if !b.Durable() && b.url == "" && b.action == action && b.arg == arg {
				return b.Label, true
			}
		}
	}
	return "", false
}

// JoinLines joins non-empty texts with line breaks.
func JoinLines(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p)
	}
	return b.String()
}
