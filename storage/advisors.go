package storage

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// advisorCols are the columns of an advisor profile a with its user u,
// as scanAdvisor reads them.
const advisorCols = `a.user_id, u.name, a.expertise, a.languages, a.city, a.state, a.travels, a.online_only,
	a.formats, a.max_per_quarter, a.paused_until, a.reach, a.deactivated`

// scanAdvisor reads the advisorCols of a row, then the columns of extra.
func scanAdvisor(row pgx.Row, extra ...any) (domain.AdvisorProfile, error) {
	var p domain.AdvisorProfile
	var expertise, formats []string
	var paused *time.Time
	err := row.Scan(append([]any{&p.UserID, &p.Name, &expertise, &p.Languages, &p.City, &p.State, &p.Travels,
		&p.OnlineOnly, &formats, &p.MaxPerQuarter, &paused, &p.Reach, &p.Deactivated}, extra...)...)
	for _, v := range expertise {
		p.Expertise = append(p.Expertise, domain.Topic(v))
	}
	for _, v := range formats {
		p.Formats = append(p.Formats, domain.Format(v))
	}
	p.PausedUntil = deref(paused)
	return p, err
}

// AdvisorProfile returns userID's advisor profile (see domain.AdvisorStore).
func (s *Store) AdvisorProfile(ctx context.Context, userID int64) (domain.AdvisorProfile, error) {
	p, err := scanAdvisor(s.pool.QueryRow(ctx, `SELECT `+advisorCols+`
		   FROM advisor_profiles a JOIN users u ON u.id = a.user_id
		  WHERE a.user_id = $1 AND u.deleted_at IS NULL`, userID))
	if err != nil {
		return domain.AdvisorProfile{}, mapErr("advisor profile", err)
	}
	return p, nil
}

// SaveAdvisorProfile creates or replaces p.UserID's advisor profile (see
// domain.AdvisorStore).
func (s *Store) SaveAdvisorProfile(ctx context.Context, p domain.AdvisorProfile) error {
	const op = "save advisor profile"
	if n := utf8.RuneCountInString(p.Reach); n > domain.MaxReachLen {
		return opErr(op, fmt.Errorf("%w: reach of %d characters", domain.ErrInvalid, n))
	}
	if p.OnlineOnly {
		p.Travels = nil
	}
	var paused *time.Time
	if !p.PausedUntil.IsZero() {
		y, m, d := p.PausedUntil.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		paused = &day
	}
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT true FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
			p.UserID).Scan(&ok); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO advisor_profiles (user_id, expertise, languages, city, state, travels, online_only,
			                               formats, max_per_quarter, paused_until, reach, updated_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
			 ON CONFLICT (user_id) DO UPDATE SET expertise = $2, languages = $3, city = $4, state = $5,
			        travels = $6, online_only = $7, formats = $8, max_per_quarter = $9, paused_until = $10,
			        reach = $11, updated_at = $12`,
			p.UserID, texts(p.Expertise), texts(p.Languages), p.City, p.State, texts(p.Travels), p.OnlineOnly,
			texts(p.Formats), p.MaxPerQuarter, paused, p.Reach, now); err != nil {
			return err
		}
		return audit(ctx, tx, now, p.UserID, "advisor.profile", userSubject(p.UserID), map[string]any{})
	})
	return mapRequestErr(op, err)
}

// texts is l as a text array that is never NULL.
func texts[V ~string](l []V) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		out = append(out, string(v))
	}
	return out
}
