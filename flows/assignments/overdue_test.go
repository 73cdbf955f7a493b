package assignments_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// heldWithAppointment has Ben take request key's seat and agree an online
// appointment of two hours a day later with the requester; it returns the
// request and the appointment's end.
func (w *world) heldWithAppointment(key string) (domain.Request, time.Time) {
	w.T.Helper()
	ctx := context.Background()
	r := w.approved(key)
	w.accept(w.offer(r, domain.ModeDirect, w.benID)[0])
	start := w.Clock.Now().Add(24 * time.Hour)
	ch, err := w.DB.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: r.ID, AdvisorID: w.benID,
		Options: []domain.Slot{{Start: start, End: start.Add(2 * time.Hour), Link: "https://meet.example.org/mg"}}}, nil)
	if err != nil {
		w.T.Fatal(err)
	}
	if _, err := w.DB.PickAppointment(ctx, ch.Appointment.ID, ch.Appointment.Options[0].ID, w.UserID(w.requester), nil); err != nil {
		w.T.Fatal(err)
	}
	w.Deliver()
	return r, start.Add(2 * time.Hour)
}

// runJob runs the job of that name once, as the scheduler would.
func (w *world) runJob(name string) {
	w.T.Helper()
	for _, j := range w.Engine.Jobs() {
		if j.Name == name {
			if err := j.Run(context.Background()); err != nil {
				w.T.Fatal(err)
			}
			return
		}
	}
	w.T.Fatalf("no job %q", name)
}

// Issue 12, point 6: once the report is overdue (14 days after the last
// appointment), the advisor is reminded once, again a week later, never
// twice in a week, and not after reporting; nobody else is told.
func TestOverdueReportReminderWeekly(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newWorld(t, lang)
			r, end := w.heldWithAppointment("overdue")
			w.Deliver()
			reminder := func(days int) string {
				return w.tr("told.overdue_report", map[string]any{"Ref": r.Ref, "Days": days,
					"Date": w.Texts.Date(lang, end.In(w.Location)), "Max": domain.MaxOverdueDays, "Blocked": false})
			}

			w.Clock.Advance(end.Add(domain.ReportGrace).Sub(w.Clock.Now()))
			w.runJob("overdue_reports")
			w.ExpectDelivered(map[int64]int{})
			w.Clock.Advance(time.Hour)
			w.runJob("overdue_reports")
			w.runJob("overdue_reports")
			w.ExpectDelivered(map[int64]int{w.ben.ID: 1})
			m := w.Expect(w.ben, reminder(1))
			if labels := m.Labels(); len(labels) != 1 || len(labels[0]) != 1 || labels[0][0] != w.Plain(lang, "btn.rp_write", nil) {
				t.Errorf("a reminder with buttons %q, want the report's", labels)
			}
			for range 6 * 24 {
				w.Clock.Advance(time.Hour)
				w.runJob("overdue_reports")
			}
			w.ExpectDelivered(map[int64]int{})
			w.Clock.Advance(24 * time.Hour) // 7 days and an hour overdue: the second week
			w.runJob("overdue_reports")
			w.ExpectDelivered(map[int64]int{w.ben.ID: 1})
			w.Expect(w.ben, reminder(8))
			w.Press(w.ben, w.Plain(lang, "btn.rp_write", nil)) // the button starts the report
			w.Expect(w.ben, w.Tr(lang, "rp.intro", nil))

			d := w.Clock.Now().AddDate(0, 0, -20).UTC()
			if _, err := w.DB.SubmitReport(context.Background(), domain.ReportDraft{RequestID: r.ID, AdvisorID: w.benID,
				Dates: []time.Time{time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)}, SessionMinutes: 120}, nil); err != nil {
				t.Fatal(err)
			}
			w.Clock.Advance(8 * 24 * time.Hour)
			w.runJob("overdue_reports")
			w.ExpectDelivered(map[int64]int{})
		})
	}
}

// The office's "Berater*innen" marks an advisor with overdue reports (how
// many, the oldest's days), and the advisor's "Meine Einsätze" says at the
// assignment since when its report is missing; neither before.
func TestOverdueMarkedInBothLists(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newWorld(t, lang)
			first, end := w.heldWithAppointment("first")
			w.Clock.Advance(24 * time.Hour)
			second, _ := w.heldWithAppointment("second") // its appointment ends a day later
			pool := map[string]string{"de": "/berater", "en": "/advisors"}[lang]
			mine := map[string]string{"de": "/einsaetze", "en": "/assignments"}[lang]
			poolMark := func(count, days int) string {
				return w.tr("pool.overdue", map[string]any{"Count": count, "Days": days})
			}
			mineMark := func(days int) string { return w.tr("assignments.overdue", map[string]any{"Days": days}) }

			w.Clock.Advance(end.Add(domain.ReportGrace).Sub(w.Clock.Now()))
			w.Send(w.coord, pool)
			if m := w.Last(w.coord); strings.Contains(m.Text, "⚠") {
				t.Errorf("marked before overdue:\n%s", m.Text)
			}
			w.Send(w.ben, mine)
			if m := w.Last(w.ben); strings.Contains(m.Text, "⚠") {
				t.Errorf("marked before overdue:\n%s", m.Text)
			}

			w.Clock.Advance(3*24*time.Hour + time.Hour)
			w.Send(w.coord, pool)
			m := w.Expect(w.coord, "Ben Okafor</b>: ")
			line := lineWith(t, m, "Ben Okafor")
			if !strings.HasSuffix(line, poolMark(2, 4)) {
				t.Errorf("Ben's line %q lacks %q", line, poolMark(2, 4))
			}
			if l := lineWith(t, m, "Amira Haddad"); strings.Contains(l, "⚠") {
				t.Errorf("Amira marked: %q", l)
			}
			w.Send(w.ben, mine)
			m = w.Expect(w.ben, first.Ref+" · Hattingen", second.Ref+" · Hattingen")
			for _, ref := range []string{first.Ref, second.Ref} {
				days := map[string]int{first.Ref: 4, second.Ref: 3}[ref]
				if !strings.Contains(m.Text, ref+" · Hattingen\nErika Mustermann, Integrationsbeauftragte · Rathaus Hattingen\n"+
					mineMark(days)) {
					t.Errorf("%s lacks %q:\n%s", ref, mineMark(days), m.Text)
				}
			}
		})
	}
}

// lineWith is the line of m's text that names s.
func lineWith(t *testing.T, m flowstest.Sent, s string) string {
	t.Helper()
	for _, l := range strings.Split(m.Text, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q:\n%s", s, m.Text)
	return ""
}
