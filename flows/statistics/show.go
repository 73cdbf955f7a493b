package statistics

import (
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// show shows a coordinator the figures of the quarter with code ("": the
// current one), in the pressed message when inPlace.
func (d Deps) show(t *engine.Turn, code string, inPlace bool) {
	if v, ok := d.load(t, code); ok {
		t.Present(v.screen(t), inPlace)
	}
}

// view is a quarter's figures and the quarters around it one may move to.
type view struct {
	q, first, current domain.Quarter
	st                domain.Statistics
}

// load admits a coordinator and reads the figures of the quarter with
// code ("": the current one); false once it refused the press (a code that
// is malformed, after the current quarter or before the first record is
// a forged or stale button) or recorded a store error.
func (d Deps) load(t *engine.Turn, code string) (view, bool) {
	if _, ok := t.Admit(domain.MaySeeStatistics, keyRefused); !ok {
		return view{}, false
	}
	v := view{current: domain.QuarterOf(t.Now(), t.Location())}
	v.q = v.current
	if code != "" {
		q, ok := domain.ParseQuarter(code)
		if !ok || q.Index() > v.current.Index() {
			t.StaleButton()
			return view{}, false
		}
		v.q = q
	}
	from, to := v.q.Span(t.Location())
	st, err := d.Stats.Statistics(t.Ctx(), from, to)
	if err != nil {
		t.Fail(err)
		return view{}, false
	}
	v.st, v.first = st, v.current
	if !st.Since.IsZero() && domain.QuarterOf(st.Since, t.Location()).Index() < v.current.Index() {
		v.first = domain.QuarterOf(st.Since, t.Location())
	}
	if v.q.Index() < v.first.Index() {
		t.StaleButton()
		return view{}, false
	}
	t.Log().Info("statistics", slog.String("quarter", v.q.Code()))
	return v, true
}

// screen is the figures of v with the buttons to the quarters before and
// after it (where there are figures to see), the two CSV formats and the
// menu.
func (v view) screen(t *engine.Turn) engine.Screen {
	var nav []engine.Button
	if v.q.Index() > v.first.Index() {
		prev := v.q.Add(-1)
		nav = append(nav, engine.ScreenButton(t.Plain(keyBtnPrev, map[string]any{"Quarter": label(t, prev)}), screenStats, prev.Code()))
	}
	if v.q.Index() < v.current.Index() {
		next := v.q.Add(1)
		nav = append(nav, engine.ScreenButton(t.Plain(keyBtnNext, map[string]any{"Quarter": label(t, next)}), screenStats, next.Code()))
	}
	rows := [][]engine.Button{
		{engine.ScreenButton(t.Plain(keyBtnExcel, nil), screenExcel, v.q.Code()),
			engine.ScreenButton(t.Plain(keyBtnPlain, nil), screenPlain, v.q.Code())},
		t.BackToMenu(),
	}
	if len(nav) > 0 {
		rows = append([][]engine.Button{nav}, rows...)
	}
	return engine.Screen{Text: figuresText(t, v.q, v.st), Rows: rows}
}
