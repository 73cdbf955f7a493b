package telegramfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// apiError is a rejection as Telegram answers it.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	injected   bool // caused by the test (faults, limits, blocks) or by a client gone away: a call, not a violation
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func tooMany(retryAfter int) *apiError {
	return &apiError{
		code:       http.StatusTooManyRequests,
		desc:       fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		retryAfter: retryAfter,
		injected:   true,
	}
}

// reply is what a method handler produces.
type reply struct {
	result any
	desc   string // optional description of a successful call
	err    *apiError
	chatID int64 // for the call record
}

func fail(e *apiError, chatID int64) reply { return reply{err: e, chatID: chatID} }

type handlerFunc func(s *Server, r *http.Request, p params) reply

// methods maps lower-case method names to their canonical name and handler.
var methods = map[string]struct {
	name    string
	handler handlerFunc
	sending bool // subject to FailNext
}{
	"getme":                  {"getMe", (*Server).getMe, false},
	"getupdates":             {"getUpdates", (*Server).getUpdates, false},
	"setwebhook":             {"setWebhook", (*Server).setWebhook, false},
	"deletewebhook":          {"deleteWebhook", (*Server).deleteWebhook, false},
	"getwebhookinfo":         {"getWebhookInfo", (*Server).getWebhookInfo, false},
	"sendmessage":            {"sendMessage", (*Server).sendMessage, true},
	"editmessagetext":        {"editMessageText", (*Server).editMessageText, true},
	"editmessagereplymarkup": {"editMessageReplyMarkup", (*Server).editMessageReplyMarkup, true},
	"answercallbackquery":    {"answerCallbackQuery", (*Server).answerCallbackQuery, true},
	"senddocument":           {"sendDocument", (*Server).sendDocument, true},
	"setmycommands":          {"setMyCommands", (*Server).setMyCommands, false},
	"deletemycommands":       {"deleteMyCommands", (*Server).deleteMyCommands, false},
	"deletemessage":          {"deleteMessage", (*Server).deleteMessage, true},
}

// ServeHTTP answers one Bot API call at /bot<token>/<method>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token, method, ok := splitPath(r.URL.Path)
	if !ok {
		s.finish(w, method, reply{err: &apiError{code: http.StatusNotFound, desc: "Not Found"}})
		return
	}
	if token != s.opt.Token {
		s.finish(w, method, reply{err: &apiError{code: http.StatusUnauthorized, desc: "Unauthorized"}})
		return
	}
	m, known := methods[strings.ToLower(method)]
	if !known {
		s.finish(w, method, reply{err: &apiError{code: http.StatusNotFound, desc: "Not Found"}})
		return
	}
	p, perr := parseParams(w, r)
	if perr != nil {
		// A body cut off because the client went away (a cancelled call) is
		// no bug of the bot's; a malformed body from a live client is.
		perr.injected = r.Context().Err() != nil
		s.finish(w, m.name, reply{err: perr})
		return
	}
	if m.sending {
		if e := s.takeFault(); e != nil {
			s.finish(w, m.name, fail(e, p.chatIDOrZero()))
			return
		}
	}
	s.finish(w, m.name, m.handler(s, r, p))
}

// splitPath splits "/bot<token>/<method>" and returns ok=false otherwise.
func splitPath(path string) (token, method string, ok bool) {
	rest, found := strings.CutPrefix(path, "/bot")
	if !found {
		return "", path, false
	}
	token, method, found = strings.Cut(rest, "/")
	if !found || token == "" || method == "" || strings.Contains(method, "/") {
		return "", method, false
	}
	return token, method, true
}

type apiResponse struct {
	OK          bool          `json:"ok"`
	Result      any           `json:"result,omitempty"`
	Description string        `json:"description,omitempty"`
	ErrorCode   int           `json:"error_code,omitempty"`
	Parameters  *apiResParams `json:"parameters,omitempty"`
}

type apiResParams struct {
	RetryAfter int `json:"retry_after,omitempty"`
}

// finish records the call (and the violation, if any) and writes the answer.
func (s *Server) finish(w http.ResponseWriter, method string, rep reply) {
	resp := apiResponse{OK: rep.err == nil, Result: rep.result, Description: rep.desc}
	status := http.StatusOK
	if rep.err != nil {
		status = rep.err.code
		resp = apiResponse{ErrorCode: rep.err.code, Description: rep.err.desc}
		if rep.err.retryAfter > 0 {
			resp.Parameters = &apiResParams{RetryAfter: rep.err.retryAfter}
		}
	}
	s.record(method, rep)
	body, err := json.Marshal(resp)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// record appends the call and any violation, then reports the violation.
func (s *Server) record(method string, rep reply) {
	now := s.now()
	c := Call{Method: method, ChatID: rep.chatID, At: now, OK: rep.err == nil, Code: http.StatusOK}
	var v *Violation
	if rep.err != nil {
		c.Code = rep.err.code
		if !rep.err.injected {
			v = &Violation{Method: method, Code: rep.err.code, Description: rep.err.desc, At: now}
		}
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	if v != nil {
		s.violations = append(s.violations, *v)
	}
	s.mu.Unlock()
	if v != nil && s.opt.OnViolation != nil {
		s.opt.OnViolation(*v)
	}
}
