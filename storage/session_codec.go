package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A session is stored as "<version>|" and a body: the version prefix is what
// the Lua scripts compare. The body is compact binary (a 0x01 byte, then the
// fields in a fixed order as varints and length-prefixed strings), written
// and read without reflection: encoding/json took about a tenth of the
// bot's CPU per update in the paced benchmark. Bodies written before it are
// JSON and are still read.

// binarySession marks a binary body; a JSON body starts with '{'.
const binarySession = 0x01

// encodeSession renders s as "<version>|<body>".
func encodeSession(s domain.Session) (string, error) {
	b := make([]byte, 0, 64+16*len(s.Data))
	b = strconv.AppendInt(b, s.Version, 10)
	b = append(b, '|', binarySession)
	b = appendString(b, s.Lang)
	b = binary.AppendVarint(b, s.UserID)
	b = binary.AppendUvarint(b, uint64(len(s.Roles)))
	for _, r := range s.Roles {
		b = appendString(b, string(r))
	}
	b = appendString(b, s.Flow)
	b = appendString(b, s.Step)
	b = binary.AppendUvarint(b, uint64(s.Nonce))
	b = binary.AppendVarint(b, int64(s.Prompt))
	b = binary.AppendUvarint(b, uint64(len(s.Data)))
	for k, v := range s.Data {
		b = appendString(appendString(b, k), v)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Flags)))
	for _, f := range s.Flags {
		b = appendString(b, f)
	}
	var touched int64 // 0: never
	if !s.Touched.IsZero() {
		touched = s.Touched.UnixNano()
	}
	b = binary.AppendVarint(b, touched)
	// Appended later: bodies written before end here.
	b = appendString(appendString(b, s.About.Subject), s.About.Kind)
	return string(b), nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodeSession parses "<version>|<body>"; the version prefix wins over a
// version in a JSON body. For a malformed value it returns an error and the
// session Commit can overwrite: the zero Session, with the stored version
// when the prefix is readable.
func decodeSession(raw string) (domain.Session, error) {
	v, body, ok := strings.Cut(raw, "|")
	if !ok {
		return domain.Session{}, errors.New("decode session: no version prefix")
	}
	ver, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return domain.Session{}, fmt.Errorf("decode session version: %w", err)
	}
	var s domain.Session
	if strings.HasPrefix(body, "{") {
		err = json.Unmarshal([]byte(body), &s)
	} else {
		s, err = readBinary(body)
	}
	if err != nil {
		return domain.Session{Version: ver}, fmt.Errorf("decode session: %w", err)
	}
	s.Version = ver
	return s, nil
}

// readBinary reads a binary body, 0x01 included.
func readBinary(body string) (domain.Session, error) {
	r := reader{s: body}
	if r.byte() != binarySession {
		return domain.Session{}, errors.New("unknown format")
	}
	var s domain.Session
	s.Lang = r.str()
	s.UserID = r.varint()
	if n := r.count(); n > 0 {
		s.Roles = make([]domain.Role, n)
		for i := range s.Roles {
			s.Roles[i] = domain.Role(r.str())
		}
	}
	s.Flow, s.Step = r.str(), r.str()
	s.Nonce = uint32(r.uvarint())
	s.Prompt = int(r.varint())
	if n := r.count(); n > 0 {
		s.Data = make(map[string]string, n)
		for range n {
			k := r.str()
			s.Data[k] = r.str()
		}
	}
	if n := r.count(); n > 0 {
		s.Flags = make([]string, n)
		for i := range s.Flags {
			s.Flags[i] = r.str()
		}
	}
	if t := r.varint(); t != 0 {
		s.Touched = time.Unix(0, t).UTC()
	}
	if r.err == nil && r.s != "" { // not in bodies written before it
		s.About.Subject, s.About.Kind = r.str(), r.str()
	}
	if r.err == nil && r.s != "" {
		r.err = errors.New("trailing bytes")
	}
	return s, r.err
}

// reader reads a binary body; after the first error it returns zeros.
type reader struct {
	s   string
	err error
}

var errCut = errors.New("cut off")

func (r *reader) byte() byte {
	if r.err != nil || r.s == "" {
		r.fail()
		return 0
	}
	c := r.s[0]
	r.s = r.s[1:]
	return c
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if n <= 0 {
		r.fail()
		return 0
	}
	r.s = r.s[n:]
	return v
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1) // zig-zag, as binary.AppendVarint writes
}

// count reads a number of elements; each takes at least a byte, so more
// than the bytes left is malformed.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.s)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errCut
	}
}
