package mydata

// Keys of the texts in locales/*.toml.
const (
	keyCmd     = "cmd.mydata"
	keySummary = "mydata.summary"
	keyLine    = "mydata.line"
	keyNothing = "mydata.nothing"
	keyCaption = "mydata.caption"
	keyFile    = "mydata.file"
)

// sections are the sections the summary counts, in its order: the
// section's key in the JSON document and the key of its name.
var sections = []struct{ json, key string }{
	{"roles", "mydata.sec_roles"},
	{"consents", "mydata.sec_consents"},
	{"municipal_contacts", "mydata.sec_municipal"},
	{"organisations", "mydata.sec_organisations"},
	{"advisor_profile", "mydata.sec_advisor"},
	{"requests", "mydata.sec_requests"},
	{"request_history_written", "mydata.sec_history"},
	{"offers_received", "mydata.sec_offers"},
	{"assignments", "mydata.sec_assignments"},
	{"appointments", "mydata.sec_appointments"},
	{"reports_written", "mydata.sec_reports"},
	{"reports_answered", "mydata.sec_report_actions"},
	{"ratings_given", "mydata.sec_ratings_given"},
	{"ratings_received", "mydata.sec_ratings_received"},
	{"events_organised", "mydata.sec_events"},
	{"invitations", "mydata.sec_invitations"},
	{"invites_created", "mydata.sec_invites_created"},
	{"invites_used", "mydata.sec_invites_used"},
}
