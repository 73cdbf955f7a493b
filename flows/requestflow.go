package flows

// Keys of the request flow's answers in Session.Data.
const (
	dataReqDraft       = "draft"       // the submit key, made when the flow starts
	dataReqMuniID      = "muni_id"     // the profile's municipality
	dataReqMuniName    = "muni_name"   // its name
	dataReqFnProfile   = "fn_profile"  // the profile's function, offered to keep
	dataReqMuni        = "muni"        // the confirmed municipality
	dataReqDepartment  = "dept"        // department
	dataReqFunction    = "fn"          // the contact's function
	dataReqTopic       = "topic"       // a Topic
	dataReqTopicOther  = "topic_other" // the topic's text for TopicOther
	dataReqDescription = "desc"
	dataReqGoal        = "goal"
	dataReqFormat      = "format" // a Format
	dataReqPlace       = "place"
	dataReqLanguages   = "langs"   // comma-separated, or skipped
	dataReqTargets     = "targets" // target groups, or skipped
	dataReqAssocs      = "assocs"  // associations involved, or skipped
	dataReqTandem      = "tandem"  // "yes" or "no"
	dataReqUrgency     = "urgency" // an Urgency
)

// skipped is the answer of an optional step the user skipped: not empty, so
// that the step counts as answered, and no valid typed answer (no letter).
const skipped = "-"

const (
	flowRequest  = "request"
	choiceKeep   = "keep"
	choiceSkip   = "skip"
	choiceYes    = "yes"
	choiceNo     = "no"
	choiceAgreed = "ok"
)

// Rules of the request flow's text answers (see textRule).
var (
	ruleDepartment = textRule{min: 2, max: 100}
	ruleFunction   = textRule{min: 2, max: 100}
	ruleTopicOther = textRule{min: 2, max: 200}
	rulePlace      = textRule{min: 2, max: 200}
	ruleLanguages  = textRule{min: 2, max: 200}
	ruleDesc       = textRule{min: 20, max: 2000, multiline: true}
	ruleGoal       = textRule{min: 5, max: 1000, multiline: true}
	ruleOptional   = textRule{min: 2, max: 1000, multiline: true}
)

// topicKeys are the keys of the topics' labels.
var topicKeys = map[Topic]string{
	TopicInterculturalOpening: "topic.intercultural_opening",
	TopicMigrantOrganisations: "topic.migrant_organisations",
	TopicEventsPR:             "topic.events_pr",
	TopicPartnerships:         "topic.municipal_partnerships",
	TopicFairTrade:            "topic.fair_trade",
	TopicAgenda2030:           "topic.agenda",
	TopicOther:                "topic.other_topic",
}

var formatKeys = map[Format]string{
	FormatOnSite: "mode.on_site", FormatOnline: "mode.online", FormatHybrid: "mode.hybrid",
}

var urgencyKeys = map[Urgency]string{
	UrgencyLow: "urgency.low", UrgencyNormal: "urgency.normal", UrgencyHigh: "urgency.high",
}

// requestFlow asks a municipal contact for a counseling request (see
// startRequest), shows the summary and submits it (finishRequest).
func requestFlow() *flow {
	muni := choiceStep(dataReqMuni, keyFieldMunicipality,
		func(t *turn) string {
			return t.tr(keyRequestMuniPrompt, map[string]any{"Municipality": t.get(dataReqMuniName)})
		},
		func(t *turn) [][]choice { return [][]choice{{{t.get(dataReqMuniName), choiceAgreed}}} },
		func(t *turn, _ string) { t.set(dataReqMuni, t.get(dataReqMuniName)) })
	muni.inSummary = false // the summary names it in its title
	topicOther := reqText(dataReqTopicOther, keyFieldTopicOther, keyRequestTopicOtherPrompt, ruleTopicOther)
	topicOther.skip = func(t *turn) bool { return Topic(t.get(dataReqTopic)) != TopicOther }
	place := reqText(dataReqPlace, keyFieldPlace, keyRequestPlacePrompt, rulePlace)
	place.skip = func(t *turn) bool { return Format(t.get(dataReqFormat)) == FormatOnline }
	steps := []step{
		muni,
		reqText(dataReqDepartment, keyFieldDepartment, keyRequestDepartmentPrompt, ruleDepartment),
		functionStep(),
		keyedChoice(dataReqTopic, keyFieldTopic, keyRequestTopicPrompt, Topics, topicKeys),
		topicOther,
		reqText(dataReqDescription, keyFieldDescription, keyRequestDescriptionPrompt, ruleDesc),
		reqText(dataReqGoal, keyFieldGoal, keyRequestGoalPrompt, ruleGoal),
		keyedChoice(dataReqFormat, keyFieldFormat, keyRequestFormatPrompt, []Format{FormatOnSite, FormatOnline, FormatHybrid}, formatKeys),
	}
	steps = append(steps, timeframeSteps()...)
	steps = append(steps, place,
		languagesStep(),
		optionalStep(dataReqTargets, keyFieldTargetGroups, keyRequestTargetsPrompt),
		optionalStep(dataReqAssocs, keyFieldAssociations, keyRequestAssocsPrompt),
		choiceStep(dataReqTandem, keyFieldTandem,
			func(t *turn) string { return t.tr(keyRequestTandemPrompt, nil) },
			func(t *turn) [][]choice {
				return [][]choice{{{t.tr(keyBtnTandemYes, nil), choiceYes}, {t.tr(keyBtnTandemNo, nil), choiceNo}}}
			}, nil),
		keyedChoice(dataReqUrgency, keyFieldUrgency, keyRequestUrgencyPrompt, []Urgency{UrgencyLow, UrgencyNormal, UrgencyHigh}, urgencyKeys),
	)
	return &flow{
		name:  flowRequest,
		steps: steps,
		summary: func(t *turn, lines string) string {
			return t.tr(keyRequestSummary, map[string]any{"Municipality": t.get(dataReqMuni), "Lines": HTML(lines)})
		},
		finish: finishRequest,
	}
}

