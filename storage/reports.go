package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Completion reports and ratings (issue 12): reads, billing and the
// scanning every report query shares. The changes are in
// reports_change.go.

var _ domain.ReportStore = (*Store)(nil)

// reportCols are the columns of a report version p, with its request r,
// its advisor a and its confirmer c.
const reportCols = `p.id, p.request_id, r.ref, p.advisor_id, a.name, p.version, p.status, p.dates,
	p.prep_minutes, p.session_minutes, p.followup_minutes, p.km, p.km_rate_cents, p.ticket_cents, p.other_cents,
	p.note, p.submitted_at, COALESCE(p.question, ''), COALESCE(p.question_by, 0), p.question_at,
	COALESCE(p.confirmed_by, 0), COALESCE(c.name, ''), p.confirmed_at`

// reportFrom joins what reportCols read.
const reportFrom = ` FROM reports p JOIN requests r ON r.id = p.request_id JOIN users a ON a.id = p.advisor_id
	LEFT JOIN users c ON c.id = p.confirmed_by `

// querier is what reads need of a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// scanReport reads a row of reportCols followed by extra.
func scanReport(row pgx.Row, extra ...any) (domain.Report, error) {
	var (
		p                  domain.Report
		status             string
		questionAt, confAt *time.Time
	)
	err := row.Scan(append([]any{&p.ID, &p.RequestID, &p.RequestRef, &p.AdvisorID, &p.Advisor, &p.Version, &status,
		&p.Dates, &p.PrepMinutes, &p.SessionMinutes, &p.FollowUpMinutes, &p.Km, &p.KmRateCents, &p.TicketCents,
		&p.OtherCents, &p.Note, &p.SubmittedAt, &p.Question, &p.QuestionBy, &questionAt, &p.ConfirmedBy,
		&p.ConfirmedByName, &confAt}, extra...)...)
	p.Status, p.QuestionAt, p.ConfirmedAt = domain.ReportStatus(status), deref(questionAt), deref(confAt)
	return p, err
}

// queryReports runs a query whose rows are reportCols.
func queryReports(ctx context.Context, q querier, sql string, args ...any) ([]domain.Report, error) {
	rows, _ := q.Query(ctx, sql, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Report, error) { return scanReport(row) })
}

// reportsOf returns every version of the reports on request id, by seat
// then version.
func reportsOf(ctx context.Context, q querier, requestID int64) ([]domain.Report, error) {
	return queryReports(ctx, q, `SELECT `+reportCols+reportFrom+`
		LEFT JOIN request_seats s ON s.request_id = p.request_id AND s.advisor_id = p.advisor_id
		WHERE p.request_id = $1 ORDER BY s.seat NULLS LAST, p.advisor_id, p.version`, requestID)
}

// reportBy returns version id, or pgx.ErrNoRows.
func reportBy(ctx context.Context, q querier, id int64) (domain.Report, error) {
	return scanReport(q.QueryRow(ctx, `SELECT `+reportCols+reportFrom+`WHERE p.id = $1`, id))
}

// ReportByID returns version id, or domain.ErrNotFound.
func (s *Store) ReportByID(ctx context.Context, id int64) (domain.Report, error) {
	p, err := reportBy(ctx, s.pool, id)
	if err != nil {
		return domain.Report{}, mapErr(fmt.Sprintf("report %d", id), err)
	}
	return p, nil
}

// ReportsOf returns every version of the reports on request id.
func (s *Store) ReportsOf(ctx context.Context, requestID int64) ([]domain.Report, error) {
	list, err := reportsOf(ctx, s.pool, requestID)
	if err != nil {
		return nil, mapErr(fmt.Sprintf("reports of request %d", requestID), err)
	}
	return list, nil
}

// RatingOf returns request id's rating, or domain.ErrNotFound.
func (s *Store) RatingOf(ctx context.Context, requestID int64) (domain.Rating, error) {
	var (
		g     = domain.Rating{RequestID: requestID}
		rater *int64
	)
	err := s.pool.QueryRow(ctx, `SELECT stars, comment, rater_id, rated_at FROM report_ratings WHERE request_id = $1`,
		requestID).Scan(&g.Stars, &g.Comment, &rater, &g.RatedAt)
	if err != nil {
		return domain.Rating{}, mapErr(fmt.Sprintf("rating of request %d", requestID), err)
	}
	if rater != nil {
		g.RaterID = *rater
	}
	return g, nil
}

// ConfirmedInPeriod returns the versions confirmed in [from, to) for
// billing, leaving out those a later version confirmed before to corrects.
func (s *Store) ConfirmedInPeriod(ctx context.Context, from, to time.Time) ([]domain.BillingLine, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+reportCols+`, m.name,
		COALESCE((SELECT max(e.version) FROM reports e WHERE e.request_id = p.request_id AND e.advisor_id = p.advisor_id
		          AND e.version < p.version AND e.status = 'confirmed'), 0),
		COALESCE((SELECT b.advisor_name FROM billing_records b WHERE b.report_id = p.id), '')`+reportFrom+`
		JOIN municipalities m ON m.id = r.municipality_id
		WHERE p.status = 'confirmed' AND p.confirmed_at >= $1 AND p.confirmed_at < $2
		  AND NOT EXISTS (SELECT 1 FROM reports n WHERE n.request_id = p.request_id AND n.advisor_id = p.advisor_id
		                  AND n.version > p.version AND n.status = 'confirmed' AND n.confirmed_at < $2)
		ORDER BY p.confirmed_at, p.id`, from, to)
	lines, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.BillingLine, error) {
		var l domain.BillingLine
		var billed string // the name as billed of an advisor erased since (billing_records)
		var err error
		l.Report, err = scanReport(row, &l.Municipality, &l.Corrects, &billed)
		if l.Advisor == "" {
			l.Advisor = billed
		}
		return l, err
	})
	if err != nil {
		return nil, mapErr("confirmed reports", err)
	}
	return lines, nil
}
