package invitations

// Keys of the seats' texts (issue 14) in locales/*.toml.
const (
	keyBtnConfirm     = "btn.iv_seat.confirm"
	keySeatHeld       = "iv.seat.held"
	keySeatOffered    = "iv.seat.offered"
	keySeatWaiting    = "iv.seat.waiting"
	keySeatPromoted   = "iv.seat.promoted"
	keySeatGiven      = "iv.seat.given"
	keySeatPassed     = "iv.seat.passed"
	keyToastConfirmed = "iv.seat.confirmed"
	keyOfferGone      = "iv.seat.gone"
)
