package storage

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// EnqueueIn writes notes to the outbox inside tx as the store's methods do,
// for tests that hold an enqueue's transaction open.
func EnqueueIn(ctx context.Context, tx pgx.Tx, now time.Time, notes []domain.Notification) error {
	return enqueue(ctx, tx, now, notes)
}
