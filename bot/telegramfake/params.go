package telegramfake

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// maxBody bounds a request body; Telegram accepts uploads up to 50 MB.
const maxBody = 50 << 20

// upload is a file part of a multipart request.
type upload struct {
	name string
	data []byte
}

// params are the parameters of one call, whatever the encoding: the URL
// query, then a multipart, urlencoded or JSON body. Objects and arrays in a
// JSON body are kept as their JSON text, like the string fields of a form.
type params struct {
	vals  map[string]string
	files map[string]upload
}

func parseParams(w http.ResponseWriter, r *http.Request) (params, *apiError) {
	p := params{vals: make(map[string]string), files: make(map[string]upload)}
	for k, v := range r.URL.Query() {
		p.vals[k] = v[0]
	}
	if r.Body == nil {
		return p, nil
	}
	body := bufio.NewReader(http.MaxBytesReader(w, r.Body, maxBody))
	if _, err := body.Peek(1); err != nil {
		return p, nil // no body: go-telegram/bot sends calls without parameters so
	}
	r.Body = io.NopCloser(body)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		return p, p.readMultipart(r)
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return p, badRequest("can't parse request body")
		}
		for k, v := range r.PostForm {
			p.vals[k] = v[0]
		}
	case "application/json":
		return p, p.readJSON(r.Body)
	}
	return p, nil
}

func (p params) readMultipart(r *http.Request) *apiError {
	if err := r.ParseMultipartForm(maxBody); err != nil {
		return badRequest("can't parse multipart/form-data request body")
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	for k, v := range r.MultipartForm.Value {
		p.vals[k] = v[0]
	}
	for k, fhs := range r.MultipartForm.File {
		f, err := fhs[0].Open()
		if err != nil {
			return badRequest("can't read file %q", k)
		}
		data, err := io.ReadAll(f)
		_ = f.Close()
		if err != nil {
			return badRequest("can't read file %q", k)
		}
		p.files[k] = upload{name: fhs[0].Filename, data: data}
	}
	return nil
}

func (p params) readJSON(body io.Reader) *apiError {
	raw, err := io.ReadAll(body)
	if err != nil {
		return badRequest("can't read request body")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return badRequest("can't parse JSON encoded request body")
	}
	for k, v := range obj {
		v = bytes.TrimSpace(v)
		switch {
		case bytes.Equal(v, []byte("null")):
		case len(v) > 0 && v[0] == '"':
			var str string
			if err := json.Unmarshal(v, &str); err != nil {
				return badRequest("can't parse parameter %q", k)
			}
			p.vals[k] = str
		default:
			p.vals[k] = string(v)
		}
	}
	return nil
}

func (p params) str(name string) string { return p.vals[name] }

// bool reads a flag the way Telegram does: "true" or a non-zero number.
func (p params) bool(name string) bool {
	v := strings.ToLower(strings.TrimSpace(p.vals[name]))
	if v == "true" {
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n != 0
}

// int reads an integer; missing or empty is def, garbage is an error.
func (p params) int(name string, def int64) (int64, error) {
	v := strings.TrimSpace(p.vals[name])
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errors.New("not an integer")
	}
	return n, nil
}

// chatID returns the chat_id parameter; Telegram's answers when it is missing
// or names no chat that could exist in the fake (usernames, garbage).
func (p params) chatID() (int64, *apiError) {
	v := strings.TrimSpace(p.vals["chat_id"])
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found")
	}
	return id, nil
}

func (p params) chatIDOrZero() int64 {
	id, _ := p.chatID()
	return id
}

// messageID returns the message_id parameter of edits and deletions.
func (p params) messageID() (int, *apiError) {
	if p.str("inline_message_id") != "" {
		return 0, badRequest("MESSAGE_ID_INVALID")
	}
	id, err := p.int("message_id", 0)
	if err != nil || id <= 0 || id > 1<<31-1 {
		return 0, badRequest("message identifier is not specified")
	}
	return int(id), nil
}
