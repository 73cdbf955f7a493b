package requests

import (
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// flowRequest is stored in sessions: keep it.
const flowRequest = "request"

// Keys of the request flow's answers in the session.
const (
	dataDraft       = "draft"       // the submit key, made when the flow starts
	dataMuniID      = "muni_id"     // the profile's municipality
	dataMuniName    = "muni_name"   // its name
	dataMuniChoices = "munis"       // a contact of several: the municipalities to pick from (JSON)
	dataFnProfile   = "fn_profile"  // the profile's function, offered to keep
	dataMuni        = "muni"        // the municipality's name, as the summary shows it
	dataDepartment  = "dept"        // department
	dataFunction    = "fn"          // the contact's function
	dataTopic       = "topic"       // a Topic
	dataTopicOther  = "topic_other" // the topic's text for TopicOther
	dataDescription = "desc"
	dataGoal        = "goal"
	dataFormat      = "format" // a Format
	dataPlace       = "place"
	dataLanguages   = "langs"   // comma-separated, or skipped
	dataTargets     = "targets" // target groups, or skipped
	dataAssocs      = "assocs"  // associations involved, or skipped
	dataTandem      = "tandem"  // "yes" or "no"
	dataUrgency     = "urgency" // an Urgency
	dataEarliest    = "earliest"
	dataLatest      = "latest"
)

// Values of the request flow's choices.
const (
	choiceKeep = "keep"
	choiceSkip = "skip"
	choiceYes  = "yes"
	choiceNo   = "no"
)

// skipped is the answer of an optional step the user skipped: not empty, so
// that the step counts as answered, and no valid typed answer (no letter).
const skipped = "-"

// Rules of the request flow's text answers.
var (
	ruleDepartment = engine.TextRule{Min: 2, Max: 100}
	ruleFunction   = engine.TextRule{Min: 2, Max: 100}
	ruleTopicOther = engine.TextRule{Min: 2, Max: 200}
	rulePlace      = engine.TextRule{Min: 2, Max: 200}
	ruleLanguages  = engine.TextRule{Min: 2, Max: 200}
	ruleDesc       = engine.TextRule{Min: 20, Max: 2000, Multiline: true}
	ruleGoal       = engine.TextRule{Min: 5, Max: 1000, Multiline: true}
	ruleOptional   = engine.TextRule{Min: 2, Max: 1000, Multiline: true}
)

// Groups of the request's summary. The first group (the municipality when
// there is a choice, the department and the function) has the summary's
// title, which names the municipality, for its heading.
const (
	groupConcern = keyRequestGroupConcern // topic, description, goal
	groupFrame   = keyRequestGroupFrame   // format, time, place and wishes
)

// requestFlow asks a municipal contact for a counseling request (see
// startRequest), shows the summary and submits it (finishRequest). The
// municipality and the function come from the profile (municipality.go).
func (d Deps) requestFlow() *engine.Flow {
	topicOther := engine.RuleStep(dataTopicOther, keyFieldTopicOther, keyRequestTopicOtherPrompt, ruleTopicOther)
	topicOther.Skip = func(t *engine.Turn) bool { return domain.Topic(t.Get(dataTopic)) != domain.TopicOther }
	place := engine.RuleStep(dataPlace, keyFieldPlace, keyRequestPlacePrompt, rulePlace)
	place.Skip = func(t *engine.Turn) bool { return domain.Format(t.Get(dataFormat)) == domain.FormatOnline }
	steps := []engine.Step{
		municipalityStep(),
		engine.RuleStep(dataDepartment, keyFieldDepartment, keyRequestDepartmentPrompt, ruleDepartment),
		functionStep(),
	}
	steps = append(steps, grouped(groupConcern,
		engine.KeyedChoice(dataTopic, keyFieldTopic, keyRequestTopicPrompt, domain.Topics, engine.TopicKeys),
		topicOther,
		brief(engine.RuleStep(dataDescription, keyFieldDescription, keyRequestDescriptionPrompt, ruleDesc)),
		brief(engine.RuleStep(dataGoal, keyFieldGoal, keyRequestGoalPrompt, ruleGoal)))...)
	frame := []engine.Step{engine.KeyedChoice(dataFormat, keyFieldFormat, keyRequestFormatPrompt, domain.Formats, engine.FormatKeys)}
	frame = append(frame, timeframeSteps()...)
	frame = append(frame, place,
		languagesStep(),
		optionalStep(dataTargets, keyFieldTargetGroups, keyRequestTargetsPrompt),
		optionalStep(dataAssocs, keyFieldAssociations, keyRequestAssocsPrompt),
		engine.ChoiceStep(dataTandem, keyFieldTandem,
			func(t *engine.Turn) string { return t.T(keyRequestTandemPrompt, nil) },
			func(t *engine.Turn) [][]engine.Choice {
				return [][]engine.Choice{{{Label: t.Plain(keyBtnTandemYes, nil), Value: choiceYes},
					{Label: t.Plain(keyBtnTandemNo, nil), Value: choiceNo}}}
			}, nil),
		engine.KeyedChoice(dataUrgency, keyFieldUrgency, keyRequestUrgencyPrompt, domain.Urgencies, urgencyKeys),
	)
	return &engine.Flow{
		Name:  flowRequest,
		Title: keyBtnRequest,
		Intro: keyRequestIntro,
		Steps: append(steps, grouped(groupFrame, frame...)...),
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keyRequestSummary, map[string]any{"Municipality": t.Get(dataMuni), "Lines": engine.HTML(lines)})
		},
		Finish: d.finishRequest,
	}
}
