package invitations

// Keys of the texts of changes and cancellations (issue 14), in the
// block "# Issue 14: changes" of locales/*.toml.
const (
	keyUpdateChanged = "iv.update_changed"
	keyUpdateTime    = "iv.update_time"
	keyUpdatePlace   = "iv.update_place"
	keyUpdateDesc    = "iv.update_desc"
)
