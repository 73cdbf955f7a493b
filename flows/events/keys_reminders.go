package events

// Keys of the reminders' and attendance's texts (issue 14), in the block
// "# Issue 14: reminders" of locales/*.toml.
const (
	keyBtnRemind       = "ev.rm_btn_remind"
	keyBtnRemindYes    = "ev.rm_btn_remind_yes"
	keyBtnAttendance   = "ev.rm_btn_attendance"
	keyBtnCame         = "ev.rm_btn_came"
	keyBtnNotCame      = "ev.rm_btn_not_came"
	keyRemindAsk       = "ev.rm_ask"
	keyRemindSent      = "ev.rm_sent"
	keyRemindDone      = "ev.rm_done"
	keyRemindCount     = "ev.rm_count"
	keyRemindNone      = "ev.rm_none"
	keyRemindClosed    = "ev.rm_closed"
	keyFigSeats        = "ev.rm_fig_seats"
	keyFigAttendance   = "ev.rm_fig_attendance"
	keyAttendance      = "ev.rm_attendance"
	keyAttendanceLine  = "ev.rm_attendance_line"
	keyAttendanceEarly = "ev.rm_attendance_early"
	keyAttendanceNone  = "ev.rm_attendance_none"
	keyAttendanceSaved = "ev.rm_attendance_saved"
)
