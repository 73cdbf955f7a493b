package invitations

// Keys of the reminders' texts (issue 14), in the block "# Issue 14:
// reminders" of locales/*.toml.
const (
	keyRemind48Yes   = "iv.remind.due_48h_yes"
	keyRemind48Maybe = "iv.remind.due_48h_maybe"
	keyRemind2h      = "iv.remind.due_2h"
	keyRemindNudge   = "iv.remind.nudge"
	keyRemindAnswer  = "iv.remind.unanswered"
	keyBtnCantCome   = "iv.remind.btn_cant_come"
	keyCantComeDone  = "iv.remind.cant_come_done"
	keyCantComeNot   = "iv.remind.cant_come_not_yes"
	keyCantComeShown = "iv.remind.cant_come_shown"
)
