package erasure

// Keys of the erasure texts in locales/*.toml.
const (
	keyCmd    = "erase.cmd"
	keyTitle  = "erase.title"
	keyField  = "erase.field"
	keyBtnYes = "erase.btn_yes"
	keyBtnNo  = "erase.btn_no"

	keyUnregistered = "erase.unregistered"
	keyPrompt       = "erase.prompt"
	keyRequests     = "erase.requests"
	keyOpen         = "erase.open"
	keyOffers       = "erase.offers"
	keySeats        = "erase.seats"
	keyScheduled    = "erase.scheduled"
	keyAnswer       = "erase.answer"
	keyEvents       = "erase.events"
	keyUnconfirmed  = "erase.unconfirmed"
	keyBilling      = "erase.billing"
	keyFinal        = "erase.final"
	keyDone         = "erase.done"
	keyDoneBilling  = "erase.done_billing"
	keyKept         = "erase.kept"

	keyOfficeOffers     = "erase.office_offers"
	keyOfficeSeat       = "erase.office_seat"
	keyRequesterSeat    = "erase.requester_seat"
	keyOfficeScheduled  = "erase.office_scheduled"
	keyRequesterSchedul = "erase.requester_scheduled"
	keyOrganiserAnswer  = "erase.organiser_answer"
)