// summaryLen is how many characters of a long answer the summary shows (all
// four at full length would not fit into one message); editing the field
// shows all of it.
const summaryLen = 300

// reqText declares a text step checked by r.
func reqText(name, label, promptKey string, r textRule) step {
	st := step{
		name: name, label: label, inSummary: true,
		prompt: func(t *turn) prompt { return prompt{text: t.tr(promptKey, nil)} },
		handle: func(t *turn, in input) string {
			if in.pressed {
				return keyFlowUseButtons
			}
			v, ok := t.checkAnswer(in.text, r)
			if !ok {
				return problemNoted
			}
			t.set(name, v)
			return ""
		},
	}
	if r.multiline {
		st.show = func(_ *turn, v string) any { return shorten(v, summaryLen) }
	}
	return st
}

// keyedChoice declares a step with one button per value (one in a row),
// labelled by the value's key.
func keyedChoice[V ~string](name, label, promptKey string, values []V, keys map[V]string) step {
	return choiceStep(name, label,
		func(t *turn) string { return t.tr(promptKey, nil) },
		func(t *turn) [][]choice {
			rows := make([][]choice, 0, len(values))
			for _, v := range values {
				rows = append(rows, []choice{{t.tr(keys[v], nil), string(v)}})
			}
			return rows
		}, nil)
}

// functionStep asks for the contact's function, offering the profile's to
// keep with a button; a typed answer replaces it.
func functionStep() step {
	st := reqText(dataReqFunction, keyFieldFunction, keyRequestFunctionPrompt, ruleFunction)
	typed := st.handle
	st.prompt = func(t *turn) prompt {
		p := prompt{text: t.tr(keyRequestFunctionPrompt, nil)}
		if fn := t.get(dataReqFnProfile); fn != "" {
			p.choices = [][]choice{{{t.tr(keyBtnKeep, map[string]any{"Value": HTML(fn)}), choiceKeep}}}
		}
		return p
	}
	st.handle = func(t *turn, in input) string {
		if in.pressed && in.choice == choiceKeep {
			t.set(dataReqFunction, t.get(dataReqFnProfile))
			return ""
		}
		return typed(t, in)
	}
	return st
}

// optionalStep declares a long text step that may be skipped with a button.
func optionalStep(name, label, promptKey string) step {
	st := reqText(name, label, promptKey, ruleOptional)
	typed := st.handle
	st.prompt = func(t *turn) prompt {
		return prompt{text: t.tr(promptKey, nil), choices: [][]choice{{{t.tr(keyBtnSkip, nil), choiceSkip}}}}
	}
	st.handle = func(t *turn, in input) string {
		if in.pressed && in.choice == choiceSkip {
			t.set(name, skipped)
			return ""
		}
		return typed(t, in)
	}
	st.show = func(t *turn, v string) any {
		if v == skipped {
			return t.tr(keyRequestSkipped, nil)
		}
		return shorten(v, summaryLen)
	}
	return st
}

// languagesStep asks for the wanted languages as a list (optional).
func languagesStep() step {
	st := optionalStep(dataReqLanguages, keyFieldLanguages, keyRequestLanguagesPrompt)
	skipOrType := st.handle
	st.handle = func(t *turn, in input) string {
		if in.pressed {
			return skipOrType(t, in)
		}
		v, ok := t.checkAnswer(in.text, ruleLanguages)
		if !ok {
			return problemNoted
		}
		list, ok := splitLanguages(v)
		if !ok {
			return keyRequestLanguagesInvalid
		}
		t.set(dataReqLanguages, joinList(list))
		return ""
	}
	return st
}
