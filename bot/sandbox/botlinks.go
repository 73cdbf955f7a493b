package sandbox

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// payloadPattern is a deep link's start parameter as Telegram takes it:
// 1-64 of A-Z a-z 0-9 _ -.
var payloadPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// botLinkPattern finds candidates for links to the sandbox's bot in plain
// text, as Telegram finds links in a message (with or without a scheme);
// startPayload decides which of them are.
var botLinkPattern = regexp.MustCompile(`(?i)(?:https?://)?(?:www\.)?(?:t|telegram)\.me/[A-Za-z0-9_]{4,32}\?start=[A-Za-z0-9_-]+`)

// startPayload returns the start parameter of link when opening it starts
// the sandbox's bot (telegramfake.BotUsername) as Telegram would, with
// "/start <payload>": https://t.me/<bot>?start=<payload> (also http,
// telegram.me or without a scheme), or Telegram's share link
// https://t.me/share/url?url=<such a link>, which in the sandbox stands for
// the person it is shared with opening it. It reports false for every
// other link.
func startPayload(link string) (string, bool) {
	return startPayloadDepth(link, true)
}

func startPayloadDepth(link string, shared bool) (string, bool) {
	link = strings.TrimSpace(link)
	if !strings.Contains(link, "://") {
		link = "https://" + link
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil {
		return "", false
	}
	switch strings.ToLower(strings.TrimPrefix(u.Hostname(), "www.")) {
	case "t.me", "telegram.me":
	default:
		return "", false
	}
	q := u.Query()
	path := strings.Trim(u.Path, "/")
	if shared && (path == "share/url" || path == "share") {
		return startPayloadDepth(q.Get("url"), false)
	}
	if !strings.EqualFold(path, telegramfake.BotUsername) {
		return "", false
	}
	payload := q.Get("start")
	if !payloadPattern.MatchString(payload) {
		return "", false
	}
	return payload, true
}

// linkBots turns each link to the sandbox's bot in the plain text of nodes
// (also in code, where Telegram would copy it on a tap: the sandbox has no
// other phone to paste it into) into a link node with its start payload,
// and marks the links of a elements that open the bot. The page opens them
// as a demo user of the visitor's choice.
func linkBots(nodes []*node) []*node {
	if len(nodes) == 0 {
		return nodes
	}
	out := make([]*node, 0, len(nodes))
	for _, n := range nodes {
		switch {
		case n.Tag == "a":
			if p, ok := startPayload(n.Href); ok && n.Href != "" {
				n.Start = p
			}
			out = append(out, n)
		case n.Tag != "":
			n.Kids = linkBots(n.Kids)
			out = append(out, n)
		default:
			out = append(out, splitBotLinks(n)...)
		}
	}
	return out
}

// splitBotLinks splits a text node at the links to the bot in it.
func splitBotLinks(n *node) []*node {
	var out []*node
	at := 0
	for _, m := range botLinkPattern.FindAllStringIndex(n.Text, -1) {
		link := n.Text[m[0]:m[1]] // the pattern takes the whole payload: a longer one than Telegram's fails here
		p, ok := startPayload(link)
		if !ok {
			continue
		}
		if m[0] > at {
			out = append(out, &node{Text: n.Text[at:m[0]]})
		}
		href := link
		if !strings.Contains(strings.ToLower(link), "://") {
			href = "https://" + link
		}
		out = append(out, &node{Tag: "a", Href: href, Start: p, Kids: []*node{{Text: link}}})
		at = m[1]
	}
	if at == 0 {
		return []*node{n}
	}
	if at < len(n.Text) {
		out = append(out, &node{Text: n.Text[at:]})
	}
	return out
}

// handleStart opens a link to the bot as the chat's user, as Telegram does
// when someone taps one: the bot gets "/start <payload>" from them, and
// their chat shows "/start" (Telegram shows the command, not the payload).
// A payload Telegram would not take is refused and nothing is sent.
func (s *server) handleStart(w http.ResponseWriter, r *http.Request) {
	u, ok := s.chatUser(w, r)
	if !ok {
		return
	}
	var body struct {
		Payload string `json:"payload"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if !payloadPattern.MatchString(body.Payload) {
		writeError(w, http.StatusBadRequest, "payload must be 1-64 of A-Z a-z 0-9 _ -")
		return
	}
	s.sendAs(w, u, "/start", "/start "+body.Payload)
}
