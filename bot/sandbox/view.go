package sandbox

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// item is one bubble of the chat as the page shows it. Bot messages carry
// their message id; the user's own messages carry a sequence number and the
// id of the newest bot message that existed when they were sent, so that the
// page (and transcript) can place them: the sort key is (ID, 0, 0) for a bot
// message and (After, 1, Seq) for a user message.
type item struct {
	From     string       `json:"from"` // "bot" or "user"
	ID       int          `json:"id,omitempty"`
	Seq      int64        `json:"seq,omitempty"`
	After    int          `json:"after,omitempty"`
	Rich     []*node      `json:"rich,omitempty"` // bot text or caption, parsed Telegram HTML
	Text     string       `json:"text,omitempty"` // the user's own text, plain
	Buttons  [][]button   `json:"buttons,omitempty"`
	Document *documentRef `json:"document,omitempty"`
	Edited   bool         `json:"edited,omitempty"`
	At       time.Time    `json:"at"`
	Time     string       `json:"time,omitempty"` // At's time of day in the bot's zone, 15:04; "" when At is unknown
}

// button is an inline button under a bot message.
type button struct {
	Text string `json:"text"`
	Data string `json:"data"`
	URL  string `json:"url,omitempty"` // a link button: the page opens it, the bot is not pressed
	// Start is, for a link button that opens the sandbox's bot, its start
	// payload (see startPayload): the page opens it as a demo user.
	Start string `json:"start,omitempty"`
}

// documentRef names a document and where the page downloads it.
type documentRef struct {
	Name string `json:"name"`
	Size int    `json:"size"`
	URL  string `json:"url"`
}

// userEntry is a text the person sent from the page.
type userEntry struct {
	Seq   int64
	After int
	Text  string
	At    time.Time
}

// key returns the sort key of it (see item).
func (it item) key() [3]int64 {
	if it.From == "user" {
		return [3]int64{int64(it.After), 1, it.Seq}
	}
	return [3]int64{int64(it.ID), 0, 0}
}

// clockTime is at's time of day in loc as the page shows it (15:04), or ""
// for the zero time.
func clockTime(at time.Time, loc *time.Location) string {
	if at.IsZero() {
		return ""
	}
	return at.In(loc).Format("15:04")
}

// botItem turns a bot message of chat into its bubble, with its time in loc.
func botItem(chat int64, m telegramfake.Message, loc *time.Location) item {
	it := item{From: "bot", ID: m.ID, Edited: m.Edits > 0, At: m.At, Time: clockTime(m.At, loc)}
	text := m.Text
	if m.Document != nil {
		text = m.Caption
		it.Document = &documentRef{
			Name: m.Document.FileName,
			Size: len(m.Document.Data),
			URL:  fmt.Sprintf("/api/chats/%d/messages/%d/document", chat, m.ID),
		}
	}
	it.Rich = richText(text)
	for _, row := range m.Buttons {
		r := make([]button, 0, len(row))
		for _, b := range row {
			bt := button{Text: b.Text, Data: b.Data, URL: b.URL}
			if b.URL != "" {
				bt.Start, _ = startPayload(b.URL)
			}
			r = append(r, bt)
		}
		it.Buttons = append(it.Buttons, r)
	}
	return it
}

// userItem turns a user entry into its bubble, with its time in loc.
func userItem(e userEntry, loc *time.Location) item {
	return item{From: "user", Seq: e.Seq, After: e.After, Text: e.Text, At: e.At, Time: clockTime(e.At, loc)}
}

// transcript merges the bot messages (deleted ones left out) and the user's
// entries of chat into one list in display order, with times in loc.
func transcript(chat int64, bot []telegramfake.Message, mine []userEntry, loc *time.Location) []item {
	out := make([]item, 0, len(bot)+len(mine))
	for _, m := range bot {
		if !m.Deleted {
			out = append(out, botItem(chat, m, loc))
		}
	}
	for _, e := range mine {
		out = append(out, userItem(e, loc))
	}
	slices.SortStableFunc(out, func(a, b item) int {
		ka, kb := a.key(), b.key()
		for i := range ka {
			if c := cmp.Compare(ka[i], kb[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return out
}
