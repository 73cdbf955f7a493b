package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.Conversations = (*Redis)(nil)

// claim is this process's lease on an update: the token stored in Redis and
// when the lease runs out. unsaved marks a claim whose handling is over but
// whose write failed: a redelivery may take it again (while the update is
// being handled, a second claim is busy).
type claim struct {
	token   string
	until   time.Time
	unsaved bool
}

// maxClaims bounds the claims map; beyond it, claims whose lease ran out
// (their owner never called Commit, Done or Abort) are pruned.
const maxClaims = 4096

// Lease ownership. Begin stores a fresh token in the update key and
// remembers it in this process, keyed by update id. Commit and Done proceed
// when the key holds that token or nothing (the lease ran out and nobody
// re-claimed: the session's version check still guards the write). When
// another worker has re-claimed the update, or it is done already, Commit
// and Done return domain.ErrConflict and write nothing: the new claimant
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
//
// The single calls are the batch calls with one item: one code path, and a
// pipeline of one is one round trip like a plain call.

// Begin claims updateID with a lease and loads the session of key in one
// round trip. It returns the zero Session when there is none (or when the
// stored one cannot be decoded: that is logged and the next Commit replaces
// it), domain.ErrDuplicate when updateID was handled already and
// domain.ErrBusy while another worker holds its lease; other errors are Redis
// failures.
func (r *Redis) Begin(ctx context.Context, updateID int64, key domain.ConvKey) (domain.Session, error) {
	res := r.BeginAll(ctx, []domain.Claim{{UpdateID: updateID, Key: key}})
	return res[0].Session, res[0].Err
}

// Commit saves sess when sess.Version matches the stored version (0: none
// stored) and marks updateID done, in one round trip. It returns the saved
// session with Version+1, or domain.ErrConflict when sess is stale or the
// update was re-claimed or finished by another worker; then nothing is
// written. Other errors are Redis or encoding failures.
func (r *Redis) Commit(ctx context.Context, updateID int64, key domain.ConvKey, sess domain.Session) (domain.Session, error) {
	if err := r.SettleAll(ctx, []domain.Settle{{UpdateID: updateID, Key: key, Session: &sess}})[0]; err != nil {
		return domain.Session{}, err
	}
	sess.Version++
	return sess, nil
}

// Done marks updateID done without touching a session, in one round trip.
// It returns domain.ErrConflict when another worker has re-claimed the update.
func (r *Redis) Done(ctx context.Context, updateID int64) error {
	return r.SettleAll(ctx, []domain.Settle{{UpdateID: updateID}})[0]
}

// Abort drops this process's claim of updateID in one round trip, so that a
// redelivery is handled again. A claim that is not (or no longer) ours is
// left alone and nil returned; errors are Redis failures.
func (r *Redis) Abort(ctx context.Context, updateID int64) error {
	return r.SettleAll(ctx, []domain.Settle{{UpdateID: updateID, Abort: true}})[0]
}

// BeginAll does Begin for every claim in one round trip (a pipeline of
// scripts), results in the order of claims.
func (r *Redis) BeginAll(ctx context.Context, claims []domain.Claim) []domain.Claimed {
	_, out := r.SettleThenBegin(ctx, nil, claims)
	return out
}

// SettleAll does Commit, Done or Abort for every item in one round trip,
// errors in the order of items.
func (r *Redis) SettleAll(ctx context.Context, items []domain.Settle) []error {
	errs, _ := r.SettleThenBegin(ctx, items, nil)
	return errs
}

// SettleThenBegin does SettleAll for items and then BeginAll for claims, in
// one round trip: Redis runs the settles first, so a claim sees what they
// wrote.
func (r *Redis) SettleThenBegin(ctx context.Context, items []domain.Settle, claims []domain.Claim) ([]error, []domain.Claimed) {
	settles, settleDone := r.settleCalls(items)
	begins, beginDone := r.beginCalls(claims)
	cmds, err := r.runScripts(ctx, append(settles, begins...))
	var first []*redis.Cmd
	if cmds != nil {
		first, cmds = cmds[:len(settles)], cmds[len(settles):]
	}
	return settleDone(first, err), beginDone(cmds, err)
}

// beginCalls returns the script calls that claim, and the function that
// reads their results.
func (r *Redis) beginCalls(claims []domain.Claim) ([]scriptCall, func([]*redis.Cmd, error) []domain.Claimed) {
	toks := make([]string, len(claims))
	until := time.Now().Add(r.opt.Lease)
	calls := make([]scriptCall, len(claims))
	for i, c := range claims {
		// A claim this process holds after a failed write (the update
		// comes again) is taken again with its token.
		if toks[i] = r.unsavedToken(c.UpdateID); toks[i] == "" {
			toks[i] = r.token()
		}
		takeover := "0"
		if c.Takeover {
			takeover = "1"
		}
		calls[i] = scriptCall{beginScript, []string{r.updKey(c.UpdateID), r.convKey(c.Key)},
			[]any{toks[i], r.opt.Lease.Milliseconds(), takeover}}
	}
	return calls, func(cmds []*redis.Cmd, err error) []domain.Claimed {
		out := make([]domain.Claimed, len(claims))
		for i, c := range claims {
			out[i] = r.claimed(c, toks[i], until, cmds, i, err)
		}
		return out
	}
}

