package appointments

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The office's overview: /termine for coordinators lists every upcoming
// agreed appointment, soonest first, a page at a time.

// Screens of the feature.
const (
	screenOffice = "ap_all"  // the office's overview; param: the page
	screenList   = "ap_list" // /termine from the menu
)

// Sizes of the overview.
const (
	officePage = 10  // appointments a page
	officeMax  = 500 // appointments it lists at most
)

// office shows page index of the overview, in the pressed message when
// inPlace, to coordinators.
func (d Deps) office(t *engine.Turn, index int, inPlace bool) {
	if _, ok := t.Admit(domain.MayReview, engine.KeyForbidden); !ok {
		return
	}
	aps, err := d.Appointments.UpcomingAppointments(t.Ctx(), officeMax)
	if err != nil {
		t.Fail(err)
		return
	}
	if len(aps) == 0 {
		t.Present(engine.Screen{Text: t.T(keyOfficeEmpty, nil), Rows: [][]engine.Button{t.BackToMenu()}}, inPlace)
		return
	}
	p := engine.PageOf(len(aps), officePage, index)
	lines := []string{t.T(keyOfficeTitle, map[string]any{"N": len(aps)})}
	for _, ap := range aps[p.From:p.To] {
		lines = append(lines, t.T(keyOfficeLine, map[string]any{"Ref": ap.RequestRef,
			"When": slotText(t.Texts(), t.Lang(), t.Location(), ap.Slot), "Where": where(ap.Slot)}))
	}
	var rows [][]engine.Button
	if row := t.PageRow(p, screenOffice); row != nil {
		rows = append(rows, row)
	}
	t.Present(engine.Screen{Text: strings.Join(lines, "\n"), Rows: append(rows, t.BackToMenu())}, inPlace)
}
