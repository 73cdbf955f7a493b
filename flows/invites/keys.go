package invites

// Keys of the invite texts in locales/*.toml.
const (
	keyCmdInvite = "cmd.invite"

	keyBtnInvite     = "btn.invite"
	keyBtnMine       = "btn.invite_mine"
	keyBtnShare      = "btn.invite_share"
	keyBtnRevoke     = "btn.invite_revoke"
	keyBtnRevokeYes  = "btn.invite_revoke_yes"
	keyBtnRevokeItem = "btn.invite_revoke_item"
	keyBtnAnother    = "btn.invite_another"

	keyChoose      = "invlink.choose"
	keyRefused     = "invlink.refused"
	keyColleague   = "invlink.colleague"
	keyCreated     = "invlink.created"
	keyShareText   = "invlink.share_text"
	keyAskRevoke   = "invlink.ask_revoke"
	keyToastDone   = "invlink.toast_revoked"
	keyToastUsed   = "invlink.toast_used"
	keyToastGone   = "invlink.toast_gone"
	keyListTitle   = "invlink.list_title"
	keyListEmpty   = "invlink.list_empty"
	keyItemOpen    = "invlink.item_open"
	keyItemUsed    = "invlink.item_used"
	keyItemGone    = "invlink.item_expired"
	keyItemRevkd   = "invlink.item_revoked"
	keyItemSomeone = "invlink.item_someone"
)