func (r *Redis) claimed(c domain.Claim, tok string, until time.Time, cmds []*redis.Cmd, i int, perr error) domain.Claimed {
	fail := func(err error) domain.Claimed {
		return domain.Claimed{Err: fmt.Errorf("storage: begin update %d: %w", c.UpdateID, err)}
	}
	if cmds == nil {
		return fail(perr)
	}
	res, err := cmds[i].Slice()
	if err != nil {
		return fail(err)
	}
	if len(res) == 0 {
		return fail(errors.New("empty script reply"))
	}
	switch code, _ := res[0].(int64); code {
	case 1:
		return fail(domain.ErrDuplicate)
	case 2:
		return fail(domain.ErrBusy)
	}
	r.remember(c.UpdateID, claim{token: tok, until: until})
	if len(res) < 2 || res[1] == nil {
		return domain.Claimed{}
	}
	raw, _ := res[1].(string)
	sess, err := decodeSession(raw)
	if err != nil {
		// Start afresh rather than block the chat until the session expires.
		r.log.Warn("storage: dropping undecodable session",
			slog.Int64("chat_id", c.Key.ChatID), slog.Int64("update_id", c.UpdateID), slog.Any("err", err))
	}
	return domain.Claimed{Session: sess}
}

// settleCalls returns the script calls that settle items, and the function
// that reads their results.
func (r *Redis) settleCalls(items []domain.Settle) ([]scriptCall, func([]*redis.Cmd, error) []error) {
	errs := make([]error, len(items))
	toks := make([]string, len(items))
	for i, it := range items {
		toks[i] = r.claimToken(it.UpdateID)
	}
	// idx lists the items that need a call: not an Abort of a claim this
	// process does not hold, not a session that cannot be encoded.
	idx := make([]int, 0, len(items))
	vals := make([]string, len(items))
	for i, it := range items {
		if it.Abort && toks[i] == "" {
			continue
		}
		if it.Session != nil {
			next := *it.Session
			next.Version++
			if next.Forget && next.Blank() {
				idx = append(idx, i) // vals[i] "": the script deletes the conversation
				continue
			}
			val, err := encodeSession(next)
			if err != nil {
				errs[i] = fmt.Errorf("storage: commit update %d: %w", it.UpdateID, err)
				continue
			}
			vals[i] = val
		}
		idx = append(idx, i)
	}
	calls := make([]scriptCall, len(idx))
	for j, i := range idx {
		it := items[i]
		switch {
		case it.Abort:
			calls[j] = scriptCall{releaseScript, []string{r.updKey(it.UpdateID)}, []any{"L:" + toks[i]}}
		case it.Session != nil:
			keys := []string{r.updKey(it.UpdateID), r.convKey(it.Key)}
			args := []any{toks[i], it.Session.Version, vals[i], r.opt.SessionTTL.Milliseconds(), r.opt.DoneTTL.Milliseconds()}
			for _, id := range it.Also {
				keys = append(keys, r.updKey(id))
				args = append(args, r.claimToken(id))
			}
			calls[j] = scriptCall{commitScript, keys, args}
		default:
			calls[j] = scriptCall{doneScript, []string{r.updKey(it.UpdateID)}, []any{toks[i], r.opt.DoneTTL.Milliseconds()}}
		}
	}
	return calls, func(cmds []*redis.Cmd, err error) []error {
		return r.settledAll(items, idx, errs, cmds, err)
	}
}

// settledAll reads the results of settleCalls into errs.
func (r *Redis) settledAll(items []domain.Settle, idx []int, errs []error, cmds []*redis.Cmd, err error) []error {
	for j, i := range idx {
		errs[i] = settled(items[i], cmds, j, err)
	}
	for i, it := range items {
		// The claims stay after a failed commit, so that Abort can drop
		// them or a redelivery take them again; every other outcome ends
		// them.
		ids := append([]int64{it.UpdateID}, it.Also...)
		for _, id := range ids {
			if it.Session == nil || errs[i] == nil {
				r.forget(id)
			} else {
				r.markUnsaved(id)
			}
		}
	}
	return errs
}

// errStale marks a Commit refused for a stale session version.
var errStale = fmt.Errorf("stale session version: %w", domain.ErrConflict)

func settled(it domain.Settle, cmds []*redis.Cmd, j int, perr error) error {
	op := "done"
	switch {
	case it.Abort:
		op = "abort"
	case it.Session != nil:
		op = "commit"
	}
	if cmds == nil {
		return fmt.Errorf("storage: %s update %d: %w", op, it.UpdateID, perr)
	}
	code, err := cmds[j].Int64()
	switch {
	case err != nil:
		return fmt.Errorf("storage: %s update %d: %w", op, it.UpdateID, err)
	case it.Abort:
		return nil
	case code == 1:
		return fmt.Errorf("storage: commit update %d at version %d: %w", it.UpdateID, it.Session.Version, errStale)
	case code == 2:
		return fmt.Errorf("storage: %s update %d: claim lost: %w", op, it.UpdateID, domain.ErrConflict)
	}
	return nil
}
