package domain

import "errors"

// Sentinel errors that callers branch on. Implementations wrap them with %w.
var (
	// ErrNotFound: the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a write lost against a concurrent one (stale version, unique key).
	ErrConflict = errors.New("conflict")
	// ErrForbidden: the actor may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrInvalid: a draft, event or transition breaks a rule of the domain
	// (a field out of range, a status change the lifecycle forbids).
	ErrInvalid = errors.New("invalid")
	// ErrDuplicate: the update was handled already.
	ErrDuplicate = errors.New("duplicate update")
	// ErrBusy: another worker holds the lease of this update or the lock of this chat.
	ErrBusy = errors.New("busy")
)
