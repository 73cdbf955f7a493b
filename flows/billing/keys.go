package billing

// Keys of the texts in locales/*.toml.
const (
	keyCmd = "cmd.billing"

	keyBtnMenu  = "btn.billing"
	keyBtnExcel = "btn.billing_excel"
	keyBtnPlain = "btn.billing_plain"
	keyBtnBack  = "btn.billing_back"

	keyChoose  = "billing.choose"
	keyPeriod  = "billing.period"
	keyEmpty   = "billing.empty"
	keyRefused = "billing.refused"
	keyCaption = "billing.caption"
	keyMonth   = "billing.month"
	keyQuarter = "billing.quarter"
)

// headerKeys are the keys of the CSV's column labels, in the columns'
// order (see billingColumns).
var headerKeys = [...]string{"billing.csv_advisor", "billing.csv_reference", "billing.csv_municipality",
	"billing.csv_dates", "billing.csv_version", "billing.csv_corrects", "billing.csv_prep_hours",
	"billing.csv_session_hours", "billing.csv_followup_hours", "billing.csv_km", "billing.csv_travel_costs",
	"billing.csv_other_costs", "billing.csv_confirmed_at", "billing.csv_confirmed_by"}
