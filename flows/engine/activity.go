package engine

import (
	"log/slog"
	"strconv"
	"time"
)

// seenFlag starts the session flag that holds when the turn last recorded
// the user's contact (Unix seconds).
const seenFlag = "seen:"

// touchEvery is how often a conversation records its user's contact.
const touchEvery = 24 * time.Hour

// touchActivity records that a registered user got in touch (for the
// erasure of users inactive for long), at most once a day per
// conversation: the session, read and written on every update anyway,
// remembers when it last did, so that the other updates cost nothing, and
// a turn that read the actor (a new session does) takes the last contact
// from it; the store's conditional UPDATE writes at most once a day per
// user. A store
// error is logged and the next update tries again: it must not cost the
// user their answer.
func (t *Turn) touchActivity() {
	store := t.e.cfg.Activity
	if store == nil || t.sess.UserID == 0 {
		return
	}
	if v, ok := t.flagValue(seenFlag); ok {
		if at, err := strconv.ParseInt(v, 10, 64); err == nil && t.now.Sub(time.Unix(at, 0)) < touchEvery {
			return
		}
	}
	seen := t.now
	if a := t.actor; a != nil && a.ID == t.sess.UserID && t.now.Sub(a.LastSeen) < touchEvery {
		seen = a.LastSeen // read with the actor: a new session costs no write
	} else if err := store.TouchUser(t.ctx, t.sess.UserID, t.now); err != nil {
		t.e.cfg.Log.Warn("engine: record contact", slog.Int64("user_id", t.sess.UserID), slog.Any("error", err))
		return
	}
	t.setFlagValue(seenFlag, strconv.FormatInt(seen.Unix(), 10))
}
