package flowstest

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// CheckDocument applies sendDocument's limits to m, a message with a
// Document: a file with a name and content, a caption of Telegram HTML of
// at most 1,024 characters once its entities are parsed, and buttons
// Telegram takes.
func CheckDocument(m domain.Message) error {
	d := m.Document
	switch {
	case strings.TrimSpace(d.Name) == "":
		return errors.New("telegram: Bad Request: a document without a file name")
	case len(d.Content) == 0:
		return errors.New("telegram: Bad Request: file must be non-empty")
	}
	visible, err := CheckHTML(d.Caption)
	if err != nil {
		return err
	}
	if n := len(utf16.Encode([]rune(visible))); n > domain.MaxCaptionLength {
		return fmt.Errorf("telegram: Bad Request: message caption is too long (%d)", n)
	}
	return checkButtons(m.Buttons)
}

// checkButtons applies Telegram's limits to every button of rows.
func checkButtons(rows [][]domain.Button) error {
	for _, row := range rows {
		for _, b := range row {
			if err := checkButton(b); err != nil {
				return err
			}
		}
	}
	return nil
}

// Documents returns the documents p's chat received, in order.
func (h *H) Documents(p Person) []domain.Document {
	h.T.Helper()
	var out []domain.Document
	for _, s := range h.Msgr.Messages(p.ID) {
		if s.Document != nil {
			out = append(out, *s.Document)
		}
	}
	return out
}
