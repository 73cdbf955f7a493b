package flowstest

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Presses that must change nothing, and where a conversation stands.

// PressUnchanged presses data on message id (maybe forged or stale) and
// fails unless the press left p's session as it was and sent, edited or
// cleared nothing. It returns the toast.
func (h *H) PressUnchanged(p Person, id int, data string) string {
	h.T.Helper()
	before, calls := h.Session(p), h.Msgr.CallCount()
	toast := h.PressData(p, id, data)
	h.NoError()
	after := h.Session(p)
	after.Version = before.Version
	if !reflect.DeepEqual(before, after) {
		h.T.Errorf("press %q on %d changed the session:\nbefore %+v\nafter  %+v", data, id, before, after)
	}
	if n := h.Msgr.CallCount(); n != calls {
		h.T.Errorf("press %q on %d sent or edited %d messages", data, id, n-calls)
	}
	return toast
}

// PressStale is PressUnchanged for a press that must be answered "no
// longer current" (in the conversation's language).
func (h *H) PressStale(p Person, id int, data string) {
	h.T.Helper()
	lang := h.Session(p).Lang
	if toast, want := h.PressUnchanged(p, id, data), h.Plain(lang, "flow.stale", nil); toast != want {
		h.T.Errorf("press %q on %d: toast %q, want %q", data, id, toast, want)
	}
}

// Nonce returns the nonce of the session buttons on the newest message of
// p's chat that has buttons, for forging presses.
func (h *H) Nonce(p Person) string {
	h.T.Helper()
	msgs := h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if !strings.HasPrefix(b.Data, "*") {
					nonce, _, _ := strings.Cut(b.Data, ":")
					return nonce
				}
			}
		}
	}
	h.T.Fatalf("no message of chat %d has session buttons", p.ID)
	return ""
}

// ExpectStep fails unless p's conversation is at step of a flow with
// exactly the answers want (nil: none).
func (h *H) ExpectStep(p Person, step string, want map[string]string) {
	h.T.Helper()
	s := h.Session(p)
	if s.Flow == "" || s.Step != step || len(s.Data) != len(want) || len(want) > 0 && !reflect.DeepEqual(s.Data, want) {
		h.T.Fatalf("session in flow %q at %q with %v, want step %q with %v", s.Flow, s.Step, s.Data, step, want)
	}
}

// Durable is the callback data of feature's durable action act on record
// id, as a button, a replay or a forged press carries it.
func Durable(t testing.TB, feature, act string, id int64) string {
	t.Helper()
	data, err := engine.CallbackData("*", feature, act, strconv.FormatInt(id, 10))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
