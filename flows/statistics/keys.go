package statistics

import "github.com/miglobe/miglobe-bot/flows/domain"

// Keys of the texts in locales/*.toml.
const (
	keyCmd = "cmd.stats"

	keyBtnMenu  = "btn.stats"
	keyBtnPrev  = "btn.stats_prev"
	keyBtnNext  = "btn.stats_next"
	keyBtnExcel = "btn.stats_excel"
	keyBtnPlain = "btn.stats_plain"

	keyRefused    = "stats.refused"
	keyQuarter    = "stats.quarter"
	keyHead       = "stats.head"
	keyRequests   = "stats.requests"
	keyOffers     = "stats.offers"
	keyWorkload   = "stats.workload"
	keyEvents     = "stats.events"
	keyRatings    = "stats.ratings"
	keyItem       = "stats.item"
	keyNone       = "stats.none"
	keyMedian     = "stats.median"
	keyPercent    = "stats.percent"
	keyDecimalSep = "stats.decimal_sep"
	keyCaption    = "stats.caption"
)

// reasonKeys name the reasons of declined offers.
var reasonKeys = map[domain.DeclineReason]string{
	domain.DeclineNoTime: "stats.reason_no_time", domain.DeclineTopic: "stats.reason_topic",
	domain.DeclineDistance: "stats.reason_distance", domain.DeclineOther: "stats.reason_other",
}

// The CSV's column labels and the names of its sections and figures.
const (
	keyColSection = "stats.csv_section"
	keyColFigure  = "stats.csv_figure"
	keyColValue   = "stats.csv_value"

	keySecRequests = "stats.csv_requests"
	keySecOffers   = "stats.csv_offers"
	keySecWorkload = "stats.csv_workload"
	keySecEvents   = "stats.csv_events"
	keySecRatings  = "stats.csv_ratings"

	keyFigTotal       = "stats.csv_total"
	keyFigStatus      = "stats.csv_status"
	keyFigTopic       = "stats.csv_topic"
	keyFigState       = "stats.csv_state"
	keyFigMedianDays  = "stats.csv_median_days"
	keyFigMedianN     = "stats.csv_median_n"
	keyStepApproval   = "stats.csv_to_approval"
	keyStepAssignment = "stats.csv_to_assignment"
	keyStepCompletion = "stats.csv_to_completion"
	keyFigSent        = "stats.csv_sent"
	keyFigOutcome     = "stats.csv_outcome"
	keyFigReason      = "stats.csv_reason"
	keyFigAdvisors    = "stats.csv_advisors"
	keyFigWith        = "stats.csv_with"
	keyFigWithMore    = "stats.csv_with_more"
	keyFigMax         = "stats.csv_max"
	keyFigMedianSeats = "stats.csv_median_seats"
	keyFigPublished   = "stats.csv_published"
	keyFigCancelled   = "stats.csv_cancelled"
	keyFigInvited     = "stats.csv_invited"
	keyFigAnswered    = "stats.csv_answered"
	keyFigAnswerRate  = "stats.csv_answer_rate"
	keyFigReply       = "stats.csv_reply"
	keyFigPersons     = "stats.csv_persons"
	keyFigCame        = "stats.csv_came"
	keyFigNotCame     = "stats.csv_not_came"
	keyFigRatings     = "stats.csv_rating_count"
	keyFigMeanStars   = "stats.csv_mean_stars"
	keyFigStars       = "stats.csv_stars"
)

// outcomeKeys name what became of the offers sent, in the order the CSV
// lists them.
var outcomeKeys = []struct {
	status domain.OfferStatus
	key    string
}{
	{domain.OfferAccepted, "stats.outcome_accepted"}, {domain.OfferDeclined, "stats.outcome_declined"},
	{domain.OfferExpired, "stats.outcome_expired"}, {domain.OfferTaken, "stats.outcome_taken"},
	{domain.OfferWithdrawn, "stats.outcome_withdrawn"}, {domain.OfferOpen, "stats.outcome_open"},
}

// replyKeys name the answers to invitations.
var replyKeys = []struct {
	reply domain.EventReply
	key   string
}{{domain.ReplyYes, "stats.reply_yes"}, {domain.ReplyMaybe, "stats.reply_maybe"}, {domain.ReplyNo, "stats.reply_no"}}
