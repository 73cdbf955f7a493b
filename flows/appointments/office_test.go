package appointments_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// /termine for coordinators: every upcoming agreed appointment, soonest
// first, ten a page; a past or cancelled one is not listed, nor an open
// proposal. Others than coordinators keep their own list.
func TestOfficeOverview(t *testing.T) {
	h, r := accepted(t)
	h.Send(coord, "/termine")
	h.Expect(coord, "Zurzeit ist kein Termin vereinbart.")

	ctx := context.Background()
	for i := range 13 {
		start := time.Date(2026, 12, 1+i, 9, 0, 0, 0, time.UTC)
		ch, err := h.DB.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: r.ID, AdvisorID: h.UserID(aylin),
			Options: []domain.Slot{{Start: start, End: start.Add(time.Hour), Place: fmt.Sprintf("Raum %d", i+1)}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if i == 12 {
			break // stays a proposal
		}
		ap := ch.Appointment
		if _, err := h.DB.PickAppointment(ctx, ap.ID, ap.Options[0].ID, h.UserID(muni), nil); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := h.DB.CancelAppointment(ctx, ap.ID, h.UserID(muni), "Krank", nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.Send(coord, "/termine")
	page := h.Expect(coord, "<b>Anstehende Termine</b> (11)", "<b>"+r.Ref+"</b>: Mi, 02.12.2026, 10:00–11:00 Uhr, Raum 2")
	h.ExpectButtons(coord, h.Plain("de", "list.page", map[string]any{"Page": 1, "Count": 2}))
	if strings.Contains(page.Text, "Raum 1\n") || strings.Contains(page.Text, "Raum 12") {
		t.Fatalf("page 1 lists the cancelled or the eleventh:\n%s", page.Text)
	}
	h.Press(coord, h.Plain("de", "list.next", nil))
	h.Expect(coord, "Raum 12")
	if got := h.Last(coord).Text; strings.Contains(got, "Raum 13") || strings.Contains(got, "Raum 2\n") {
		t.Fatalf("page 2:\n%s", got)
	}

	// The advisor still sees their own list.
	h.Send(aylin, "/termine")
	h.Expect(aylin, "Ihre Termine", r.Ref)
}
