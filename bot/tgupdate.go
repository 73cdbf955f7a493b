package bot

import "github.com/valyala/fastjson"

// The part of a Telegram update the bot reads. getUpdates and the webhook
// decode into these types (updateFrom) rather than go-telegram's
// models.Update: its Message has well over a hundred fields, and
// allocating and clearing it for every update cost more CPU than the rest of
// the decoding (pprof, paced benchmark).

// update is one Telegram update.
type update struct {
	ID            int64
	Message       *tgMessage
	EditedMessage *tgMessage
	CallbackQuery *tgCallback
}

// tgMessage is a message, or the inaccessible message of an old button
// (which has only chat, message_id and date 0).
type tgMessage struct {
	ID   int
	From *tgUser
	Chat tgChat
	Text string
}

type tgUser struct {
	ID           int64
	FirstName    string
	LastName     string
	LanguageCode string
}

type tgChat struct {
	ID   int64
	Type string
}

type tgCallback struct {
	ID      string
	From    tgUser
	Message *tgMessage
	Data    string
}

// chatPrivate is Telegram's type of a one-to-one chat with the bot.
const chatPrivate = "private"

// parseUpdate reads one update, as the webhook receives it.
func parseUpdate(body []byte) (update, error) {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(body)
	if err != nil {
		return update{}, err
	}
	return updateFrom(v), nil
}

// updateFrom reads an update from its parsed JSON; what the bot does not
// read is left out. An update without update_id comes back with ID 0.
func updateFrom(v *fastjson.Value) update {
	u := update{ID: v.GetInt64("update_id"), Message: messageFrom(v.Get("message")),
		EditedMessage: messageFrom(v.Get("edited_message"))}
	if q := v.Get("callback_query"); isObject(q) {
		u.CallbackQuery = &tgCallback{ID: str(q, "id"), From: userFrom(q.Get("from")),
			Message: messageFrom(q.Get("message")), Data: str(q, "data")}
	}
	return u
}

func messageFrom(v *fastjson.Value) *tgMessage {
	if !isObject(v) {
		return nil
	}
	m := &tgMessage{ID: v.GetInt("message_id"), Text: str(v, "text"),
		Chat: tgChat{ID: v.GetInt64("chat", "id"), Type: str(v, "chat", "type")}}
	if f := v.Get("from"); isObject(f) {
		u := userFrom(f)
		m.From = &u
	}
	return m
}

func userFrom(v *fastjson.Value) tgUser {
	return tgUser{ID: v.GetInt64("id"), FirstName: str(v, "first_name"), LastName: str(v, "last_name"),
		LanguageCode: str(v, "language_code")}
}

// str is the string at keys, "" when there is none.
func str(v *fastjson.Value, keys ...string) string {
	return string(v.GetStringBytes(keys...))
}

// isObject reports whether v is there and a JSON object (not null).
func isObject(v *fastjson.Value) bool {
	return v != nil && v.Type() == fastjson.TypeObject
}
