package storage

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// overdueSQL selects the overdue assignments (see domain.OverdueStore):
// seats held on a request assigned or scheduled whose last agreed
// appointment (cancelled ones have another status) ended before $1 (the
// time asked about less domain.ReportGrace), without a version of the seat
// holder's report that is submitted or confirmed (one in question does
// not count); $2 > 0 keeps that advisor's only. Columns: advisor,
// request, ref, the last end.
const overdueSQL = `
SELECT s.advisor_id, s.request_id, r.ref, last.ends
  FROM request_seats s
  JOIN requests r ON r.id = s.request_id AND r.status IN ('assigned', 'scheduled')
 CROSS JOIN LATERAL (SELECT max(a.ends_at) AS ends FROM appointments a
                      WHERE a.request_id = s.request_id AND a.status = 'agreed') last
 WHERE s.advisor_id IS NOT NULL AND ($2::bigint <= 0 OR s.advisor_id = $2)
   AND last.ends < $1
   AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.request_id = s.request_id AND p.advisor_id = s.advisor_id
                      AND p.status IN ('submitted', 'confirmed'))
 ORDER BY last.ends, s.request_id, s.advisor_id`

// overdueAt runs overdueSQL on q at now, with the days computed.
func overdueAt(ctx context.Context, q querier, now time.Time, advisorID int64) ([]domain.OverdueReport, error) {
	rows, _ := q.Query(ctx, overdueSQL, now.Add(-domain.ReportGrace), advisorID)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.OverdueReport, error) {
		var o domain.OverdueReport
		err := row.Scan(&o.AdvisorID, &o.RequestID, &o.RequestRef, &o.LastEnd)
		o.Days = domain.OverdueDays(o.LastEnd, now)
		return o, err
	})
}

// OverdueReports returns the reports overdue at now (see
// domain.OverdueStore).
func (s *Store) OverdueReports(ctx context.Context, now time.Time, advisorID int64) ([]domain.OverdueReport, error) {
	list, err := overdueAt(ctx, s.pool, now, advisorID)
	if err != nil {
		return nil, mapErr("overdue reports", err)
	}
	return list, nil
}

// DueOverdueReminders claims the weekly reminders of the reports overdue
// at the store's now and writes notify's notifications, in one
// transaction (see domain.OverdueStore). The primary key of
// report_reminders and ON CONFLICT DO NOTHING make a second run at the
// same moment wait for the first and then claim nothing.
func (s *Store) DueOverdueReminders(ctx context.Context, notify func(domain.OverdueReminder) []domain.Notification) ([]domain.OverdueReminder, error) {
	now := s.now()
	var out []domain.OverdueReminder
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		list, err := overdueAt(ctx, tx, now, 0)
		if err != nil {
			return err
		}
		for _, o := range list {
			rm := domain.OverdueReminder{OverdueReport: o, Week: domain.OverdueWeek(o.Days)}
			tag, err := tx.Exec(ctx, `INSERT INTO report_reminders (request_id, advisor_id, last_end, week, sent_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, o.RequestID, o.AdvisorID, o.LastEnd, rm.Week, now)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				continue
			}
			rm.Advisor, err = scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL`, o.AdvisorID))
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				continue // deleted: claimed, not told
			case err != nil:
				return err
			}
			if err := notifyIn(ctx, tx, now, notify, rm); err != nil {
				return err
			}
			out = append(out, rm)
		}
		return nil
	})
	if err != nil {
		return nil, mapErr("overdue reminders", err)
	}
	return out, nil
}
