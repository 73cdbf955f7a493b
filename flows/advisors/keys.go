package advisors

// Keys of the advisor profile's texts in locales/*.toml.
const (
	keyCmdProfile = "cmd.advisor_profile"
	keyBtnProfile = "btn.advisor_profile"

	keyFieldExpertise = "advisor.field_expertise"
	keyFieldLanguages = "advisor.field_languages"
	keyFieldFormats   = "advisor.field_formats"
	keyFieldTravels   = "advisor.field_travels"
	keyFieldQuota     = "advisor.field_quota"
	keyFieldPause     = "advisor.field_pause"
	keyFieldReach     = "advisor.field_reach"

	keyIntro           = "advisor.intro"
	keyExpertisePrompt = "advisor.expertise_prompt"
	keyLanguagesPrompt = "advisor.languages_prompt"
	keyLanguageInvalid = "advisor.language_invalid"
	keyCityPrompt      = "advisor.city_prompt"
	keyStatePrompt     = "advisor.state_prompt"
	keyFormatsPrompt   = "advisor.formats_prompt"
	keyTravelsPrompt   = "advisor.travels_prompt"
	keyQuotaPrompt     = "advisor.quota_prompt"
	keyPausePrompt     = "advisor.pause_prompt"
	keyReachPrompt     = "advisor.reach_prompt"
	keySummary         = "advisor.summary"
	keySaved           = "advisor.saved"
	keyRefused         = "advisor.refused"

	keyBtnNoLimit = "advisor.no_limit"
	keyBtnNoPause = "advisor.no_pause"
	keyNoPause    = "advisor.none_pause"
	keyOnSite     = "advisor.on_site"
	keyOnline     = "advisor.online"
)
