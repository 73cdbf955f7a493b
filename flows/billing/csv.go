package billing

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// billingColumns is how many columns a billing CSV has, and how many
// labels its header takes: advisor, reference, municipality, dates worked,
// version, the version it corrects (empty for none), hours of preparation,
// on site or online, follow-up, km, travel costs (km at their rate plus
// tickets, in euros), other costs (euros), confirmed at, confirmed by.
const billingColumns = 14

// writeCSV writes the confirmed report versions lines to w as a CSV of style with header (the
// column labels, billingColumns of them, in the reader's language: the
// feature takes them from its locales) as the first row; times are shown
// in zone (nil: UTC). Rows end in CRLF. It returns an error for a header of
// the wrong length or when w fails.
func writeCSV(w io.Writer, style engine.CSVStyle, header []string, lines []domain.BillingLine, zone *time.Location) error {
	if len(header) != billingColumns {
		return fmt.Errorf("billing: csv: %d header labels, want %d", len(header), billingColumns)
	}
	c, err := engine.NewCSV(w, style, zone, header)
	if err != nil {
		return err
	}
	for _, l := range lines {
		dates := make([]string, len(l.Dates))
		for i, d := range l.Dates {
			dates[i] = c.Date(d)
		}
		corrects := ""
		if l.Corrects > 0 {
			corrects = strconv.Itoa(l.Corrects)
		}
		if err := c.Row(c.Text(l.Advisor), c.Text(l.RequestRef), c.Text(l.Municipality), strings.Join(dates, ", "),
			strconv.Itoa(l.Version), corrects, c.Hours(l.PrepMinutes), c.Hours(l.SessionMinutes), c.Hours(l.FollowUpMinutes),
			strconv.Itoa(l.Km), c.Euros(l.TravelCents()), c.Euros(l.OtherCents), c.Stamp(l.ConfirmedAt),
			c.Text(l.ConfirmedByName)); err != nil {
			return err
		}
	}
	return c.Close()
}
