package flowstest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Sent is a message as the chat shows it now: a text, or a document with
// its caption (Text is empty then).
type Sent struct {
	ID       int
	Text     string
	Buttons  [][]domain.Button
	Edits    int
	Document *domain.Document
}

// Labels returns the labels of s's buttons, row by row.
func (s Sent) Labels() [][]string {
	out := make([][]string, 0, len(s.Buttons))
	for _, row := range s.Buttons {
		r := make([]string, 0, len(row))
		for _, b := range row {
			r = append(r, b.Label)
		}
		out = append(out, r)
	}
	return out
}

// Recorder is an engine.Messenger that keeps every chat's messages and
// fails the test for anything Telegram would reject.
type Recorder struct {
	tb     testing.TB
	mu     sync.Mutex
	nextID int
	chats  map[int64][]*Sent
	calls  int
	// seq numbers every call, answers included (calls counts what the
	// user sees: sends and edits); answeredAt is the seq at which each
	// callback query was answered, answers how often
	seq        int
	answeredAt map[string]int
	answers    map[string]int
	// refuseEdits makes Edit fail as Telegram does for a message the user
	// deleted.
	RefuseEdits bool
	// menus are the chats' own command menus, menuCalls how often each
	// chat's was set or deleted (see commands.go)
	menus     map[int64][]engine.BotCommand
	menuCalls map[int64]int
	// RefuseCommands makes SetChatCommands fail as on a network error.
	RefuseCommands bool
}

// NewRecorder returns an empty Recorder that reports to tb.
func NewRecorder(tb testing.TB) *Recorder {
	return &Recorder{tb: tb, nextID: 100, chats: map[int64][]*Sent{}, answeredAt: map[string]int{}, answers: map[string]int{},
		menus: map[int64][]engine.BotCommand{}, menuCalls: map[int64]int{}}
}

// Answer records the answer to callback query queryID; Telegram shows text
// as it is, at most 200 characters.
func (r *Recorder) Answer(_ context.Context, queryID, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	r.answeredAt[queryID] = r.seq
	r.answers[queryID]++
	if n := len([]rune(text)); n > 200 {
		r.tb.Errorf("answerCallbackQuery would fail: toast of %d characters", n)
	}
	return nil
}

// answered returns how often queryID was answered and at which call (the
// last time).
func (r *Recorder) answered(queryID string) (times, at int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.answers[queryID], r.answeredAt[queryID]
}

// sequence returns how many calls, answers included, were made so far.
func (r *Recorder) sequence() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seq
}

// Send records m as a new message of chatID.
func (r *Recorder) Send(_ context.Context, chatID int64, m domain.Message) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.seq++
	if err := CheckMessage(m); err != nil {
		r.tb.Errorf("sendMessage would fail: %v\ntext: %q", err, m.Text)
		return 0, err
	}
	r.nextID++
	sent := &Sent{ID: r.nextID, Text: m.Text, Buttons: m.Buttons}
	if m.Document != nil {
		d := *m.Document
		d.Content = slices.Clone(d.Content)
		sent.Text, sent.Document = "", &d
	}
	r.chats[chatID] = append(r.chats[chatID], sent)
	return r.nextID, nil
}

// Edit replaces message messageID of chatID.
func (r *Recorder) Edit(_ context.Context, chatID int64, messageID int, m domain.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.seq++
	if r.RefuseEdits {
		return errors.New("telegram: Bad Request: message to edit not found")
	}
	if err := CheckMessage(m); err != nil {
		r.tb.Errorf("editMessageText would fail: %v\ntext: %q", err, m.Text)
		return err
	}
	for _, s := range r.chats[chatID] {
		if s.ID != messageID {
			continue
		}
		if s.Document != nil {
			err := errors.New("telegram: Bad Request: there is no text in the message to edit")
			r.tb.Errorf("edit of message %d: %v", messageID, err)
			return err
		}
		if s.Text == m.Text && reflect.DeepEqual(s.Buttons, m.Buttons) {
			err := errors.New("telegram: Bad Request: message is not modified")
			r.tb.Errorf("edit of message %d: %v", messageID, err)
			return err
		}
		s.Text, s.Buttons = m.Text, m.Buttons
		s.Edits++
		return nil
	}
	err := errors.New("telegram: Bad Request: message to edit not found")
	r.tb.Errorf("edit of message %d: %v", messageID, err)
	return err
}

