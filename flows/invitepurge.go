package flows

import (
	"context"
	"fmt"
	"time"
)

// InviteRetention is how long an invite that expired unused is kept: long
// enough that a late click on its link is explained as "expired", not met
// with "unknown link".
const InviteRetention = 30 * 24 * time.Hour

// InvitePurger is the part of the store the invite clean-up needs.
type InvitePurger interface {
	// DeleteExpiredInvites removes unused invites that expired before before
	// and returns how many went.
	DeleteExpiredInvites(ctx context.Context, before time.Time) (int64, error)
}

// PurgeInvites deletes the invites that expired unused more than
// InviteRetention before now. Running it twice does no harm.
func PurgeInvites(ctx context.Context, store InvitePurger, now time.Time) (int64, error) {
	n, err := store.DeleteExpiredInvites(ctx, now.Add(-InviteRetention))
	if err != nil {
		return 0, fmt.Errorf("flows: purge invites: %w", err)
	}
	return n, nil
}
