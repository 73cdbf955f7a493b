package storage

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

var _ flows.Conversations = (*Redis)(nil)

// claim is this process's lease on an update: the token stored in Redis and
// when the lease runs out.
type claim struct {
	token string
	until time.Time
}

// maxClaims bounds the claims map; beyond it, claims whose lease ran out
// (their owner never called Commit, Done or Abort) are pruned.
const maxClaims = 1024

// Lease ownership. Begin stores a fresh token in the update key and
// remembers it in this process, keyed by update id. Commit and Done proceed
// when the key holds that token or nothing (the lease ran out and nobody
// re-claimed: the session's version check still guards the write). When
// another worker has re-claimed the update, or it is done already, Commit
// and Done return flows.ErrConflict and write nothing: the new claimant
// owns the update now. Abort deletes the key only while it holds this
// process's token; otherwise it does nothing and returns nil.
//
// After a stale-version ErrConflict the claim stays (per the contract); to
// retry, call Abort and then Begin again. Begin never re-enters a lease, not
// even this process's own: a held lease is always ErrBusy.
//
// Limit: the token is remembered per update id, not per goroutine. If the
// lease runs out and the same process re-claims the update, the first
// handler's late Commit uses the new token; the version check then lets only
// one of the two writes through.

// Begin claims updateID with a lease and loads the session of key in one
// round trip. It returns the zero Session when there is none (or when the
// stored one cannot be decoded: that is logged and the next Commit replaces
// it), flows.ErrDuplicate when updateID was handled already and
// flows.ErrBusy while another worker holds its lease; other errors are Redis
// failures.
func (r *Redis) Begin(ctx context.Context, updateID int64, key flows.ConvKey) (flows.Session, error) {
	tok := r.token()
	until := time.Now().Add(r.opt.Lease)
	res, err := beginScript.Run(ctx, r.client,
		[]string{r.updKey(updateID), r.convKey(key)},
		tok, r.opt.Lease.Milliseconds()).Slice()
	if err != nil {
		return flows.Session{}, fmt.Errorf("storage: begin update %d: %w", updateID, err)
	}
	if len(res) == 0 {
		return flows.Session{}, fmt.Errorf("storage: begin update %d: empty script reply", updateID)
	}
	code, _ := res[0].(int64)
	switch code {
	case 1:
		return flows.Session{}, fmt.Errorf("storage: begin update %d: %w", updateID, flows.ErrDuplicate)
	case 2:
		return flows.Session{}, fmt.Errorf("storage: begin update %d: %w", updateID, flows.ErrBusy)
	}
	r.remember(updateID, claim{token: tok, until: until})
	if len(res) < 2 || res[1] == nil {
		return flows.Session{}, nil
	}
	raw, _ := res[1].(string)
	sess, err := decodeSession(raw)
	if err != nil {
		// Start afresh rather than block the chat until the session expires.
		r.log.Warn("storage: dropping undecodable session",
			slog.Int64("chat_id", key.ChatID), slog.Int64("update_id", updateID), slog.Any("err", err))
	}
	return sess, nil
}

// Commit saves sess when sess.Version matches the stored version (0: none
// stored) and marks updateID done, in one round trip. It returns the saved
// session with Version+1, or flows.ErrConflict when sess is stale or the
// update was re-claimed or finished by another worker; then nothing is
// written. Other errors are Redis or encoding failures.
func (r *Redis) Commit(ctx context.Context, updateID int64, key flows.ConvKey, sess flows.Session) (flows.Session, error) {
	next := sess
	next.Version = sess.Version + 1
	val, err := encodeSession(next)
	if err != nil {
		return flows.Session{}, fmt.Errorf("storage: commit update %d: %w", updateID, err)
	}
	code, err := commitScript.Run(ctx, r.client,
		[]string{r.updKey(updateID), r.convKey(key)},
		r.claimToken(updateID), sess.Version, val,
		r.opt.SessionTTL.Milliseconds(), r.opt.DoneTTL.Milliseconds()).Int64()
	if err != nil {
		return flows.Session{}, fmt.Errorf("storage: commit update %d: %w", updateID, err)
	}
	switch code {
	case 1:
		return flows.Session{}, fmt.Errorf("storage: commit update %d: stale session version %d: %w",
			updateID, sess.Version, flows.ErrConflict)
	case 2:
		r.forget(updateID)
		return flows.Session{}, fmt.Errorf("storage: commit update %d: claim lost: %w", updateID, flows.ErrConflict)
	}
	r.forget(updateID)
	return next, nil
}

// Done marks updateID done without touching a session, in one round trip.
// It returns flows.ErrConflict when another worker has re-claimed the update.
func (r *Redis) Done(ctx context.Context, updateID int64) error {
	code, err := doneScript.Run(ctx, r.client, []string{r.updKey(updateID)},
		r.claimToken(updateID), r.opt.DoneTTL.Milliseconds()).Int64()
	r.forget(updateID)
	if err != nil {
		return fmt.Errorf("storage: done update %d: %w", updateID, err)
	}
	if code != 0 {
		return fmt.Errorf("storage: done update %d: claim lost: %w", updateID, flows.ErrConflict)
	}
	return nil
}

// Abort drops this process's claim of updateID in one round trip, so that a
// redelivery is handled again. A claim that is not (or no longer) ours is
// left alone and nil returned; errors are Redis failures.
func (r *Redis) Abort(ctx context.Context, updateID int64) error {
	tok := r.claimToken(updateID)
	r.forget(updateID)
	if tok == "" {
		return nil
	}
	if err := releaseScript.Run(ctx, r.client, []string{r.updKey(updateID)}, "L:"+tok).Err(); err != nil {
		return fmt.Errorf("storage: abort update %d: %w", updateID, err)
	}
	return nil
}

func (r *Redis) updKey(id int64) string {
	return r.opt.Prefix + "upd:" + strconv.FormatInt(id, 10)
}

func (r *Redis) convKey(k flows.ConvKey) string {
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
