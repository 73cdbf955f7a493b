package sandbox

import (
	"sync"
	"time"
)

// userLog keeps what the person sent from the page, per chat, and hands new
// entries to the live streams of that chat. The fake Bot API records only
// the bot's side of a chat, so the page's own bubbles come from here.
type userLog struct {
	mu      sync.Mutex
	seq     int64
	entries map[int64][]userEntry
	subs    map[int64]map[chan userEntry]struct{}
}

func newUserLog() *userLog {
	return &userLog{
		entries: map[int64][]userEntry{},
		subs:    map[int64]map[chan userEntry]struct{}{},
	}
}

// add records text in chat after the bot message with id after and passes
// it to every subscriber of chat. A subscriber whose buffer is full misses
// it; its stream then ends (see subscribe) and the page reconnects and gets
// a fresh snapshot.
func (l *userLog) add(chat int64, after int, text string, at time.Time) userEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	e := userEntry{Seq: l.seq, After: after, Text: text, At: at}
	l.entries[chat] = append(l.entries[chat], e)
	for ch := range l.subs[chat] {
		select {
		case ch <- e:
		default:
			delete(l.subs[chat], ch)
			close(ch)
		}
	}
	return e
}

// list returns a copy of the entries of chat, oldest first.
func (l *userLog) list(chat int64) []userEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]userEntry(nil), l.entries[chat]...)
}

// subscribe returns a channel of the entries added to chat from now on and a
// cancel func (safe to call twice). The channel is closed by cancel, or when
// the subscriber fell behind.
func (l *userLog) subscribe(chat int64) (<-chan userEntry, func()) {
	ch := make(chan userEntry, 32)
	l.mu.Lock()
	if l.subs[chat] == nil {
		l.subs[chat] = map[chan userEntry]struct{}{}
	}
	l.subs[chat][ch] = struct{}{}
	l.mu.Unlock()
	return ch, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if _, ok := l.subs[chat][ch]; ok {
			delete(l.subs[chat], ch)
			close(ch)
		}
	}
}
