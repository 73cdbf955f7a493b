package account

// Keys of the account texts in locales/*.toml.
const (
	keyCmdLanguage = "cmd.language"
	keyCmdPrivacy  = "cmd.privacy"

	keyBtnProfile  = "btn.profile"
	keyBtnLanguage = "btn.language"
	keyBtnPrivacy  = "btn.privacy"
	keyBtnDelete   = "btn.delete"
	keyBtnMyData   = "btn.mydata"

	keyFieldRoles     = "field.roles"
	keyFieldConsentAt = "field.consent_at"

	keyProfileTitle        = "profile.title"
	keyProfileMunicipal    = "profile.municipal"
	keyProfileOrganisation = "profile.organisation"

	keyProfileContactPending  = "profile.contact_pending"
	keyProfileContactVerified = "profile.contact_verified"
	keyProfileContactRejected = "profile.contact_rejected"

	keyPrivacyRegistered   = "privacy.registered"
	keyPrivacyUnregistered = "privacy.unregistered"
	keyBtnEditField        = "btn.edit_field"
	keyEditName            = "edit.name"
	keyEditFunction        = "edit.function"
	keyEditMunicipality    = "edit.municipality"
	keyEditState           = "edit.state"
	keyEditOrganisation    = "edit.organisation"
	keyEditCity            = "edit.city"
	keyEditOrgState        = "edit.org_state"
	keyEditTopics          = "edit.topics"
	keyEditInviteLang      = "edit.invite_lang"
	keyEditNone            = "edit.none"
	keyEditSaved           = "edit.saved"
	keyEditMoved           = "edit.moved"
	keyPrivacyRequests     = "privacy.requests"
	keyPrivacyAdvisor      = "privacy.advisor"

	keyLanguagePrompt  = "language.prompt"
	keyLanguageChanged = "language.changed"
)
