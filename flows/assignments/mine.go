package assignments

import (
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Meine Einsätze": an advisor's open offers, assignments and completed
// ones, short enough for a phone; each open offer opens its card (the
// offers feature's), each assignment its detail with the contact.

// doneShown is how many completed assignments the screen names.
const doneShown = 3

// showMine shows an advisor their work: in the pressed message when
// inPlace, else as a new message. Anyone else is told who has it.
func (d Deps) showMine(t *engine.Turn, inPlace bool) {
	w, ok := d.myWork(t)
	if !ok {
		return
	}
	a, _ := t.Actor()
	overdue, ok := d.overdueBy(t, a.ID)
	if !ok {
		return
	}
	late := map[int64]int{}
	for _, o := range overdue {
		late[o.RequestID] = o.Days
	}
	t.Present(mineScreen(t, w, late), inPlace)
}

// myWork lets an advisor in and returns their work; anyone else is told
// who has it (a press is refused), and a store error is recorded.
func (d Deps) myWork(t *engine.Turn) (domain.AdvisorWork, bool) {
	a, ok := t.Admit(domain.MaySeeOwnWork, keyMineRefused)
	if !ok {
		return domain.AdvisorWork{}, false
	}
	w, err := d.Assignments.MyOffers(t.Ctx(), a.ID, domain.QuarterStart(t.Now(), t.Location()))
	if err != nil {
		t.Fail(err)
		return domain.AdvisorWork{}, false
	}
	return w, true
}

// mineScreen renders w: a section for the open offers and one for the
// assignments held (each with a button, and how many days its report is
// overdue from late, by request id), a line for the completed ones and
// one for the quarter.
func mineScreen(t *engine.Turn, w domain.AdvisorWork, late map[int64]int) engine.Screen {
	tx, lang, loc := t.Texts(), t.Lang(), t.Location()
	parts := []string{t.T(keyMineTitle, nil)}
	var rows [][]engine.Button
	if len(w.Open) > 0 {
		lines := []string{t.T(keyOpenHead, nil)}
		for _, o := range w.Open {
			lines = append(lines, t.T(keyOpenItem, map[string]any{"Ref": o.Ref, "Municipality": o.Municipality,
				"Topic": topicIn(tx, lang, o.Topic, o.TopicOther), "Deadline": when(tx, lang, loc, o.Deadline)}))
			rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnOffer, map[string]any{"Ref": o.Ref}),
				offersFeature, offerView, o.OfferID)})
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if len(w.Held) > 0 {
		lines := []string{t.T(keyHeldHead, nil)}
		for _, a := range w.Held {
			lines = append(lines, t.T(keyHeldItem, map[string]any{"Ref": a.Ref, "Municipality": a.Municipality,
				"Contact": contactOf(t, a), "Place": a.Place}))
			if days := late[a.RequestID]; days > 0 {
				lines = append(lines, t.T(keyHeldOverdue, map[string]any{"Days": days}))
			}
			rows = append(rows, []engine.Button{itemButton(t, a)})
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if len(w.Completed) > 0 {
		var last []string
		for _, a := range w.Completed[:min(len(w.Completed), doneShown)] {
			last = append(last, a.Ref)
			rows = append(rows, []engine.Button{itemButton(t, a)})
		}
		parts = append(parts, t.T(keyDoneLine, map[string]any{"Count": len(w.Completed), "Last": strings.Join(last, ", ")}))
	}
	if len(w.Open)+len(w.Held)+len(w.Completed) == 0 {
		parts = append(parts, t.T(keyMineEmpty, nil))
	}
	parts = append(parts, t.T(keyQuarter, map[string]any{"Received": w.Quarter.Received, "Accepted": w.Quarter.Accepted}))
	return engine.Screen{Text: strings.Join(parts, "\n\n"), Rows: append(rows, t.BackToMenu())}
}

// itemButton opens assignment a's detail.
func itemButton(t *engine.Turn, a domain.Assignment) engine.Button {
	return engine.ScreenButtonID(t.Plain(keyBtnItem, map[string]any{"Ref": a.Ref, "Municipality": a.Municipality}),
		screenAssignment, a.RequestID)
}

// contactOf is the contact of a's municipality, "name, function" (plain:
// the template escapes it), or a word for one whose data was deleted.
func contactOf(t *engine.Turn, a domain.Assignment) string {
	name := a.ContactName
	if name == "" {
		name = t.Plain(keyNoContact, nil)
	}
	if a.ContactFunction == "" {
		return name
	}
	return name + ", " + a.ContactFunction
}

// showAssignment shows the advisor the detail of their assignment on
// request param: the contact of the municipality, the place, the format.
// A request they hold no seat of (taken back meanwhile, or a forged
// parameter) is refused.
func (d Deps) showAssignment(t *engine.Turn, param string) {
	w, ok := d.myWork(t)
	if !ok {
		return
	}
	for _, as := range append(w.Held, w.Completed...) {
		if param == strconv.FormatInt(as.RequestID, 10) {
			rows := [][]engine.Button{{engine.ScreenButton(t.Plain(keyBtnMineBack, nil), screenMine, "")}, t.BackToMenu()}
			if d.ReportButton != nil && as.Status != domain.StatusClosed {
				rows = append([][]engine.Button{{d.ReportButton(t.Texts(), t.Lang(), as.RequestID)}}, rows...)
			}
			t.Replace(engine.Screen{Text: detailText(t, as), Rows: rows})
			return
		}
	}
	t.Refuse(keyGone)
}

// detailText is assignment a with every contact detail the advisor has.
func detailText(t *engine.Turn, a domain.Assignment) string {
	tx, lang := t.Texts(), t.Lang()
	name := a.ContactName
	if name == "" {
		name = t.Plain(keyNoContact, nil)
	}
	return t.T(keyDetail, map[string]any{
		"Ref": a.Ref, "Topic": topicIn(tx, lang, a.Topic, a.TopicOther), "Municipality": a.Municipality,
		"State": tx.StateName(lang, a.State), "Name": name, "Function": a.ContactFunction, "Reach": a.ContactReach, "Department": a.Department,
		"Place": a.Place, "Format": tx.FormatName(lang, a.Format), "Status": tx.StatusName(lang, a.Status),
		"Date": t.DateTime(a.AssignedAt),
	})
}
