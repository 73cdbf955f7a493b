package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// encodeSession renders s as "<version>|<json>".
func encodeSession(s domain.Session) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode session: %w", err)
	}
	return strconv.FormatInt(s.Version, 10) + "|" + string(b), nil
}

// decodeSession parses "<version>|<json>"; the version prefix wins over the
// JSON field. For a malformed value it returns an error and the session
// Commit can overwrite: the zero Session, with the stored version when the
// prefix is readable.
func decodeSession(raw string) (domain.Session, error) {
	v, js, ok := strings.Cut(raw, "|")
	if !ok {
		return domain.Session{}, errors.New("decode session: no version prefix")
	}
	ver, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return domain.Session{}, fmt.Errorf("decode session version: %w", err)
	}
	var s domain.Session
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		return domain.Session{Version: ver}, fmt.Errorf("decode session: %w", err)
	}
	s.Version = ver
	return s, nil
}
