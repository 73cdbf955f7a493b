package telegramfake

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/go-telegram/bot/models"
)

// maxButtons is the most buttons an inline keyboard may hold.
const maxButtons = 100

// keyboard is an inline keyboard as the bot sent it.
type keyboard struct {
	rows [][]models.InlineKeyboardButton
	key  string // canonical JSON, "" when there is none
}

// parseMarkup checks the reply_markup parameter. Reply keyboards, their
// removal and force_reply are accepted on new messages (inlineOnly false) and
// carry no inline buttons; edits take inline keyboards only.
func parseMarkup(raw string, inlineOnly bool) (keyboard, *apiError) {
	if strings.TrimSpace(raw) == "" {
		return keyboard{}, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		return keyboard{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	ik, ok := obj["inline_keyboard"]
	if !ok {
		_, reply := obj["keyboard"]
		_, remove := obj["remove_keyboard"]
		_, force := obj["force_reply"]
		if (reply || remove || force) && !inlineOnly {
			return keyboard{}, nil
		}
		if inlineOnly {
			return keyboard{}, badRequest("inline keyboard expected")
		}
		return keyboard{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	var rows [][]models.InlineKeyboardButton
	if err := json.Unmarshal(ik, &rows); err != nil {
		return keyboard{}, badRequest(`field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays`)
	}
	count := 0
	for _, row := range rows {
		for _, b := range row {
			count++
			if e := checkButton(b); e != nil {
				return keyboard{}, e
			}
		}
	}
	if count > maxButtons {
		return keyboard{}, badRequest("reply markup is too long")
	}
	if count == 0 {
		return keyboard{}, nil
	}
	key, err := json.Marshal(rows)
	if err != nil {
		return keyboard{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	return keyboard{rows: rows, key: string(key)}, nil
}

// checkButton applies Telegram's rules to one inline button.
func checkButton(b models.InlineKeyboardButton) *apiError {
	if strings.TrimSpace(b.Text) == "" {
		return badRequest("BUTTON_TEXT_INVALID")
	}
	kinds := 0
	for _, set := range []bool{b.CallbackData != "", b.URL != "", b.WebApp != nil, b.LoginURL != nil,
		b.SwitchInlineQuery != "", b.SwitchInlineQueryCurrentChat != "", b.SwitchInlineQueryChosenChat != nil,
		b.CopyText.Text != "", b.CallbackGame != nil, b.Pay} {
		if set {
			kinds++
		}
	}
	if kinds == 0 {
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	if kinds > 1 { // "Exactly one of the optional fields must be used"
		return badRequest("can't parse inline keyboard button: exactly one of the optional fields must be used")
	}
	if len(b.CallbackData) > maxCallbackLen {
		return badRequest("BUTTON_DATA_INVALID")
	}
	if b.URL != "" {
		u, err := url.Parse(b.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "tg") || u.Host == "" {
			return badRequest("BUTTON_URL_INVALID")
		}
	}
	return nil
}

// buttons returns the keyboard as the user sees it.
func (k keyboard) buttons() [][]Button {
	if len(k.rows) == 0 {
		return nil
	}
	out := make([][]Button, 0, len(k.rows))
	for _, row := range k.rows {
		r := make([]Button, 0, len(row))
		for _, b := range row {
			r = append(r, Button{Text: b.Text, Data: b.CallbackData, URL: b.URL})
		}
		out = append(out, r)
	}
	return out
}

// markup returns the keyboard for an API message, nil when there is none.
func (k keyboard) markup() *models.InlineKeyboardMarkup {
	if len(k.rows) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: k.rows}
}
