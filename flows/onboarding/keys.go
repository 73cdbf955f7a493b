package onboarding

import "github.com/miglobe/miglobe-bot/flows/engine"

// Keys of the onboarding texts in locales/*.toml.
const (
	keyCmdStart = "cmd.start"

	keyFieldConsent      = "field.consent"
	keyFieldRole         = "field.role"
	keyFieldState        = engine.KeyFieldState
	keyFieldOrganisation = engine.KeyFieldOrganisation
	keyFieldCity         = engine.KeyFieldCity

	keyLangPrompt         = "onb.lang_prompt"
	keyConsentPrompt      = "onb.consent_prompt"
	keyDeclined           = "onb.declined"
	keyRolePrompt         = "onb.role_prompt"
	keyNamePrompt         = "onb.name_prompt"
	keyNameOffer          = "onb.name_offer"
	keyMunicipalityPrompt = "onb.municipality_prompt"
	keyStatePrompt        = "onb.state_prompt"
	keyFunctionPrompt     = "onb.function_prompt"
	keyOrganisationPrompt = "onb.organisation_prompt"
	keyCityPrompt         = "onb.city_prompt"
	keyTopicsPrompt       = "onb.topics_prompt"
	keyInviteLangPrompt   = "onb.invite_lang_prompt"
	keySummary            = "onb.summary"
	keyDone               = "onb.done"
	keyPendingCheck       = "onb.pending_check"
	keyJoinedMunicipality = "onb.joined_municipality"

	keyInviteValid   = "invite.valid"
	keyInviteUnknown = "invite.unknown"
	keyInviteUsed    = "invite.used"
	keyInviteExpired = "invite.expired"
	keyInviteInvalid = "invite.invalid"
	keyInviteRevoked = "invite.revoked"
	keyInviteLost    = "invite.lost"
	keyInviteConfirm = "invite.confirm"
	keyInviteAdded   = "invite.added"
	keyInviteHeld    = "invite.held"
	keyBtnInviteYes  = "btn.invite_yes"
	keyBtnInviteNo   = "btn.invite_no"
)
