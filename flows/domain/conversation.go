package domain

import (
	"context"
	"slices"
	"time"
)

// ConvKey names one conversation: a user in a chat.
type ConvKey struct {
	ChatID int64
	UserID int64
}

// Session is the conversation state of one ConvKey. It lives in Redis;
// losing it loses at most an unfinished conversation. What it caches about
// the user (UserID, Roles, Lang) serves rendering only: every turn that
// touches records reads the Actor from Postgres.
type Session struct {
	Version int64  `json:"v"`           // compare-and-set version, managed by Conversations
	Lang    string `json:"l,omitempty"` // chosen language, "" before the choice
	UserID  int64  `json:"u,omitempty"` // database id once registered
	Roles   []Role `json:"r,omitempty"` // roles of the registered user, as last read
	Flow    string `json:"f,omitempty"` // running flow, "" for none
	Step    string `json:"s,omitempty"` // current step of Flow
	Nonce   uint32 `json:"n,omitempty"` // changes with every prompt; stale buttons carry an old one
	Prompt  int    `json:"p,omitempty"` // message id of the current prompt, 0 if none
	// About is what the current prompt shows (zero: nothing), as recorded
	// in the ShownStore while it is the prompt.
	About About             `json:"a,omitempty"`
	Data  map[string]string `json:"d,omitempty"` // answers of the running flow
	// Flags are marks a feature leaves on the conversation beyond a flow,
	// e.g. that the user has requests of their own (so that only they pay
	// the query that looks for an open question in typed text).
	Flags   []string  `json:"g,omitempty"`
	Touched time.Time `json:"t"` // last contact, for the idle timeout
	// Forget, set when the user's data was erased, asks the store to
	// delete the conversation instead of saving it while it is Blank (so
	// that Redis keeps no key naming the person's chat); not stored.
	Forget bool `json:"-"`
}

// Clone returns a copy of s that shares nothing with it.
func (s Session) Clone() Session {
	c := s
	if s.Data != nil {
		c.Data = make(map[string]string, len(s.Data))
		for k, v := range s.Data {
			c.Data[k] = v
		}
	}
	c.Roles = slices.Clone(s.Roles)
	c.Flags = slices.Clone(s.Flags)
	return c
}

// Conversations keeps conversation state and update claims (dedupe) in Redis.
type Conversations interface {
	// Begin claims updateID with a lease and loads the session of key, in one
	// round trip. It returns the zero Session (Version 0) when there is none,
	// ErrDuplicate when the update was handled already, and ErrBusy when another
	// worker holds the update's lease.
	Begin(ctx context.Context, updateID int64, key ConvKey) (Session, error)
	// Commit saves sess when its Version still matches the stored one and marks
	// updateID done for 24 hours, in one round trip. It returns the saved
	// session (with its new Version), or ErrConflict when sess is stale; then
	// nothing is written and the claim stays.
	Commit(ctx context.Context, updateID int64, key ConvKey, sess Session) (Session, error)
	// Done marks updateID done without touching a session (for updates that have none).
	Done(ctx context.Context, updateID int64) error
	// Abort drops the claim of updateID so that a redelivery is handled again.
	Abort(ctx context.Context, updateID int64) error
	// BeginAll does Begin for every claim, all in one round trip, and
	// returns the results in the same order.
	BeginAll(ctx context.Context, claims []Claim) []Claimed
	// SettleAll does Commit, Done or Abort for every item, all in one round
	// trip, and returns their errors in the same order.
	SettleAll(ctx context.Context, items []Settle) []error
}

// Claim names an update to claim and the conversation to load with it.
type Claim struct {
	UpdateID int64
	Key      ConvKey
	// Takeover claims the update even while another process holds its
	// lease: in polling mode only one process takes updates, so a lease it
	// does not hold is a dead predecessor's (a done update stays done).
	Takeover bool
}

// Claimed is what Begin returns for one Claim.
type Claimed struct {
	Session Session
	Err     error
}

// Settle ends a claim: Commit when Session is set, Abort when Abort is set,
// Done otherwise.
type Settle struct {
	UpdateID int64
	Key      ConvKey
	Session  *Session
	Abort    bool
	// Also are earlier updates of the same conversation, handled before
	// UpdateID on the session being committed: a Commit marks them done
	// with it, all or nothing, so that a failed write leaves every one of
	// them to be handled again.
	Also []int64
}

// Clock returns the current time. Tests own it.
type Clock func() time.Time
