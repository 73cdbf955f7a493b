package assignments

import (
	"errors"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Berater*innen": the office pages through the pool, one line and one
// button an advisor, and opens an advisor's card with the profile, the
// open offers and assignments, and what the office may change.

// pageSize is how many advisors a page of the pool shows.
const pageSize = 8

// showPool shows a coordinator page index of the pool: in the pressed
// message when inPlace, else as a new message.
func (d Deps) showPool(t *engine.Turn, index int, inPlace bool) {
	if _, ok := t.Admit(domain.MayManagePool, keyPoolRefused); !ok {
		return
	}
	pool, err := d.Assignments.AdvisorPool(t.Ctx(), domain.QuarterStart(t.Now(), t.Location()))
	if err != nil {
		t.Fail(err)
		return
	}
	if len(pool) == 0 {
		t.Present(engine.Screen{Text: t.T(keyPoolEmpty, nil), Rows: [][]engine.Button{t.BackToMenu()}}, inPlace)
		return
	}
	overdue, ok := d.overdueBy(t, 0)
	if !ok {
		return
	}
	late := latenessOf(overdue)
	p := engine.PageOf(len(pool), pageSize, index)
	lines := make([]string, 0, p.To-p.From)
	var rows [][]engine.Button
	for _, e := range pool[p.From:p.To] {
		line := loadLine(t, e) + lateMark(t, late[e.Profile.UserID])
		lines = append(lines, t.T(keyPoolItem, map[string]any{"Name": e.Profile.Name, "Line": engine.HTML(line)}))
		rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnPoolItem, map[string]any{"Name": e.Profile.Name}),
			feature, actCard, e.Profile.UserID)})
	}
	if row := t.PageRow(p, screenPool); row != nil {
		rows = append(rows, row)
	}
	text := t.T(keyPoolTitle, map[string]any{"Count": len(pool)}) + "\n\n" + strings.Join(lines, "\n")
	t.Present(engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())}, inPlace)
}

// loadLine is an advisor's load in one line (HTML): "2 offen · 1 zugesagt
// · Quartal 3/4 · pausiert bis 15.12.", or that they are deactivated.
func loadLine(t *engine.Turn, e domain.PoolEntry) string {
	if e.Profile.Deactivated {
		return t.T(keyPoolOff, nil)
	}
	line := t.T(keyPoolLine, map[string]any{"Open": e.Open, "Held": e.Held, "Quarter": e.Quarter, "Max": e.Profile.MaxPerQuarter})
	if p := e.Profile.PausedUntil; !p.IsZero() && civilDay(p) >= civilDay(t.Now().In(t.Location())) {
		line += t.T(keyPoolPaused, map[string]any{"Date": t.FormatDate(p)})
	}
	return line
}

// civilDay is the calendar day of at in its own location, as yyyymmdd.
func civilDay(at time.Time) int {
	y, m, d := at.Date()
	return y*10000 + int(m)*100 + d
}

// office returns the acting coordinator of a press; anyone else is
// refused (only a forged or old button gets them here).
func office(t *engine.Turn) (domain.Actor, bool) {
	a, _ := t.Actor()
	if !domain.MayManagePool(a) {
		if !t.Failed() {
			t.Refuse(engine.KeyForbidden)
		}
		return domain.Actor{}, false
	}
	return a, true
}

// found reports whether a load succeeded; a record gone is refused (the
// press found nothing to act on), another error recorded.
func found(t *engine.Turn, err error) bool {
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyAdvisorGone)
		return false
	case err != nil:
		t.Fail(err)
		return false
	}
	return true
}

// loadAdvisor returns the acting coordinator and advisor id's profile and
// work. Anyone else and an advisor without a profile are refused, and
// nothing changes.
func (d Deps) loadAdvisor(t *engine.Turn, id int64) (domain.Actor, domain.AdvisorProfile, domain.AdvisorWork, bool) {
	a, ok := office(t)
	if !ok {
		return domain.Actor{}, domain.AdvisorProfile{}, domain.AdvisorWork{}, false
	}
	p, err := d.Advisors.AdvisorProfile(t.Ctx(), id)
	var w domain.AdvisorWork
	if err == nil {
		w, err = d.Assignments.MyOffers(t.Ctx(), id, domain.QuarterStart(t.Now(), t.Location()))
	}
	if !found(t, err) {
		return domain.Actor{}, domain.AdvisorProfile{}, domain.AdvisorWork{}, false
	}
	return a, p, w, true
}

// card shows advisor id's card in the pressed message, then below (HTML,
// "" for none: what the press found).
func (d Deps) card(t *engine.Turn, id int64, below string) {
	if _, p, w, ok := d.loadAdvisor(t, id); ok {
		t.Replace(cardScreen(t, p, w, below))
	}
}

// cardScreen is the card of the advisor with profile p and work w, then
// below (HTML, "" for none), with the buttons that apply.
func cardScreen(t *engine.Turn, p domain.AdvisorProfile, w domain.AdvisorWork, below string) engine.Screen {
	var rows [][]engine.Button
	for _, a := range w.Held {
		rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnWithdraw, map[string]any{"Ref": a.Ref}),
			feature, actWithdraw, a.OfferID)})
	}
	if p.Deactivated {
		rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnReactivate, nil), feature, actReactivate, p.UserID)})
	} else {
		rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnDeactivate, nil), feature, actDeactivate, p.UserID)})
	}
	rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnPoolBack, nil), feature, actList, 1)})
	text := cardText(t, p, w)
	if below != "" {
		text += "\n\n" + below
	}
	return engine.Screen{Text: text, Rows: rows}
}

// cardText is the profile in short, the load, and the references of the
// open offers and assignments.
func cardText(t *engine.Turn, p domain.AdvisorProfile, w domain.AdvisorWork) string {
	tx, lang := t.Texts(), t.Lang()
	var topics, formats, open, held []string
	for _, v := range p.Expertise {
		topics = append(topics, tx.TopicName(lang, v))
	}
	for _, v := range p.Formats {
		formats = append(formats, tx.FormatName(lang, v))
	}
	for _, o := range w.Open {
		open = append(open, o.Ref)
	}
	for _, a := range w.Held {
		held = append(held, a.Ref)
	}
	quarter := 0
	for _, a := range append(w.Held, w.Completed...) {
		if !a.AssignedAt.Before(domain.QuarterStart(t.Now(), t.Location())) {
			quarter++
		}
	}
	e := domain.PoolEntry{Profile: p, Open: len(w.Open), Held: len(w.Held), Quarter: quarter}
	return t.T(keyCard, map[string]any{
		"Name": p.Name, "Deactivated": p.Deactivated, "Expertise": refs(topics), "Languages": refs(p.Languages),
		"City": p.City, "State": tx.StateName(lang, p.State), "Formats": refs(formats), "Line": engine.HTML(loadLine(t, e)),
	}) + "\n" + t.T(keyCardOpen, map[string]any{"Refs": refs(open)}) + "\n" + t.T(keyCardHeld, map[string]any{"Refs": refs(held)})
}
