package engine

import "github.com/miglobe/miglobe-bot/flows/domain"

// Keys of the engine's texts in locales/*.toml. The engine's locale holds
// its own texts and the vocabulary every feature shares (roles,
// Bundesländer, the common field labels); a feature's texts live in the
// feature. A test checks that every key exists in every language and that
// none is left unused.

// Keys that bot/ and the features use too.
const (
	// TextInternalError apologises for an error on our side (a panic).
	TextInternalError = "error.internal"
	// TextUnavailable says the bot is briefly unavailable (Redis down).
	TextUnavailable = "error.unavailable"
	// KeyFlowLine is one "<b>Label:</b> value" line (.Label, .Value).
	KeyFlowLine = "flow.line"
	// KeyFlowBusy says a conversation runs and must be ended first.
	KeyFlowBusy = "flow.busy"
	// KeyFlowUseButtons asks for a button instead of text.
	KeyFlowUseButtons = "flow.use_buttons"
	// KeyHintNotRegistered says /start registers.
	KeyHintNotRegistered = "hint.not_registered"
	// KeyHintUnknownCommand says a command is not known.
	KeyHintUnknownCommand = "hint.unknown_command"
	// KeyHintGoStart says /start begins anew.
	KeyHintGoStart = "hint.go_start"
	// KeyFieldLanguage labels the language.
	KeyFieldLanguage = "field.language"
	// KeyForbidden refuses a press the user may not make.
	KeyForbidden = "error.forbidden"
	// KeyBtnMenu is the way back to the menu.
	KeyBtnMenu = "btn.menu"
	// KeyBtnBack is the way back to the screen before.
	KeyBtnBack = "btn.back"
)

const (
	keyLangName       = "lang.name"
	keyFormatDateTime = "format.datetime"
	keyFormatDate     = "format.date"
	keyTechnical      = "error.technical"
	keyForbidden      = KeyForbidden

	keyCmdMenu   = "cmd.menu"
	keyCmdHelp   = "cmd.help"
	keyCmdCancel = "cmd.cancel"

	keyBtnBack        = KeyBtnBack
	keyBtnConfirm     = "btn.confirm"
	keyBtnCancel      = "btn.cancel"
	keyBtnEdit        = "btn.edit"
	keyBtnDiscardYes  = "btn.discard_yes"
	keyBtnDiscardNo   = "btn.discard_no"
	keyBtnMenu        = KeyBtnMenu
	keyBtnHelp        = "btn.help"
	keyBtnDone        = "btn.done"
	keyBtnOtherDay    = "btn.other_day"
	keyBtnNextYear    = "btn.next_year"
	keyBtnNotNextYear = "btn.not_next_year"

	keyFieldLanguage = KeyFieldLanguage

	keyFlowNext            = "flow.next"
	keyFlowNextSummary     = "flow.next_summary"
	keyFlowCurrent         = "flow.current"
	keyFlowProgress        = "flow.progress"
	keyFlowGroup           = "flow.group"
	keyFlowEditPrompt      = "flow.edit_prompt"
	keyFlowDiscardPrompt   = "flow.discard_prompt"
	keyFlowChosen          = "flow.chosen"
	keyFlowCancelled       = "flow.cancelled"
	keyFlowNothingToCancel = "flow.nothing_to_cancel"
	keyFlowParked          = "flow.parked"
	keyMenuCounted         = "menu.counted"
	keyMenuWaiting         = "menu.waiting"
	keyFlowDraft           = "flow.draft"
	keyFlowDraftDropped    = "flow.draft_dropped"
	keyBtnResume           = "btn.resume"
	keyFlowBusy            = KeyFlowBusy
	keyFlowLine            = KeyFlowLine
	keyFlowIdle            = "flow.idle"
	keyFlowStale           = "flow.stale"
	keyFlowUseButtons      = KeyFlowUseButtons
	keyFlowNotText         = "flow.not_text"

	keyHintUnknownCommand = KeyHintUnknownCommand
	keyHintNoQuestion     = "hint.no_question"
	keyHintNotRegistered  = KeyHintNotRegistered
	keyHintGoStart        = KeyHintGoStart

	keyInvalidEmpty     = "invalid.empty"
	keyInvalidTooShort  = "invalid.too_short"
	keyInvalidTooLong   = "invalid.too_long"
	keyInvalidControl   = "invalid.control"
	keyInvalidMarkup    = "invalid.markup"
	keyInvalidNoLetters = "invalid.no_letters"
	keyInvalidNameChars = "invalid.name_chars"
	keyInvalidLength    = "invalid.length"

	keyMenuTitle   = "menu.title"
	keyHelpText    = "help.text"
	keyHelpCommand = "help.command"

	keyDateFormat       = "date.format"
	keyDateNoMonth      = "date.no_month"
	keyDateNoDay        = "date.no_day"
	keySpan             = "date.span"
	keySpanDays         = "date.span_days"
	keyDatePast         = "date.past"
	keyDateTooFar       = "date.too_far"
	keyDateTimePickTime = "date.pick_time"
	keyDateTimePast     = "date.time_past"
	keyDateReadAs       = "date.read_as"
	keyDateFormSlash    = "date.form_slash"
	keyDateFormISO      = "date.form_iso"
	keyDateNextYear     = "date.next_year"
	keyDateWithYear     = "date.with_year"

	keyCalendarHeader = "calendar.header"
	keyCalendarPrev   = "calendar.prev"
	keyCalendarNext   = "calendar.next"
	keyCalendarBlank  = "calendar.blank"

	keyMultiOn           = "multi.on"
	keyMultiNone         = "multi.none"
	keyMultiTyped        = "multi.typed"
	keyMultiAdded        = "multi.added"
	keyMultiTooMany      = "multi.too_many"
	keyMultiTooManyToast = "multi.too_many_toast"
	keyMultiTooFew       = "multi.too_few"

	keyListPrev = "list.prev"
	keyListNext = "list.next"
	keyListPage = "list.page"
)

