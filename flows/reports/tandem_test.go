package reports_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// In a tandem each advisor reports their own work; the first confirmation
// says the second report is missing, the second completes the request and
// asks for the rating. In English throughout; closing without a rating.
func TestTandemInEnglish(t *testing.T) {
	h, r := assigned(t, true, "en")
	report(h, aylin, r, "en")
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, "Report on "+r.Ref, "Aylin Demir", "Preparation 3 h", "120 km × €0.30 = €36.00")
	h.Press(muni, h.Plain("en", "btn.rp_confirm", nil))
	h.Expect(muni, "✅ Confirmed by", h.Tr("en", "rp.confirmed_waiting", map[string]any{"Ref": r.Ref}))
	if s := status(h, r.ID); s != domain.StatusScheduled {
		t.Fatalf("status %s with one report missing", s)
	}
	h.Deliver()

	report(h, bora, r, "en")
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, "Report on "+r.Ref, "Bora Yilmaz")
	h.Press(muni, h.Plain("en", "btn.rp_confirm", nil))
	h.Expect(muni, "How satisfied were you?")
	if s := status(h, r.ID); s != domain.StatusCompleted {
		t.Fatalf("status %s after both reports", s)
	}
	reps := reportsOf(h, r.ID)
	if len(reps) != 2 || reps[0].AdvisorID == reps[1].AdvisorID || reps[0].Status != domain.ReportConfirmed ||
		reps[1].Status != domain.ReportConfirmed {
		t.Fatalf("reports %+v", reps)
	}
	h.Deliver()

	// The office's CSV of November has one line per advisor.
	h.Send(coord, "/abrechnung")
	h.Press(coord, "November 2026")
	h.Press(coord, h.Plain("de", "btn.billing_plain", nil))
	docs := h.Documents(coord)
	if len(docs) != 1 {
		t.Fatalf("the coordinator got %d documents", len(docs))
	}
	rows, err := csv.NewReader(bytes.NewReader(docs[0].Content)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("the CSV %q (%v): want the header and two lines", rows, err)
	}
	for i, name := range []string{"Aylin Demir", "Bora Yilmaz"} {
		if row := rows[i+1]; row[0] != name || row[1] != r.Ref || row[6] != "3.00" || row[7] != "4.00" || row[9] != "120" {
			t.Errorf("line %d: %q", i+1, row)
		}
	}
	h.Press(muni, h.Plain("en", "btn.rp_close_unrated", nil))
	h.Expect(muni, h.Tr("en", "rp.closed_unrated", map[string]any{"Ref": r.Ref}))
	if s := status(h, r.ID); s != domain.StatusClosed {
		t.Fatalf("status %s after closing", s)
	}
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, bora.ID: 1})
	h.Expect(bora, h.Tr("en", "rp.to_advisor_closed", map[string]any{"Ref": r.Ref}))
}
