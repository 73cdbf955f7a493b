package flows

// Keys of the texts in locales/*.toml. Go code names texts only through
// these constants; a test checks that every one exists in every language and
// that no locale key is left unused.

// Keys that bot/ uses too.
const (
	// TextInternalError apologises for an error on our side (a panic).
	TextInternalError = "error.internal"
	// TextUnavailable says the bot is briefly unavailable (Redis down).
	TextUnavailable = "error.unavailable"
)

const (
	keyLangName       = "lang.name"
	keyFormatDateTime = "format.datetime"
	keyTechnical      = "error.technical"

	keyCmdStart    = "cmd.start"
	keyCmdMenu     = "cmd.menu"
	keyCmdHelp     = "cmd.help"
	keyCmdLanguage = "cmd.language"
	keyCmdCancel   = "cmd.cancel"
	keyCmdPrivacy  = "cmd.privacy"

	keyBtnBack       = "btn.back"
	keyBtnConfirm    = "btn.confirm"
	keyBtnCancel     = "btn.cancel"
	keyBtnEdit       = "btn.edit"
	keyBtnMenu       = "btn.menu"
	keyBtnConsentYes = "btn.consent_yes"
	keyBtnConsentNo  = "btn.consent_no"
	keyBtnProfile    = "btn.profile"
	keyBtnLanguage   = "btn.language"
	keyBtnPrivacy    = "btn.privacy"
	keyBtnHelp       = "btn.help"
	keyBtnDelete     = "btn.delete"
	keyBtnDeleteYes  = "btn.delete_yes"
	keyBtnDeleteNo   = "btn.delete_no"

	keyFieldLanguage     = "field.language"
	keyFieldConsent      = "field.consent"
	keyFieldRole         = "field.role"
	keyFieldRoles        = "field.roles"
	keyFieldName         = "field.name"
	keyFieldMunicipality = "field.municipality"
	keyFieldState        = "field.state"
	keyFieldFunction     = "field.function"
	keyFieldOrganisation = "field.organisation"
	keyFieldCity         = "field.city"
	keyFieldConsentAt    = "field.consent_at"
	keyFieldDelete       = "field.delete"

	keyFlowNext            = "flow.next"
	keyFlowNextSummary     = "flow.next_summary"
	keyFlowCurrent         = "flow.current"
	keyFlowChosen          = "flow.chosen"
	keyFlowLine            = "flow.line"
	keyFlowCancelled       = "flow.cancelled"
	keyFlowNothingToCancel = "flow.nothing_to_cancel"
	keyFlowBusy            = "flow.busy"
	keyFlowIdle            = "flow.idle"
	keyFlowStale           = "flow.stale"
	keyFlowUseButtons      = "flow.use_buttons"
	keyFlowNotText         = "flow.not_text"

	keyHintUnknownCommand = "hint.unknown_command"
	keyHintNoQuestion     = "hint.no_question"
	keyHintNotRegistered  = "hint.not_registered"
	keyHintGoMenu         = "hint.go_menu"
	keyHintGoStart        = "hint.go_start"

	keyInvalidEmpty     = "invalid.empty"
	keyInvalidTooShort  = "invalid.too_short"
	keyInvalidTooLong   = "invalid.too_long"
	keyInvalidControl   = "invalid.control"
	keyInvalidMarkup    = "invalid.markup"
	keyInvalidNoLetters = "invalid.no_letters"
	keyInvalidNameChars = "invalid.name_chars"

	keyOnbLangPrompt         = "onb.lang_prompt"
	keyOnbConsentPrompt      = "onb.consent_prompt"
	keyOnbDeclined           = "onb.declined"
	keyOnbRolePrompt         = "onb.role_prompt"
	keyOnbNamePrompt         = "onb.name_prompt"
	keyOnbMunicipalityPrompt = "onb.municipality_prompt"
	keyOnbStatePrompt        = "onb.state_prompt"
	keyOnbFunctionPrompt     = "onb.function_prompt"
	keyOnbOrganisationPrompt = "onb.organisation_prompt"
	keyOnbCityPrompt         = "onb.city_prompt"
	keyOnbSummary            = "onb.summary"
	keyOnbDone               = "onb.done"

	keyInviteValid      = "invite.valid"
	keyInviteUnknown    = "invite.unknown"
	keyInviteUsed       = "invite.used"
	keyInviteExpired    = "invite.expired"
	keyInviteInvalid    = "invite.invalid"
	keyInviteLost       = "invite.lost"
	keyInviteRegistered = "invite.registered"

	keyMenuTitle = "menu.title"

	keyProfileTitle        = "profile.title"
	keyProfileMunicipal    = "profile.municipal"
	keyProfileOrganisation = "profile.organisation"

	keyPrivacyRegistered   = "privacy.registered"
	keyPrivacyUnregistered = "privacy.unregistered"
	keyPrivacyDeletePrompt = "privacy.delete_prompt"
	keyPrivacyDeleted      = "privacy.deleted"
	keyPrivacyKept         = "privacy.kept"

	keyLanguagePrompt  = "language.prompt"
	keyLanguageChanged = "language.changed"

	keyHelpText = "help.text"
)

