package invitations

// Keys of the seats' texts (issue 14) in locales/*.toml.
const (
	keyBtnConfirm     = "iv.seat_btn_confirm"
	keySeatHeld       = "iv.seat_held"
	keySeatOffered    = "iv.seat_offered"
	keySeatWaiting    = "iv.seat_waiting"
	keySeatPromoted   = "iv.seat_promoted"
	keySeatGiven      = "iv.seat_given"
	keySeatPassed     = "iv.seat_passed"
	keyToastConfirmed = "iv.seat_confirmed"
	keyOfferGone      = "iv.seat_gone"
	keyNoteConfirmed  = "iv.seat_note_confirmed"
)
