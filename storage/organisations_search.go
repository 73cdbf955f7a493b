package storage

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.OrganisationSearch = (*Store)(nil)

// likeEscaper escapes the wildcards of LIKE (and its escape character), so
// that a query matches as typed.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// SearchOrganisations returns the associations whose name contains query
// (see domain.OrganisationSearch).
func (s *Store) SearchOrganisations(ctx context.Context, query string, limit int) ([]domain.AudienceOrg, error) {
	query = strings.TrimSpace(query)
	if query == "" || limit <= 0 {
		return nil, nil
	}
	rows, _ := s.pool.Query(ctx, `SELECT `+audienceOrgCols+`
	  FROM organisations o
	 WHERE o.name ILIKE '%' || $1 || '%' ESCAPE '\'
	 ORDER BY lower(o.name), o.id
	 LIMIT $2`, likeEscaper.Replace(query), limit)
	out, err := pgx.CollectRows(rows, scanAudienceOrg)
	if err != nil {
		return nil, mapErr("search organisations", err)
	}
	return out, nil
}
