package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.RequestStore = (*Store)(nil)

// requestCols are the columns scanned by scanRequest, from requests r joined
// with municipalities m and the requester ru (gone once deleted).
const requestCols = `r.id, r.ref, r.status, m.name, m.state, r.requester_id, r.municipality_id, r.department,
	r.contact_function, r.topic, r.topic_other, r.description, r.goal, r.format, r.earliest, r.latest,
	r.place, r.languages, r.target_groups, r.associations, r.tandem, r.urgency, r.created_at, r.updated_at,
	COALESCE(ru.name, ''), r.contact_reach`

// requestFrom is the FROM clause that goes with requestCols.
const requestFrom = ` FROM requests r JOIN municipalities m ON m.id = r.municipality_id
	LEFT JOIN users ru ON ru.id = r.requester_id AND ru.deleted_at IS NULL `

// scanRequest reads one row of requestCols.
func scanRequest(row pgx.Row) (domain.Request, error) {
	var (
		r                             domain.Request
		status, topic, format, urgent string
	)
	err := row.Scan(&r.ID, &r.Ref, &status, &r.Municipality, &r.State, &r.RequesterID, &r.MunicipalityID,
		&r.Department, &r.ContactFunction, &topic, &r.TopicOther, &r.Description, &r.Goal, &format,
		&r.Earliest, &r.Latest, &r.Place, &r.Languages, &r.TargetGroups, &r.Associations, &r.Tandem,
		&urgent, &r.CreatedAt, &r.UpdatedAt, &r.RequesterName, &r.ContactReach)
	r.Status, r.Topic, r.Format, r.Urgency = domain.Status(status), domain.Topic(topic), domain.Format(format), domain.Urgency(urgent)
	return r, err
}

func collectRequests(rows pgx.Rows) ([]domain.Request, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Request, error) { return scanRequest(row) })
}

// requestBy returns the one request matching where (a condition on r with $1).
func requestBy(ctx context.Context, q pgx.Tx, where string, arg any) (domain.Request, error) {
	return scanRequest(q.QueryRow(ctx, `SELECT `+requestCols+requestFrom+`WHERE `+where, arg))
}

// RequestByID returns the request, or domain.ErrNotFound.
func (s *Store) RequestByID(ctx context.Context, id int64) (domain.Request, error) {
	r, err := scanRequest(s.pool.QueryRow(ctx, `SELECT `+requestCols+requestFrom+`WHERE r.id = $1`, id))
	if err != nil {
		return domain.Request{}, mapErr(fmt.Sprintf("request %d", id), err)
	}
	return r, nil
}

// RequestByRef returns the request with reference ref, or domain.ErrNotFound.
func (s *Store) RequestByRef(ctx context.Context, ref string) (domain.Request, error) {
	r, err := scanRequest(s.pool.QueryRow(ctx, `SELECT `+requestCols+requestFrom+`WHERE r.ref = $1`, ref))
	if err != nil {
		return domain.Request{}, mapErr("request by ref", err)
	}
	return r, nil
}

// ListByRequester returns the requests of userID, newest first.
func (s *Store) ListByRequester(ctx context.Context, userID int64) ([]domain.Request, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+requestCols+requestFrom+
		`WHERE r.requester_id = $1 ORDER BY r.created_at DESC, r.id DESC`, userID)
	list, err := collectRequests(rows)
	if err != nil {
		return nil, mapErr("list requests by requester", err)
	}
	return list, nil
}

// ListByMunicipality returns the requests of municipalityID, newest first.
func (s *Store) ListByMunicipality(ctx context.Context, municipalityID int64) ([]domain.Request, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+requestCols+requestFrom+
		`WHERE r.municipality_id = $1 ORDER BY r.created_at DESC, r.id DESC`, municipalityID)
	list, err := collectRequests(rows)
	if err != nil {
		return nil, mapErr("list requests by municipality", err)
	}
	return list, nil
}

// ListForContact returns the requests of userID and those of the
// municipalities (a contact's confirmed ones), newest first.
func (s *Store) ListForContact(ctx context.Context, userID int64, municipalities []int64) ([]domain.Request, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+requestCols+requestFrom+
		`WHERE r.requester_id = $1 OR r.municipality_id = ANY($2) ORDER BY r.created_at DESC, r.id DESC`,
		userID, municipalities)
	list, err := collectRequests(rows)
	if err != nil {
		return nil, mapErr("list requests for contact", err)
	}
	return list, nil
}

// OpenQueue returns the requests waiting for the office (domain.OpenStatuses),
// oldest first.
func (s *Store) OpenQueue(ctx context.Context) ([]domain.Request, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+requestCols+requestFrom+
		`WHERE r.status IN ('submitted', 'in_review', 'question') ORDER BY r.created_at, r.id`)
	list, err := collectRequests(rows)
	if err != nil {
		return nil, mapErr("open request queue", err)
	}
	return list, nil
}

// CountOpen counts the requests waiting for the office.
func (s *Store) CountOpen(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM requests WHERE status IN ('submitted', 'in_review', 'question')`).Scan(&n)
	return n, mapErr("count open requests", err)
}

// MunicipalitiesOf returns the municipalities userID is a contact of, the
// one linked first first; none for a user who is no contact (also for a
// deleted user).
func (s *Store) MunicipalitiesOf(ctx context.Context, userID int64) ([]domain.MunicipalContact, error) {
	rows, _ := s.pool.Query(ctx,
		`SELECT m.id, m.name, m.state, mc.function
		   FROM municipal_contacts mc JOIN municipalities m ON m.id = mc.municipality_id
		  WHERE mc.user_id = $1 ORDER BY mc.created_at, m.id`, userID)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.MunicipalContact, error) {
		var c domain.MunicipalContact
		err := r.Scan(&c.MunicipalityID, &c.Municipality, &c.State, &c.Function)
		return c, err
	})
	if err != nil {
		return nil, mapErr("municipalities of user", err)
	}
	return list, nil
}

// userCols are the columns scanned by scanUser, from users u with roles.
const userCols = `u.id, u.telegram_id, u.chat_id, u.name, u.language, u.consent_at,
	COALESCE((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}')`

func scanUser(row pgx.Row) (domain.User, error) {
	var (
		u       domain.User
		consent *time.Time
		roles   []string
	)
	if err := row.Scan(&u.ID, &u.TelegramID, &u.ChatID, &u.Name, &u.Lang, &consent, &roles); err != nil {
		return domain.User{}, err
	}
	if consent != nil {
		u.ConsentAt = *consent
	}
	u.Roles = toRoles(roles)
	return u, nil
}

// UserByID returns the registered user with roles, or domain.ErrNotFound
// when there is none or the user was deleted.
func (s *Store) UserByID(ctx context.Context, id int64) (domain.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx,
		`SELECT `+userCols+` FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL`, id))
	if err != nil {
		return domain.User{}, mapErr("user by id", err)
	}
	return u, nil
}

// Coordinators returns the registered users holding the coordinator role,
// oldest first.
func (s *Store) Coordinators(ctx context.Context) ([]domain.User, error) {
	rows, _ := s.pool.Query(ctx,
		`SELECT `+userCols+` FROM users u JOIN user_roles c ON c.user_id = u.id AND c.role = 'coordinator'
		  WHERE u.deleted_at IS NULL ORDER BY u.id`)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.User, error) { return scanUser(row) })
	if err != nil {
		return nil, mapErr("coordinators", err)
	}
	return list, nil
}
