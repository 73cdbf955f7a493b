package bot

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// toFlows turns a Telegram update into what the flows understand. It reports
// false for updates the bot does not serve: anything outside private chats,
// edits of earlier messages, and update types it did not ask for.
func toFlows(u *update) (engine.Update, bool) {
	switch {
	case u.Message != nil:
		m := u.Message
		if m.From == nil || m.Chat.Type != chatPrivate {
			return engine.Update{}, false
		}
		f := engine.Update{ID: u.ID, ChatID: m.Chat.ID, UserID: m.From.ID, FirstName: m.From.FirstName,
			LastName: m.From.LastName, LangHint: m.From.LanguageCode, Kind: engine.KindText, Text: m.Text}
		switch {
		case m.Text == "":
			f.Kind = engine.KindOther
		case strings.HasPrefix(m.Text, "/"):
			f.Kind = engine.KindCommand
			f.Command, f.Args = parseCommand(m.Text)
			f.Text = ""
		}
		return f, true
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		if q.Message == nil || q.Message.Chat.Type != chatPrivate {
			return engine.Update{}, false
		}
		return engine.Update{ID: u.ID, Kind: engine.KindButton, ChatID: q.Message.Chat.ID, UserID: q.From.ID,
			FirstName: q.From.FirstName, LastName: q.From.LastName, LangHint: q.From.LanguageCode, Data: q.Data, MessageID: q.Message.ID,
			QueryID: q.ID}, true
	}
	return engine.Update{}, false
}

// parseCommand splits "/Start@MiGlobeBot payload" into "start" and "payload".
// It works on bytes of the text itself, not on entity offsets (which count
// UTF-16 units and go wrong after non-ASCII text). A name that is not a valid
// Telegram command comes back as "", which the flows treat as unknown.
func parseCommand(text string) (name, args string) {
	word, rest, _ := strings.Cut(strings.TrimPrefix(text, "/"), " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		rest = word[i+1:] + " " + rest
		word = word[:i]
	}
	word, _, _ = strings.Cut(word, "@")
	word = strings.ToLower(word)
	if !validCommand(word) {
		word = ""
	}
	return word, strings.TrimSpace(rest)
}

func validCommand(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// chatOf returns the chat an update belongs to, for ordering; 0 when none.
func chatOf(u *update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message; m != nil {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	}
	return 0
}
