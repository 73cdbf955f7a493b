package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.ExportStore = (*Store)(nil)

// A user's data export (issue 15, point 1). Each section is one set-based
// query that returns the section as JSON, its keys those of the section's
// type in flows/domain/export.go; all of them go to Postgres as one batch
// in one read-only REPEATABLE READ transaction, so that they agree. The
// queries are in export_sql.go.

// exportSection is one query of the export and where its JSON goes.
type exportSection struct {
	name string
	sql  string
	into any
}

// ExportUser returns what is stored about userID (see domain.ExportStore):
// ErrNotFound for an unknown or deleted user.
func (s *Store) ExportUser(ctx context.Context, userID int64) (domain.UserExport, error) {
	x := domain.UserExport{Format: domain.ExportFormat, GeneratedAt: s.now()}
	sections := []exportSection{
		{"profile", exportProfileSQL, &x.Profile},
		{"roles", exportRolesSQL, &x.Roles},
		// MERGE: ConsentsOf (part 3 stores consents per purpose and version).
		{"consents", exportConsentsSQL, &x.Consents},
		{"municipal contacts", exportMunicipalSQL, &x.Municipalities},
		{"organisations", exportOrganisationsSQL, &x.Organisations},
		{"advisor profile", exportAdvisorSQL, &x.AdvisorProfile},
		{"requests", exportRequestsSQL, &x.Requests},
		{"history", exportHistorySQL, &x.History},
		{"offers", exportOffersSQL, &x.Offers},
		{"assignments", exportAssignmentsSQL, &x.Assignments},
		{"appointments", exportAppointmentsSQL, &x.Appointments},
		{"reports", exportReportsSQL, &x.Reports},
		{"report actions", exportReportActionsSQL, &x.ReportActions},
		{"ratings given", exportRatingsGivenSQL, &x.RatingsGiven},
		{"ratings received", exportRatingsGotSQL, &x.RatingsGot},
		{"events", exportEventsSQL, &x.Events},
		{"invitations", exportInvitationsSQL, &x.Invitations},
		{"invites created", exportInvitesMadeSQL, &x.InvitesMade},
		{"invites used", exportInvitesUsedSQL, &x.InvitesUsed},
	}
	op := fmt.Sprintf("export user %d", userID)
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		for _, sec := range sections {
			batch.Queue(sec.sql, userID)
		}
		results := tx.SendBatch(ctx, batch)
		defer results.Close()
		for _, sec := range sections {
			var raw []byte
			if err := results.QueryRow().Scan(&raw); err != nil {
				return fmt.Errorf("%s: %w", sec.name, err)
			}
			if err := decodeSection(raw, sec.into); err != nil {
				return fmt.Errorf("%s: %w", sec.name, err)
			}
		}
		return results.Close()
	})
	if err != nil {
		return domain.UserExport{}, mapErr(op, err)
	}
	return x, nil
}

// decodeSection decodes a section's JSON into its type; a key the type
// lacks is an error, so that a query and its type cannot drift apart
// unnoticed. SQL NULL (no advisor profile) leaves into as it is.
func decodeSection(raw []byte, into any) error {
	if raw == nil { // SQL NULL: an absent object stays nil
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}
