package invitations

// Keys of the feature's texts in locales/*.toml.
const (
	keyCard = "invitation.card"
)
