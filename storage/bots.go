package storage

import (
	"context"
	"fmt"
)

// RecordBot notes that the bot botID (the id before the colon of its token)
// runs on this database.
func (s *Store) RecordBot(ctx context.Context, botID int64) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO bots (bot_id) VALUES ($1)
		ON CONFLICT (bot_id) DO UPDATE SET last_seen = now()`, botID)
	if err != nil {
		return fmt.Errorf("storage: record bot: %w", err)
	}
	return nil
}

// OtherBots returns the bots other than botID that have run on this
// database.
func (s *Store) OtherBots(ctx context.Context, botID int64) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT bot_id FROM bots WHERE bot_id <> $1 ORDER BY bot_id`, botID)
	if err != nil {
		return nil, fmt.Errorf("storage: other bots: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: other bots: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
