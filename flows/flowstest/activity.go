package flowstest

import (
	"context"
	"time"
)

// TouchUser counts as "TouchUser".
func (s *Store) TouchUser(ctx context.Context, userID int64, now time.Time) error {
	if err := s.enter("TouchUser"); err != nil {
		return err
	}
	return s.Stores.TouchUser(ctx, userID, now)
}
