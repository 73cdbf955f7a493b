package assignments

import (
	"context"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Overdue reports (issue 12, point 6): the weekly reminder to the advisor,
// and the marks in "Meine Einsätze" and "Berater*innen".

// remindOverdue sends the weekly reminders of overdue reports, each with
// the reports feature's button when it gave one (Deps.ReportButton). The
// store claims each once per report and week, so the hourly run (or one
// on two instances) tells once a week.
func (d Deps) remindOverdue(ctx context.Context, env engine.JobEnv) error {
	sent, err := d.Overdue.DueOverdueReminders(ctx, func(rm domain.OverdueReminder) []domain.Notification {
		lang := env.Notes.LangOf(rm.Advisor)
		var rows [][]engine.Button
		if d.ReportButton != nil {
			rows = [][]engine.Button{{d.ReportButton(env.Texts, lang, rm.RequestID)}}
		}
		return []domain.Notification{env.Notes.Notification(rm.Advisor, keyOverdueReminder, map[string]any{
			"Ref": rm.RequestRef, "Days": rm.Days, "Date": env.Texts.Date(lang, rm.LastEnd.In(env.Location)),
			"Max": domain.MaxOverdueDays, "Blocked": rm.Blocks(),
		}, rows)}
	})
	if err != nil {
		return err
	}
	if len(sent) > 0 {
		env.Log.Info("overdue report reminders", slog.Int("sent", len(sent)))
	}
	return nil
}

// lateness is how an advisor stands with overdue reports: how many, and
// the days of the longest overdue.
type lateness struct {
	count, days int
}

// overdueBy returns the reports overdue now, by advisor (advisorID > 0:
// only theirs); it records a store error and reports false.
func (d Deps) overdueBy(t *engine.Turn, advisorID int64) ([]domain.OverdueReport, bool) {
	list, err := d.Overdue.OverdueReports(t.Ctx(), t.Now(), advisorID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	return list, true
}

// latenessOf sums list up by advisor.
func latenessOf(list []domain.OverdueReport) map[int64]lateness {
	out := map[int64]lateness{}
	for _, o := range list {
		l := out[o.AdvisorID]
		out[o.AdvisorID] = lateness{count: l.count + 1, days: max(l.days, o.Days)}
	}
	return out
}

// lateMark is the pool's mark of an advisor with overdue reports (HTML),
// "" for none.
func lateMark(t *engine.Turn, l lateness) string {
	if l.count == 0 {
		return ""
	}
	return t.T(keyPoolOverdue, map[string]any{"Count": l.count, "Days": l.days})
}
