package retention

// Keys of the retention texts in locales/*.toml.
const (
	keyWarnFirst  = "rt.warn_first"
	keyWarnSecond = "rt.warn_second"
	keyBtnKeep    = "btn.rt_keep"
	keyKept       = "rt.kept"
)
