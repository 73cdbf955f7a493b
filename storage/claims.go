package storage

import (
	"strconv"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The keys of updates and conversations in Redis, and this process's
// memory of the update claims it holds (the token a claim was taken with).

func (r *Redis) updKey(id int64) string {
	return r.opt.Prefix + "upd:" + strconv.FormatInt(id, 10)
}

func (r *Redis) convKey(k domain.ConvKey) string {
	return r.opt.Prefix + "conv:" + strconv.FormatInt(k.ChatID, 10) + ":" + strconv.FormatInt(k.UserID, 10)
}

func (r *Redis) remember(id int64, c claim) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.claims) >= maxClaims {
		now := time.Now()
		for k, v := range r.claims {
			if now.After(v.until) {
				delete(r.claims, k)
			}
		}
	}
	r.claims[id] = c
}

// claimToken returns this process's token for id, "" when it holds none.
func (r *Redis) claimToken(id int64) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.claims[id].token
}

func (r *Redis) forget(id int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.claims, id)
}

// unsavedToken returns this process's token for id when its write failed
// (see claim.unsaved), "" otherwise.
func (r *Redis) unsavedToken(id int64) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c := r.claims[id]; c.unsaved {
		return c.token
	}
	return ""
}

// markUnsaved records that the write of id's handling failed.
func (r *Redis) markUnsaved(id int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.claims[id]; ok {
		c.unsaved = true
		r.claims[id] = c
	}
}
