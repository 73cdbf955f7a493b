package sandbox

import (
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// maxTextRunes is the longest text the page may send, as Telegram allows.
const maxTextRunes = 4096

// userView is a user as GET /api/users lists it.
type userView struct {
	ID        int64  `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
	Persona   string `json:"persona,omitempty"`       // municipal, advisor, organisation, coordinator, association
	Lang      string `json:"language_code,omitempty"` // their Telegram app's language
	Org       string `json:"org,omitempty"`           // the demo association they are a member of
}

func (s *server) handleUsers(w http.ResponseWriter, _ *http.Request) {
	out := make([]userView, 0, len(s.users))
	for _, u := range s.users {
		out = append(out, userView{
			ID: u.ID, FirstName: u.FirstName, LastName: u.LastName,
			Username: u.Username, Persona: demoPersonas[u.ID], Lang: u.LanguageCode, Org: s.orgOf[u.ID],
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": out})
}

// commandView is one entry of the bot's command menu.
type commandView struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// handleCommands returns the command menu the bot set (setMyCommands) for
// the language in ?lang=, else the one for every language: what
// Telegram's menu button would show. With ?chat= of a demo user it is what
// that user's app shows in the language ?lang=: their chat's own menu (the
// bot sets one once they registered), else the default one. An empty list
// before the bot set one.
func (s *server) handleCommands(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	cmds := s.fake.Commands(lang)
	if len(cmds) == 0 {
		cmds = s.fake.Commands("")
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("chat"), 10, 64); err == nil {
		if u, ok := s.byID[id]; ok {
			u.LanguageCode = lang
			cmds = s.fake.MenuOf(u)
		}
	}
	out := make([]commandView, 0, len(cmds))
	for _, c := range cmds {
		out = append(out, commandView{Command: c.Command, Description: c.Description})
	}
	writeJSON(w, http.StatusOK, map[string]any{"commands": out})
}

func (s *server) handleTranscript(w http.ResponseWriter, r *http.Request) {
	u, ok := s.chatUser(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": s.snapshot(u.ID)})
}

// snapshot returns the whole chat of user id in display order.
func (s *server) snapshot(chat int64) []item {
	return transcript(chat, s.fake.Messages(chat), s.mine.list(chat), s.loc)
}

// decodeBody reads a JSON body of at most 64 KiB into v. It refuses other
// content types, so that a plain HTML form of another site cannot post here.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "send application/json")
		return false
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "malformed JSON body")
		return false
	}
	return true
}

func (s *server) handleSend(w http.ResponseWriter, r *http.Request) {
	u, ok := s.chatUser(w, r)
	if !ok {
		return
	}
	var body struct {
		Text string `json:"text"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	text := strings.TrimSpace(body.Text)
	switch {
	case text == "":
		writeError(w, http.StatusBadRequest, "text is empty")
		return
	case !utf8.ValidString(text) || utf8.RuneCountInString(text) > maxTextRunes:
		writeError(w, http.StatusBadRequest, "text is not valid UTF-8 or longer than 4096 characters")
		return
	}
	s.sendAs(w, u, text, text)
}

// sendAs makes u send text to the bot, shows shown as their message in
// their chat and answers with the update id and that message.
func (s *server) sendAs(w http.ResponseWriter, u telegramfake.User, shown, text string) {
	after := 0
	if msgs := s.fake.Messages(u.ID); len(msgs) > 0 {
		after = msgs[len(msgs)-1].ID
	}
	e := s.mine.add(u.ID, after, shown, s.fake.Now()) // dated as Telegram dates it
	id := s.fake.SendText(u, text)
	s.log.Debug("sandbox: user sent text", slog.Int64("chat_id", u.ID), slog.Int64("update_id", id))
	writeJSON(w, http.StatusOK, map[string]any{"update_id": id, "item": userItem(e, s.loc)})
}

func (s *server) handlePress(w http.ResponseWriter, r *http.Request) {
	u, ok := s.chatUser(w, r)
	if !ok {
		return
	}
	var body struct {
		MessageID int    `json:"message_id"`
		Data      string `json:"data"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if !hasButton(s.fake.Messages(u.ID), body.MessageID, body.Data) {
		writeError(w, http.StatusNotFound, "no such button on that message")
		return
	}
	id := s.fake.PressData(u, body.MessageID, body.Data)
	s.log.Debug("sandbox: user pressed button", slog.Int64("chat_id", u.ID),
		slog.Int("message_id", body.MessageID), slog.Int64("update_id", id))
	writeJSON(w, http.StatusOK, map[string]any{"update_id": id})
}

// hasButton reports whether the message id (not deleted) shows a button
// with this callback data now, as a real Telegram client requires.
func hasButton(msgs []telegramfake.Message, id int, data string) bool {
	for _, m := range msgs {
		if m.ID != id || m.Deleted {
			continue
		}
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data == data {
					return true
				}
			}
		}
	}
	return false
}

func (s *server) handleDocument(w http.ResponseWriter, r *http.Request) {
	u, ok := s.chatUser(w, r)
	if !ok {
		return
	}
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		writeError(w, http.StatusNotFound, "no such document")
		return
	}
	for _, m := range s.fake.Messages(u.ID) {
		if m.ID != id || m.Deleted || m.Document == nil {
			continue
		}
		name := path.Base(strings.ReplaceAll(m.Document.FileName, "\\", "/"))
		if name == "." || name == "/" {
			name = "document"
		}
		ctype := documentType(name)
		h := w.Header()
		h.Set("Content-Type", ctype)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		// A downloaded HTML or SVG file must not run as part of this page.
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
		h.Set("Content-Length", strconv.Itoa(len(m.Document.Data)))
		_, _ = w.Write(m.Document.Data)
		return
	}
	writeError(w, http.StatusNotFound, "no such document")
}

// fileTypes are the content types of the files the bot sends that Go's
// own table may lack (it depends on the system's mime.types): calendar
// files and CSV exports, so that the browser opens them in the right app.
var fileTypes = map[string]string{".ics": "text/calendar; charset=utf-8", ".csv": "text/csv; charset=utf-8"}

// documentType returns the content type a download of a file named name
// is served with: by its extension, application/octet-stream when unknown.
func documentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := fileTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