// ClearButtons takes the buttons off message messageID of chatID.
func (r *Recorder) ClearButtons(_ context.Context, chatID int64, messageID int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.seq++
	for _, s := range r.chats[chatID] {
		if s.ID != messageID {
			continue
		}
		if len(s.Buttons) == 0 {
			err := errors.New("telegram: Bad Request: message is not modified")
			r.tb.Errorf("clearing the buttons of message %d: %v", messageID, err)
			return err
		}
		s.Buttons = nil
		s.Edits++
		return nil
	}
	err := errors.New("telegram: Bad Request: message to edit not found")
	r.tb.Errorf("clearing the buttons of message %d: %v", messageID, err)
	return err
}

// Errors of an edit that has nothing to do, as Telegram words them.
var (
	errNotModified = errors.New("telegram: Bad Request: message is not modified")
	errEditGone    = errors.New("telegram: Bad Request: message to edit not found")
)

// Needless reports whether err is Telegram's answer to an edit that has
// nothing to do: the message shows it already, or is gone.
func Needless(err error) bool { return errors.Is(err, errNotModified) || errors.Is(err, errEditGone) }

// Messages returns a copy of the chat's messages, oldest first.
func (r *Recorder) Messages(chatID int64) []Sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Sent
	for _, s := range r.chats[chatID] {
		out = append(out, *s)
	}
	return out
}

// CallCount returns how many Send and Edit calls were made.
func (r *Recorder) CallCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

// CheckMessage applies Telegram's limits to m (sendDocument's to a
// document, see CheckDocument).
func CheckMessage(m domain.Message) error {
	if m.Document != nil {
		return CheckDocument(m)
	}
	visible, err := CheckHTML(m.Text)
	if err != nil {
		return err
	}
	n := len(utf16.Encode([]rune(visible)))
	switch {
	case strings.TrimSpace(visible) == "":
		return errors.New("telegram: Bad Request: message text is empty")
	case n > 4096:
		return fmt.Errorf("telegram: Bad Request: message is too long (%d)", n)
	}
	return checkButtons(m.Buttons)
}

var (
	allowedTags = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
		"s": true, "strike": true, "del": true, "code": true, "pre": true, "a": true, "tg-spoiler": true,
		"blockquote": true, "span": true}
	entity = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)
	tagRe  = regexp.MustCompile(`^<(/?)([a-z-]+)(\s[^<>]*)?>`)
)

// CheckHTML parses s as Telegram HTML: only Telegram's tags, properly
// nested, and no raw < > &. It returns the visible text.
func CheckHTML(s string) (string, error) {
	var visible strings.Builder
	var open []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			m := tagRe.FindStringSubmatch(s[i:])
			if m == nil || !allowedTags[m[2]] {
				return "", fmt.Errorf("telegram: Bad Request: can't parse entities: unsupported start tag at byte offset %d", i)
			}
			if m[1] == "/" {
				if len(open) == 0 || open[len(open)-1] != m[2] {
					return "", fmt.Errorf("telegram: Bad Request: can't parse entities: unmatched end tag %q", m[2])
				}
				open = open[:len(open)-1]
			} else {
				open = append(open, m[2])
			}
			i += len(m[0])
		case '>':
			return "", fmt.Errorf("telegram: Bad Request: can't parse entities: raw > at byte offset %d", i)
		case '&':
			m := entity.FindString(s[i:])
			if m == "" {
				return "", fmt.Errorf("telegram: Bad Request: can't parse entities: raw & at byte offset %d", i)
			}
			visible.WriteByte('x')
			i += len(m)
		default:
			visible.WriteByte(s[i])
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("telegram: Bad Request: can't parse entities: unclosed tag %q", open[len(open)-1])
	}
	return visible.String(), nil
}
