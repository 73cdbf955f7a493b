package events

import (
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The flow "Veranstaltung anlegen": title, description, start, end, place
// or online link, city and Bundesland (prefilled from the organiser's
// profile), topics, languages, capacity, answer deadline, contact, needs;
// summary; the draft is stored and the audience follows.

// flowCreate is stored in sessions: keep it.
const flowCreate = "ev_create"

// Step names, also the keys of their answers.
const (
	stepTitle    = "ti"
	stepDesc     = "ds"
	stepStart    = "st"
	stepEnd      = "en"
	stepWhere    = "wh"
	stepPlace    = "pl"
	stepCity     = "ci"
	stepState    = "bl"
	stepTopics   = "tp"
	stepLangs    = "la"
	stepCapacity = "ca"
	stepDeadline = "dl"
	stepContact  = "co"
	stepNeeds    = "ne"
)

// Keys of the flow's data besides the answers.
const (
	dataEvent = "id" // the draft being edited; "": a new event
	dataName  = "nm" // the organiser's name, offered as the contact
)

// Values of the answers.
const (
	wherePlace  = "place"
	whereOnline = "online"
	valueNone   = "-" // no deadline, no contact
	valueMe     = "me"
)

// Rules of the typed answers.
var (
	ruleTitle   = engine.TextRule{Min: domain.MinEventTitle, Max: domain.MaxEventTitle}
	ruleDesc    = engine.TextRule{Min: 3, Max: domain.MaxEventDescription, Multiline: true}
	rulePlace   = engine.TextRule{Min: 3, Max: domain.MaxEventPlace}
	ruleCity    = engine.TextRule{Min: 2, Max: domain.MaxEventCity}
	ruleContact = engine.TextRule{Min: 3, Max: domain.MaxEventContact}
)

// createFlow declares the flow.
func (d Deps) createFlow() *engine.Flow {
	return &engine.Flow{Name: flowCreate, Title: keyBtnCreate, Intro: keyIntro, Steps: []engine.Step{
		engine.RuleStep(stepTitle, keyFieldTitle, keyTitlePrompt, ruleTitle),
		engine.RuleStep(stepDesc, keyFieldDesc, keyDescPrompt, ruleDesc),
		startStep(),
		endStep(),
		engine.KeyedChoice(stepWhere, keyFieldWhere, keyWherePrompt, []string{wherePlace, whereOnline},
			map[string]string{wherePlace: keyBtnPlace, whereOnline: keyBtnOnline}),
		placeStep(),
		engine.RuleStep(stepCity, engine.KeyFieldCity, keyCityPrompt, ruleCity),
		engine.StateStep(stepState, engine.KeyFieldState, func(t *engine.Turn) string {
			return t.T(keyStatePrompt, map[string]any{"City": t.Get(stepCity)})
		}),
		engine.MultiSelectStep(engine.MultiSelectSpec{Name: stepTopics, Label: engine.KeyFieldTopics, PromptKey: keyTopicsPrompt,
			Min: 1, PerRow: 2, Options: func(t *engine.Turn) []engine.Choice { return engine.TopicChoices(t, domain.InterestTopics) }}),
		engine.MultiSelectStep(engine.MultiSelectSpec{Name: stepLangs, Label: keyFieldLangs, PromptKey: keyLangsPrompt,
			Max: domain.MaxEventLanguages, PerRow: 3, Options: languageOptions}),
		capacityStep(),
		deadlineStep(),
		contactStep(),
		engine.MultiSelectStep(engine.MultiSelectSpec{Name: stepNeeds, Label: keyFieldNeeds, PromptKey: keyNeedsPrompt,
			PerRow: 1, Options: needOptions}),
	},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keySummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: d.finish}
}

// languageOptions are the languages offered for an event, named in the
// user's language.
func languageOptions(t *engine.Turn) []engine.Choice {
	return engine.LanguageChoices(t, engine.Languages)
}

// needOptions are the needs an association may ask for.
func needOptions(t *engine.Turn) []engine.Choice {
	out := make([]engine.Choice, 0, len(domain.EventNeeds))
	for _, n := range domain.EventNeeds {
		out = append(out, engine.Choice{Label: t.Texts().NeedName(t.Lang(), n), Value: string(n)})
	}
	return out
}

// placeStep asks for the address, or for the link of an online event
// (http or https).
func placeStep() engine.Step {
	return engine.Step{Name: stepPlace, Label: keyFieldPlace, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			if t.Get(stepWhere) == whereOnline {
				return engine.Prompt{Text: t.T(keyLinkPrompt, nil)}
			}
			return engine.Prompt{Text: t.T(keyPlacePrompt, nil)}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if in.Pressed {
				return engine.KeyFlowUseButtons
			}
			if t.Get(stepWhere) == whereOnline {
				link, ok := readLink(in.Text)
				if !ok {
					return keyLinkInvalid
				}
				t.Set(stepPlace, link)
				return ""
			}
			v, ok := t.CheckAnswer(in.Text, rulePlace)
			if !ok {
				return engine.ProblemNoted
			}
			t.Set(stepPlace, v)
			return ""
		},
	}
}

// capacityStep asks for the persons the event takes: "no limit" or a
// typed number.
func capacityStep() engine.Step {
	return engine.Step{Name: stepCapacity, Label: keyFieldCapacity, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			return engine.Prompt{Text: t.T(keyCapacityPrompt, map[string]any{"Max": domain.MaxEventCapacity}),
				Choices: [][]engine.Choice{{{Label: t.Plain(keyBtnNoLimit, nil), Value: "0"}}}}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if in.Pressed {
				t.Set(stepCapacity, in.Choice)
				return ""
			}
			n, err := strconv.Atoi(strings.TrimSpace(in.Text))
			if err != nil || n < 1 || n > domain.MaxEventCapacity {
				t.Note(keyCapacityInvalid, map[string]any{"Max": domain.MaxEventCapacity})
				return engine.ProblemNoted
			}
			t.Set(stepCapacity, strconv.Itoa(n))
			return ""
		},
		Show: func(t *engine.Turn, v string) any {
			n, _ := strconv.Atoi(v)
			return capacityText(t, n)
		},
	}
}

// capacityText names a capacity: "ohne Begrenzung" or the persons.
func capacityText(t *engine.Turn, n int) string {
	if n == 0 {
		return t.Plain(keyBtnNoLimit, nil)
	}
	return t.Plain(keyPersons, map[string]any{"N": n})
}

// contactStep asks for a contact for questions: the organiser's name with
// a tap, none, or typed.
func contactStep() engine.Step {
	return engine.Step{Name: stepContact, Label: keyFieldContact, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			var rows [][]engine.Choice
			if name := t.Get(dataName); name != "" {
				rows = append(rows, []engine.Choice{{Label: name, Value: valueMe}})
			}
			rows = append(rows, []engine.Choice{{Label: t.Plain(keyBtnNoContact, nil), Value: valueNone}})
			return engine.Prompt{Text: t.T(keyContactPrompt, nil), Choices: rows}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			switch {
			case in.Pressed && in.Choice == valueMe:
				t.Set(stepContact, t.Get(dataName))
			case in.Pressed:
				t.Set(stepContact, valueNone)
			default:
				v, ok := t.CheckAnswer(in.Text, ruleContact)
				if !ok {
					return engine.ProblemNoted
				}
				t.Set(stepContact, v)
			}
			return ""
		},
		Show: func(t *engine.Turn, v string) any {
			if v == valueNone {
				return t.Plain(keyBtnNoContact, nil)
			}
			return v
		},
	}
}
