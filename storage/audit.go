package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// audit writes one audit_log row inside tx. actor 0 means the system.
// detail must hold ids, roles and flags only, never names or free text.
func audit(ctx context.Context, tx pgx.Tx, at time.Time, actor int64, action, subject string, detail map[string]any) error {
	d, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	var actorID *int64
	if actor != 0 {
		actorID = &actor
	}
	_, err = tx.Exec(ctx,
		`INSERT INTO audit_log (at, actor_user_id, action, subject, detail)
		 VALUES ($1, $2, $3, $4, $5)`,
		at, actorID, action, subject, d)
	return err
}

// userSubject names a user in audit_log.subject.
func userSubject(id int64) string { return fmt.Sprintf("user:%d", id) }