// Role names: "role.<role>".
const (
	keyRoleCoordinator  = "role.coordinator"
	keyRoleAdvisor      = "role.advisor"
	keyRoleMunicipal    = "role.municipal_contact"
	keyRoleOrganisation = "role.organisation_contact"
)

// roleKey returns the key of r's name, or r itself for an unknown role.
func roleKey(r Role) string {
	switch r {
	case RoleCoordinator:
		return keyRoleCoordinator
	case RoleAdvisor:
		return keyRoleAdvisor
	case RoleMunicipal:
		return keyRoleMunicipal
	case RoleOrganisation:
		return keyRoleOrganisation
	}
	return string(r)
}

// Keys of dates, the calendar keyboard and the timeframe steps.
const (
	keyFormatDate = "format.date"

	keyDateFormat  = "date.format"
	keyDateNoMonth = "date.no_month"
	keyDateNoDay   = "date.no_day"
	keyDatePast    = "date.past"
	keyDateTooFar  = "date.too_far"

	keyCalendarHeader = "calendar.header"
	keyCalendarPrev   = "calendar.prev"
	keyCalendarNext   = "calendar.next"
	keyCalendarBlank  = "calendar.blank"

	keyFieldEarliest = "field.earliest"
	keyFieldLatest   = "field.latest"

	keyTimeframeEarliestPrompt       = "timeframe.earliest_prompt"
	keyTimeframeLatestPrompt         = "timeframe.latest_prompt"
	keyTimeframeLatestBeforeEarliest = "timeframe.latest_before_earliest"
	keyTimeframeLatestCleared        = "timeframe.latest_cleared"
)

// monthKeys are the keys of the month names, January first.
var monthKeys = [12]string{
	"month.january", "month.february", "month.march", "month.april", "month.may", "month.june",
	"month.july", "month.august", "month.september", "month.october", "month.november", "month.december",
}

// weekdayKeys are the keys of the short weekday names, Monday first.
var weekdayKeys = [7]string{
	"weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat", "weekday.sun",
}

// Keys of the request flow ("Beratung beantragen").
const (
	keyCmdRequest = "cmd.request"

	keyBtnRequest   = "btn.request"
	keyBtnSkip      = "btn.skip"
	keyBtnKeep      = "btn.keep"
	keyBtnTandemYes = "btn.tandem_yes"
	keyBtnTandemNo  = "btn.tandem_no"

	keyFieldDepartment   = "field.department"
	keyFieldTopic        = "field.topic"
	keyFieldTopicOther   = "field.topic_other"
	keyFieldDescription  = "field.details"
	keyFieldGoal         = "field.goal"
	keyFieldFormat       = "field.format"
	keyFieldPlace        = "field.place"
	keyFieldLanguages    = "field.languages"
	keyFieldTargetGroups = "field.target_groups"
	keyFieldAssociations = "field.associations"
	keyFieldTandem       = "field.tandem"
	keyFieldUrgency      = "field.urgency"

	keyRequestMuniPrompt        = "request.municipality_prompt"
	keyRequestDepartmentPrompt  = "request.department_prompt"
	keyRequestFunctionPrompt    = "request.function_prompt"
	keyRequestTopicPrompt       = "request.topic_prompt"
	keyRequestTopicOtherPrompt  = "request.topic_other_prompt"
	keyRequestDescriptionPrompt = "request.description_prompt"
	keyRequestGoalPrompt        = "request.goal_prompt"
	keyRequestFormatPrompt      = "request.format_prompt"
	keyRequestPlacePrompt       = "request.place_prompt"
	keyRequestLanguagesPrompt   = "request.languages_prompt"
	keyRequestTargetsPrompt     = "request.target_groups_prompt"
	keyRequestAssocsPrompt      = "request.associations_prompt"
	keyRequestTandemPrompt      = "request.tandem_prompt"
	keyRequestUrgencyPrompt     = "request.urgency_prompt"
	keyRequestLanguagesInvalid  = "request.languages_invalid"
	keyRequestLength            = "request.length"
	keyRequestSkipped           = "request.skipped"
	keyRequestSummary           = "request.summary"
	keyRequestSubmitted         = "request.submitted"
	keyRequestRefused           = "request.refused"
	keyRequestNotifyNew         = "request.notify_new"
)

