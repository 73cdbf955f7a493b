package tgmsg

import (
	"fmt"

	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Keyboard turns flows buttons into an inline keyboard (nil for no
// buttons), refusing buttons Telegram would refuse: an empty label, data
// that is not 1-64 bytes, or a button with both data and a URL (the
// engine never builds such). A button with a URL is a link button.
func Keyboard(rows [][]domain.Button) (*models.InlineKeyboardMarkup, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	kb := make([][]models.InlineKeyboardButton, 0, len(rows))
	for _, row := range rows {
		r := make([]models.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			if b.URL != "" {
				if b.Label == "" || b.Data != "" {
					return nil, fmt.Errorf("button %q: a link button needs a label and no callback data", b.Label)
				}
				r = append(r, models.InlineKeyboardButton{Text: b.Label, URL: b.URL})
				continue
			}
			if b.Label == "" || len(b.Data) == 0 || len(b.Data) > 64 {
				return nil, fmt.Errorf("button %q: callback data must be 1-64 bytes, is %d", b.Label, len(b.Data))
			}
			r = append(r, models.InlineKeyboardButton{Text: b.Label, CallbackData: b.Data})
		}
		kb = append(kb, r)
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: kb}, nil
}
