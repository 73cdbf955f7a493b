package invitations

// Keys of the reminders' texts (issue 14), in the block "# Issue 14:
// reminders" of locales/*.toml.
const (
	keyRemind48Yes   = "iv.rm_due_48h_yes"
	keyRemind48Maybe = "iv.rm_due_48h_maybe"
	keyRemind2h      = "iv.rm_due_2h"
	keyRemindNudge   = "iv.rm_nudge"
	keyRemindAnswer  = "iv.rm_unanswered"
	keyBtnCantCome   = "iv.rm_btn_cant_come"
	keyCantComeDone  = "iv.rm_cant_come_done"
	keyCantComeNot   = "iv.rm_cant_come_not_yes"
	keyCantComeShown = "iv.rm_cant_come_shown"
)
