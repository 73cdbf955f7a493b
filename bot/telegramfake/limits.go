package telegramfake

import (
	"math"
	"time"
)

// limiter enforces Limits with sliding one-second windows.
type limiter struct {
	lim    Limits
	global window
	chats  map[int64]*window
}

// window holds the times of the sends of the last second, oldest first.
type window struct {
	times []time.Time
}

func newLimiter(l Limits) *limiter {
	return &limiter{lim: l, chats: make(map[int64]*window)}
}

// take counts a send to chatID at now and returns 0, or refuses it and
// returns the seconds to wait (at least 1).
func (l *limiter) take(chatID int64, now time.Time) int {
	cw := l.chats[chatID]
	if cw == nil {
		cw = &window{}
		l.chats[chatID] = cw
	}
	retry := max(l.global.wait(l.lim.Global, now), cw.wait(l.lim.PerChat, now))
	if retry > 0 {
		return retry
	}
	if l.lim.Global > 0 {
		l.global.times = append(l.global.times, now)
	}
	if l.lim.PerChat > 0 {
		cw.times = append(cw.times, now)
	}
	return 0
}

// wait forgets sends older than a second and returns 0 if fewer than n
// remain, else the whole seconds until the oldest leaves the window.
func (w *window) wait(n int, now time.Time) int {
	if n <= 0 {
		return 0
	}
	drop := 0
	for drop < len(w.times) && now.Sub(w.times[drop]) >= time.Second {
		drop++
	}
	w.times = w.times[drop:]
	if len(w.times) < n {
		return 0
	}
	left := w.times[len(w.times)-n].Add(time.Second).Sub(now)
	return max(int(math.Ceil(left.Seconds())), 1)
}

// SetLimits switches the rate limits at run time: l replaces Options.Limits
// with fresh windows (sends before the switch are not counted); nil turns
// the limits off.
func (s *Server) SetLimits(l *Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limiter = nil
	if l != nil {
		s.limiter = newLimiter(*l)
	}
}
