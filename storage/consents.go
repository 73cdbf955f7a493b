package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// parseAgreed reads the "<purpose>:<version>" pairs of actorSelect.
func parseAgreed(pairs []string) (map[string]int, error) {
	out := make(map[string]int, len(pairs))
	for _, p := range pairs {
		purpose, v, _ := strings.Cut(p, ":")
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("consent %q: %w", p, err)
		}
		out[purpose] = n
	}
	return out, nil
}

// ConsentsOf returns every consent the user gave, oldest first (see
// domain.ConsentStore).
func (s *Store) ConsentsOf(ctx context.Context, userID int64) ([]domain.Consent, error) {
	rows, _ := s.pool.Query(ctx,
		`SELECT purpose, version, given_at, withdrawn_at FROM user_consents
		  WHERE user_id = $1 ORDER BY given_at, purpose`, userID)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Consent, error) {
		var c domain.Consent
		err := row.Scan(&c.Purpose, &c.Version, &c.GivenAt, &c.WithdrawnAt)
		return c, err
	})
	if err != nil {
		return nil, mapErr("consents of", err)
	}
	return out, nil
}

// GiveConsent records the user's consent to version of purpose (see
// domain.ConsentStore). The user's row is locked, so that two presses at
// once store one consent.
func (s *Store) GiveConsent(ctx context.Context, userID int64, purpose string, version int) (bool, error) {
	const op = "give consent"
	if !slices.Contains(domain.Purposes, purpose) || version < 1 {
		return false, opErr(op, fmt.Errorf("%w: consent %q version %d", domain.ErrInvalid, purpose, version))
	}
	now, given := s.now(), false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, ok, err := currentConsent(ctx, tx, userID, purpose)
		if err != nil || ok && c.Holds() && c.Version == version {
			return err
		}
		if err := insertConsents(ctx, tx, userID, now, []domain.Consent{{Purpose: purpose, Version: version, GivenAt: now}}); err != nil {
			return err
		}
		given = true
		return audit(ctx, tx, now, userID, "consent.give", userSubject(userID), map[string]any{"purpose": purpose, "version": version})
	})
	if err != nil {
		return false, mapErr(op, err)
	}
	return given, nil
}

// WithdrawConsent withdraws the user's consent to an optional purpose
// (see domain.ConsentStore).
func (s *Store) WithdrawConsent(ctx context.Context, userID int64, purpose string) (bool, error) {
	const op = "withdraw consent"
	if !domain.Optional(purpose) {
		return false, opErr(op, fmt.Errorf("%w: consent %q cannot be withdrawn", domain.ErrInvalid, purpose))
	}
	now, withdrawn := s.now(), false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, ok, err := currentConsent(ctx, tx, userID, purpose)
		if err != nil || !ok || !c.Holds() {
			return err
		}
		if _, err := tx.Exec(ctx,
			`UPDATE user_consents SET withdrawn_at = $4 WHERE user_id = $1 AND purpose = $2 AND given_at = $3`,
			userID, purpose, c.GivenAt, now); err != nil {
			return err
		}
		withdrawn = true
		return audit(ctx, tx, now, userID, "consent.withdraw", userSubject(userID), map[string]any{"purpose": purpose, "version": c.Version})
	})
	if err != nil {
		return false, mapErr(op, err)
	}
	return withdrawn, nil
}

// currentConsent locks the registered user userID and returns their newest
// consent to purpose; false when there is none. pgx.ErrNoRows for an
// unknown or deleted user.
func currentConsent(ctx context.Context, tx pgx.Tx, userID int64, purpose string) (domain.Consent, bool, error) {
	var id int64
	if err := tx.QueryRow(ctx, `SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, userID).Scan(&id); err != nil {
		return domain.Consent{}, false, err
	}
	c := domain.Consent{Purpose: purpose}
	err := tx.QueryRow(ctx,
		`SELECT version, given_at, withdrawn_at FROM user_consents
		  WHERE user_id = $1 AND purpose = $2 ORDER BY given_at DESC LIMIT 1`,
		userID, purpose).Scan(&c.Version, &c.GivenAt, &c.WithdrawnAt)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return c, false, nil
	case err != nil:
		return c, false, err
	}
	return c, true, nil
}

// registerConsents stores the consents of registration r for userID: the
// consents of an earlier account of the same Telegram id end (a revived
// user starts afresh), and a registration without the privacy notice's
// consent (seeds and tests that predate consents per purpose) records
// version 1 at r.ConsentAt.
func registerConsents(ctx context.Context, tx pgx.Tx, userID int64, now time.Time, r domain.Registration) error {
	if _, err := tx.Exec(ctx,
		`UPDATE user_consents SET withdrawn_at = greatest(given_at, $2) WHERE user_id = $1 AND withdrawn_at IS NULL`,
		userID, now); err != nil {
		return err
	}
	cs := r.Consents
	if !slices.ContainsFunc(cs, func(c domain.Consent) bool { return c.Purpose == domain.PurposePrivacy }) {
		cs = append([]domain.Consent{{Purpose: domain.PurposePrivacy, Version: 1, GivenAt: r.ConsentAt}}, cs...)
	}
	return insertConsents(ctx, tx, userID, now, cs)
}

// insertConsents stores consents of the user, given at their GivenAt (now
// when zero); one given at the same moment as a stored one replaces it (a
// registration stored again).
func insertConsents(ctx context.Context, tx pgx.Tx, userID int64, now time.Time, cs []domain.Consent) error {
	for _, c := range cs {
		at := c.GivenAt
		if at.IsZero() {
			at = now
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO user_consents (user_id, purpose, version, given_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (user_id, purpose, given_at) DO UPDATE SET version = EXCLUDED.version, withdrawn_at = NULL`,
			userID, c.Purpose, c.Version, at); err != nil {
			return err
		}
	}
	return nil
}
