package flowstest

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// checkButton applies Telegram's rules to a button: a label, and either
// callback data of 1-64 bytes or a link (see checkURL).
func checkButton(b domain.Button) error {
	switch {
	case b.Label == "":
		return errors.New("telegram: Bad Request: button text is empty")
	case b.URL != "":
		return checkURL(b)
	case len(b.Data) == 0 || len(b.Data) > 64:
		return fmt.Errorf("telegram: Bad Request: BUTTON_DATA_INVALID (%q)", b.Data)
	}
	return nil
}

// checkURL applies Telegram's rules to a link button: exactly one kind
// (no callback data beside the URL) and an http, https or tg URL with a
// host.
func checkURL(b domain.Button) error {
	if b.Data != "" {
		return errors.New("telegram: Bad Request: can't parse inline keyboard button: exactly one of the optional fields must be used")
	}
	u, err := url.Parse(b.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "tg") || u.Host == "" {
		return errors.New("telegram: Bad Request: BUTTON_URL_INVALID")
	}
	return nil
}

// URLOf returns the URL of the link button labelled label on the newest
// message of p's chat that shows it; it fails the test when there is none.
func (h *H) URLOf(p Person, label string) string {
	h.T.Helper()
	msgs := h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Label == label && b.URL != "" {
					return b.URL
				}
			}
		}
	}
	h.T.Fatalf("no message shows a link button %q; last message:\n%s", label, h.Last(p).Text)
	return ""
}
