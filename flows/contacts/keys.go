package contacts

// Keys of the contact texts in locales/*.toml.
const (
	keyCmdContacts = "cmd.contacts"

	keyBtnContacts  = "btn.contacts"
	keyBtnVerify    = "btn.contact_verify"
	keyBtnReject    = "btn.contact_reject"
	keyBtnVerifyYes = "btn.contact_verify_yes"
	keyBtnRejectYes = "btn.contact_reject_yes"
	keyBtnList      = "btn.contact_list"
	keyBtnItem      = "btn.contact_item"

	keyNotice       = "contacts.notice"
	keyCard         = "contacts.card"
	keyPending      = "contacts.pending"
	keyAskVerify    = "contacts.ask_verify"
	keyAskReject    = "contacts.ask_reject"
	keyVerified     = "contacts.verified"
	keyRejected     = "contacts.rejected"
	keyByYou        = "contacts.by_you"
	keyByOffice     = "contacts.by_office"
	keyToastVerify  = "contacts.toast_verified"
	keyToastReject  = "contacts.toast_rejected"
	keyToastGone    = "contacts.toast_gone"
	keyListTitle    = "contacts.list_title"
	keyListItem     = "contacts.list_item"
	keyListEmpty    = "contacts.list_empty"
	keyListMore     = "contacts.list_more"
	keyListRefused  = "contacts.list_refused"
	keyListWaiting  = "contacts.list_waiting"
	keyToldVerified = "contacts.told_verified"
	keyToldRejected = "contacts.told_rejected"
)
