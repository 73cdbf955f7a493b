package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// keepAlive is how often an idle stream sends a comment, so that proxies and
// the browser keep the connection open.
const keepAlive = 20 * time.Second

// handleEvents streams a chat as Server-Sent Events. It subscribes first and
// then sends a "snapshot" of the whole chat, so nothing falls between the
// two; after that "upsert" (a bot message, new or edited, or the user's own
// message), "delete" ({"id"}) and "toast" ({"text"}, a callback answer). The
// page treats upserts as idempotent. The stream ends when the client goes, or
// when a subscription ends; the browser then reconnects and gets a new
// snapshot.
func (s *server) handleEvents(w http.ResponseWriter, r *http.Request) {
	u, ok := s.chatUser(w, r)
	if !ok {
		return
	}
	rc := http.NewResponseController(w)
	// A server-wide WriteTimeout would cut the stream; lift it for this one.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.log.Warn("sandbox: clear write deadline", slog.Any("error", err))
	}
	botEvents, cancelBot := s.fake.Subscribe(u.ID)
	defer cancelBot()
	mine, cancelMine := s.mine.subscribe(u.ID)
	defer cancelMine()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}
	send := func(event string, v any) bool {
		if err := writeEvent(w, event, v); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("snapshot", map[string]any{"items": s.snapshot(u.ID)}) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var ok bool
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			_, err := io.WriteString(w, ": keep-alive\n\n")
			ok = err == nil && rc.Flush() == nil
		case e, open := <-mine:
			ok = open && send("upsert", userItem(e, s.loc))
		case ev, open := <-botEvents:
			ok = open && s.sendBotEvent(u.ID, ev, send)
		}
		if !ok {
			return
		}
	}
}

// sendBotEvent forwards one event of the fake Bot API to the page.
func (s *server) sendBotEvent(chat int64, ev telegramfake.Event, send func(string, any) bool) bool {
	switch ev.Kind {
	case "message", "edit":
		if ev.Message.Deleted {
			return send("delete", map[string]int{"id": ev.Message.ID})
		}
		return send("upsert", botItem(chat, ev.Message, s.loc))
	case "delete":
		return send("delete", map[string]int{"id": ev.Message.ID})
	case "answer":
		if ev.Answer != nil && ev.Answer.Text != "" {
			return send("toast", map[string]string{"text": ev.Answer.Text})
		}
		return true
	default:
		s.log.Debug("sandbox: unknown event kind", slog.String("kind", ev.Kind))
		return true
	}
}

// writeEvent writes one SSE event whose data is v as JSON (one line, since
// JSON escapes line breaks inside strings).
func writeEvent(w io.Writer, event string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("sandbox: encode %s event: %w", event, err)
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
	return err
}