// monthKeys are the keys of the months' names, January first.
var monthKeys = [12]string{"month.january", "month.february", "month.march", "month.april", "month.may",
	"month.june", "month.july", "month.august", "month.september", "month.october", "month.november",
	"month.december"}

// weekdayKeys are the keys of the weekdays' shortest names, Monday first:
// the columns of the date picker ("Mo", "Tu").
var weekdayKeys = [7]string{"weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri",
	"weekday.sat", "weekday.sun"}

// dayKeys are the keys of the weekdays' names in a date of a sentence,
// Monday first ("Mo" in German, "Mon" in English).
var dayKeys = [7]string{"day.mon", "day.tue", "day.wed", "day.thu", "day.fri", "day.sat", "day.sun"}

// Keys of the shared field labels.
const (
	KeyFieldName         = "field.name"
	KeyFieldMunicipality = "field.municipality"
	KeyFieldFunction     = "field.function"
	KeyFieldState        = "field.state"
	KeyFieldOrganisation = "field.organisation"
	KeyFieldCity         = "field.city"
	KeyFieldTopics       = "field.topics"      // an association's or event's topics
	KeyFieldInviteLang   = "field.invite_lang" // the language invitations come in
)

// roleKeys are the keys of the roles' names.
var roleKeys = map[domain.Role]string{
	domain.RoleCoordinator:  "role.coordinator",
	domain.RoleAdvisor:      "role.advisor",
	domain.RoleMunicipal:    "role.municipal_contact",
	domain.RoleOrganisation: "role.organisation_contact",
}

// stateKeys are the keys of the Bundesländer's names.
var stateKeys = map[string]string{
	"BW": "state.BW", "BY": "state.BY", "BE": "state.BE", "BB": "state.BB",
	"HB": "state.HB", "HH": "state.HH", "HE": "state.HE", "MV": "state.MV",
	"NI": "state.NI", "NW": "state.NW", "RP": "state.RP", "SL": "state.SL",
	"SN": "state.SN", "ST": "state.ST", "SH": "state.SH", "TH": "state.TH",
}
