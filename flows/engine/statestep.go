package engine

import "github.com/miglobe/miglobe-bot/flows/domain"

// StateStep asks for a Bundesland with its 16 buttons, two in a row, and
// stores its code (domain.States) under name.
func StateStep(name, label string, text func(t *Turn) string) Step {
	return ChoiceStep(name, label, text, func(t *Turn) [][]Choice {
		rows := make([][]Choice, 0, len(domain.States)/2)
		for i := 0; i < len(domain.States); i += 2 {
			a, b := domain.States[i], domain.States[i+1]
			rows = append(rows, []Choice{{Label: t.StateName(a), Value: a}, {Label: t.StateName(b), Value: b}})
		}
		return rows
	}, nil)
}
