package engine

import "time"

// A day and month typed without a year that have passed this year ("29.11."
// on 30.11.2026) stand for next year's day, but the user may have meant
// another one; the date step asks before it takes it ("Der 29.11. ist in
// diesem Jahr schon vorbei. Meinen Sie den 29.11.2027?") with Yes and No.
// The answer waits in the session beside the step's answer (nextYearKey),
// and the step shows the question in place of its prompt. Yes answers the
// step with it as if pressed; No drops it and asks the step's question
// again, saying how to type a date with its year. Typed text answers the
// step as usual; when it is refused, the question waits on.

// Actions of the question.
const (
	actNextYear    = "ny" // take the waiting answer
	actNotNextYear = "nn" // drop it and ask the step's question again
)

// nextYearKey is where the answer of the date step named step waits.
func nextYearKey(step string) string { return step + "?" }

// nextYearWaiting returns the answer waiting under key (an ISODate or an
// ISODateTime), how the user's language shows it, and its day; false when
// none waits.
func (t *Turn) nextYearWaiting(key string) (value, shown string, day time.Time, ok bool) {
	value = t.Get(key)
	if when, ok := ParseDateTime(value, t.Location()); ok {
		return value, t.DateTime(when), CalendarDay(when, t.Location()), true
	}
	if d, ok := ParseISO(value); ok {
		return value, t.FormatDate(d), d, true
	}
	return "", "", time.Time{}, false
}

// nextYearPrompt returns the question about the answer waiting under key;
// false when none waits.
func (t *Turn) nextYearPrompt(key string) (Prompt, bool) {
	_, shown, day, ok := t.nextYearWaiting(key)
	if !ok {
		return Prompt{}, false
	}
	text := t.T(keyDateNextYear, map[string]any{"Day": day.Day(), "Month": int(day.Month()),
		"MonthName": t.monthName(int(day.Month())), "Date": shown})
	return Prompt{Text: text, Rows: [][]Button{{
		StepButton(t.Plain(keyBtnNextYear, map[string]any{"Date": shown}), actNextYear, ""),
		StepButton(t.Plain(keyBtnNotNextYear, nil), actNotNextYear, ""),
	}}}, true
}

// nextYearButton handles a press on the question about the answer waiting
// under key: Yes answers the current step with it, No asks the step's
// question again. Either shows the choice in place of the question's
// buttons. It reports false for other actions; Yes or No without a waiting
// answer is stale.
func (t *Turn) nextYearButton(key, action string) bool {
	if action != actNextYear && action != actNotNextYear {
		return false
	}
	value, shown, day, ok := t.nextYearWaiting(key)
	switch {
	case !ok:
		t.StaleButton()
	case action == actNextYear:
		t.showChoice(t.Plain(keyBtnNextYear, map[string]any{"Date": shown}))
		t.Del(key)
		t.answer(Input{Choice: value, Pressed: true})
	default:
		t.showChoice(t.Plain(keyBtnNotNextYear, nil))
		t.Del(key)
		t.Note(keyDateWithYear, map[string]any{"Day": day.Day(), "Month": int(day.Month()), "Year": day.Year()})
		t.Reprompt()
	}
	return true
}

// showChoice shows the current question with choice, the answer the user
// pressed, in place of its buttons.
func (t *Turn) showChoice(choice string) {
	t.Replace(Screen{Text: t.currentText() + "\n\n" + t.T(keyFlowChosen, map[string]any{"Choice": choice})})
}
