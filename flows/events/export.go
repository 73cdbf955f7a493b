package events

import (
	"bytes"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// csvType is the content type of the exported answers.
const csvType = "text/csv; charset=utf-8"

// csvHeader are the keys of the CSV's column labels, in its order:
// association, answer, persons, needs, interpreting into, answered at,
// seats held (and offered), persons waiting, attendance.
var csvHeader = []string{keyCSVOrganisation, keyCSVReply, keyCSVPersons, keyCSVNeeds, keyCSVInterpreting, keyCSVAnsweredAt,
	keyCSVSeats, keyCSVWaiting, keyCSVAttended}

// export sends the answers of published event e as a CSV of style, in
// the conventions of the billing export, below the event's screen.
func (d Deps) export(t *engine.Turn, e domain.Event, style engine.CSVStyle) {
	rows, ok := d.answersOf(t, e)
	if !ok {
		return
	}
	header := make([]string, len(csvHeader))
	for i, k := range csvHeader {
		header[i] = t.Plain(k, nil)
	}
	var b bytes.Buffer
	c, err := engine.NewCSV(&b, style, t.Location(), header)
	if err != nil {
		t.Fail(err)
		return
	}
	for _, a := range rows {
		persons, answered, seats, waiting, came := "", "", "", "", ""
		if a.Reply == domain.ReplyYes {
			persons, seats, waiting = strconv.Itoa(a.Persons), strconv.Itoa(a.Seats+a.Offered), strconv.Itoa(a.Waiting())
		}
		if a.Attended != nil {
			came = t.Plain(map[bool]string{true: keyCSVCame, false: keyCSVNotCame}[*a.Attended], nil)
		}
		if !a.AnsweredAt.IsZero() {
			answered = c.Stamp(a.AnsweredAt)
		}
		if err := c.Row(c.Text(a.OrganisationName), t.Plain(replyKeys[a.Reply], nil), persons,
			c.Text(needsList(t, a.Needs)), c.Text(t.Texts().LanguageName(t.Lang(), a.Interpreting)), answered, seats, waiting, came); err != nil {
			t.Fail(err)
			return
		}
	}
	if err := c.Close(); err != nil {
		t.Fail(err)
		return
	}
	d.present(t, e, true)
	t.SendDocument(domain.Document{Name: fmt.Sprintf("veranstaltung-%d.csv", e.ID), Content: b.Bytes(), Type: csvType,
		Caption: t.T(keyCaption, map[string]any{"Title": e.Title, "Count": len(rows)})})
	t.Log().Info("event answers export", slog.Int64("event_id", e.ID), slog.Int("rows", len(rows)), slog.Int("style", int(style)))
}

// needsList names needs, comma-separated (plain text).
func needsList(t *engine.Turn, needs []domain.EventNeed) string {
	return needsText(t, domain.OrgAnswer{Needs: needs})
}