// Keys of "Meine Anfragen": the list, the detail with its history and
// withdrawing a request.
const (
	keyCmdMyRequests = "cmd.my_requests"

	keyBtnMyRequests  = "btn.my_requests"
	keyBtnRequestItem = "btn.request_item"
	keyBtnWithdraw    = "btn.withdraw"
	keyBtnWithdrawYes = "btn.withdraw_yes"
	keyBtnWithdrawNo  = "btn.withdraw_no"

	keyFieldStatus      = "field.status"
	keyFieldTimeframe   = "field.timeframe"
	keyFieldSubmittedAt = "field.submitted_at"

	keyMyRequestsTitle           = "myrequests.title"
	keyMyRequestsItem            = "myrequests.item"
	keyMyRequestsMore            = "myrequests.more"
	keyMyRequestsEmpty           = "myrequests.empty"
	keyMyRequestsRefused         = "myrequests.refused"
	keyMyRequestsForbidden       = "myrequests.forbidden"
	keyMyRequestsDetailTitle     = "myrequests.detail_title"
	keyMyRequestsHistory         = "myrequests.history"
	keyMyRequestsTooLate         = "myrequests.too_late"
	keyMyRequestsCancelPrompt    = "myrequests.cancel_prompt"
	keyMyRequestsCancelled       = "myrequests.cancelled"
	keyMyRequestsNotifyCancelled = "myrequests.notify_cancelled"
	keyMyRequestsNotifyColleague = "myrequests.notify_colleague"

	keyHistorySubmitted  = "history.submitted"
	keyHistoryStatus     = "history.status"
	keyHistoryStatusNote = "history.status_note"
	keyHistoryQuestion   = "history.question"
	keyHistoryAnswer     = "history.answer"
	keyHistoryNote       = "history.note"
	keyHistoryByYou      = "history.by_you"
	keyHistoryByOffice   = "history.by_office"
	keyHistoryBySystem   = "history.by_system"
)

// Keys of the review: the coordinators' decisions, questions and answers,
// and the queue.
const (
	keyCmdQueue = "cmd.queue"

	keyBtnApprove   = "btn.approve"
	keyBtnAsk       = "btn.ask"
	keyBtnDecline   = "btn.decline"
	keyBtnDetails   = "btn.details"
	keyBtnAnswer    = "btn.answer"
	keyBtnQueue     = "btn.queue"
	keyBtnQueueItem = "btn.queue_item"

	keyFieldQuestion = "field.question"
	keyFieldReason   = "field.reason"
	keyFieldAnswer   = "field.answer"

	keyReviewQuestionPrompt  = "review.question_prompt"
	keyReviewQuestionSummary = "review.question_summary"
	keyReviewQuestionSent    = "review.question_sent"
	keyReviewDeclinePrompt   = "review.decline_prompt"
	keyReviewDeclineSummary  = "review.decline_summary"
	keyReviewDeclined        = "review.declined"
	keyReviewApproved        = "review.approved"
	keyReviewDecided         = "review.decided"
	keyReviewDecidedToast    = "review.decided_toast"
	keyReviewAnswerPrompt    = "review.answer_prompt"
	keyReviewAnswerSummary   = "review.answer_summary"
	keyReviewAnswerSent      = "review.answer_sent"
	keyReviewAnswerTooLate   = "review.answer_too_late"
	keyReviewNextSummary     = "review.next_summary"
	keyReviewByYou           = "review.by_you"
	keyReviewNotifyQuestion  = "review.notify_question"
	keyReviewNotifyApproved  = "review.notify_approved"
	keyReviewNotifyDeclined  = "review.notify_declined"
	keyReviewNotifyAnswer    = "review.notify_answer"
	keyReviewNotifyDecided   = "review.notify_decided"

	keyQueueTitle   = "queue.title"
	keyQueueItem    = "queue.item"
	keyQueueMore    = "queue.more"
	keyQueueEmpty   = "queue.empty"
	keyQueueRefused = "queue.refused"

	keyAgeMinutes = "age.minutes"
	keyAgeHours   = "age.hours"
	keyAgeDays    = "age.days"
)
