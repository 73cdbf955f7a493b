package sandbox

import (
	"embed"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"time"
	_ "time/tzdata" // the page's zone must load on machines without zoneinfo files

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

//go:embed web
var webFiles embed.FS

// contentSecurityPolicy allows nothing but the page's own files and API.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// server is the sandbox web chat.
type server struct {
	fake  *telegramfake.Server
	users []telegramfake.User
	byID  map[int64]telegramfake.User
	orgOf map[int64]string // the demo association of a member, by Telegram id
	mine  *userLog
	loc   *time.Location // the bot's zone, in which the page shows times
	log   *slog.Logger
}

// New returns the handler of the sandbox web chat for fake, where users are
// the people a visitor may play (usually DemoUsers; they must have been added
// to fake with AddUser). The page shows the times of messages (dated by the
// fake's clock) in loc, the bot's time zone (Config.Location, BOT_TIMEZONE),
// whatever the browser's zone; nil means Europe/Berlin, the bot's default. A
// nil log discards. The handler serves:
//
//	GET  /                                    the page
//	GET  /static/...                          its CSS and JavaScript
//	GET  /api/users                           the users, with their persona (and demo association)
//	GET  /api/commands?lang=de                the bot's command menu in that language
//	GET  /api/commands?lang=de&chat={chat}    the menu that user's app shows (their chat's own once set)
//	GET  /api/chats/{chat}/messages           the transcript of a user's chat
//	POST /api/chats/{chat}/send               {"text": "..."}: the user sends a text
//	POST /api/chats/{chat}/press              {"message_id": 1, "data": "..."}: the user presses a button
//	POST /api/chats/{chat}/start              {"payload": "..."}: the user opens a link to the bot (/start payload)
//	GET  /api/chats/{chat}/messages/{id}/document  a document the bot sent
//	GET  /api/chats/{chat}/events             Server-Sent Events: snapshot, upsert, delete, toast
//
// API errors are JSON {"error": "..."} with a 4xx status.
func New(fake *telegramfake.Server, users []telegramfake.User, loc *time.Location, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if loc == nil {
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			panic("sandbox: time zone Europe/Berlin missing: " + err.Error())
		}
		loc = berlin
	}
	s := &server{
		fake:  fake,
		users: append([]telegramfake.User(nil), users...),
		byID:  make(map[int64]telegramfake.User, len(users)),
		orgOf: make(map[int64]string),
		mine:  newUserLog(),
		loc:   loc,
		log:   log.With(slog.String("component", "sandbox")),
	}
	for _, u := range users {
		s.byID[u.ID] = u
	}
	for _, a := range DemoAssociations() {
		for _, id := range a.Members {
			s.orgOf[id] = a.Profile.Name
		}
	}
	static, err := fs.Sub(webFiles, "web")
	if err != nil {
		panic("sandbox: embedded web files missing: " + err.Error())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, static, "index.html")
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /api/users", s.handleUsers)
	mux.HandleFunc("GET /api/commands", s.handleCommands)
	mux.HandleFunc("GET /api/chats/{chat}/messages", s.handleTranscript)
	mux.HandleFunc("POST /api/chats/{chat}/send", s.handleSend)
	mux.HandleFunc("POST /api/chats/{chat}/press", s.handlePress)
	mux.HandleFunc("POST /api/chats/{chat}/start", s.handleStart)
	mux.HandleFunc("GET /api/chats/{chat}/messages/{id}/document", s.handleDocument)
	mux.HandleFunc("GET /api/chats/{chat}/events", s.handleEvents)
	return secureHeaders(mux)
}

// secureHeaders adds the headers every answer carries.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// chatUser returns the user whose private chat the path names, or writes a
// 404 and returns false.
func (s *server) chatUser(w http.ResponseWriter, r *http.Request) (telegramfake.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("chat"), 10, 64)
	u, ok := s.byID[id]
	if err != nil || !ok {
		writeError(w, http.StatusNotFound, "unknown chat")
		return telegramfake.User{}, false
	}
	return u, true
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes {"error": msg} with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
