package invites

import (
	"crypto/rand"
	"encoding/base64"
	"net/url"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// newCode returns a new invite code: 22 characters of the URL-safe base64
// alphabet (A-Z a-z 0-9 _ -), 132 bits from crypto/rand, which Telegram
// takes as a deep-link payload.
func newCode() string {
	b := make([]byte, 17)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)[:domain.InviteCodeLen]
}

// link is the deep link that opens the bot with code.
func (d Deps) link(code string) string {
	return "https://t.me/" + d.BotUsername + "?start=" + code
}

// shareURL is Telegram's share link for link with text: it lets the user
// pick a chat to send both to.
func shareURL(link, text string) string {
	return "https://t.me/share/url?url=" + url.QueryEscape(link) + "&text=" + url.QueryEscape(text)
}
