package account

import (
	"context"
	"embed"

	"github.com/miglobe/miglobe-bot/flows/engine"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the account feature needs.
type Deps struct {
	Users    domain.UserStore
	Profiles domain.ProfileStore
	Requests RequestLister // the user's requests, listed in the privacy notice; nil: none
	Advisors AdvisorReader // the advisor profile, named in the privacy notice; nil: none
	// Announce, when set, returns the notify function of a municipal link
	// that waits for the office again (the contact check tells the office),
	// written in the change's transaction; false after recording a store
	// error.
	Announce func(t *engine.Turn) (func(domain.Contact) []domain.Notification, bool)
	// Consents, when set, is the button to the consents screen
	// (flows/consent), shown on the privacy screen.
	Consents func(t *engine.Turn) engine.Button
}

// AdvisorReader reads an advisor's profile (domain.AdvisorStore has it).
type AdvisorReader interface {
	AdvisorProfile(ctx context.Context, userID int64) (domain.AdvisorProfile, error)
}

// RequestLister lists a user's requests (domain.RequestStore has it).
type RequestLister interface {
	ListByRequester(ctx context.Context, userID int64) ([]domain.Request, error)
}

// Screens of the account feature.
const (
	screenProfile  = "profile"
	screenLanguage = "language"
	screenPrivacy  = "privacy"
)

// Register adds the profile, language and privacy commands, menu entries,
// screens and flows.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "language", Desc: keyCmdLanguage, Order: 70, Run: func(t *engine.Turn) {
		if !t.Busy() {
			t.StartFlow(flowLanguage, nil, false)
		}
	}})
	r.Command(engine.Command{Name: "privacy", Desc: keyCmdPrivacy, Order: 90, Run: d.privacy,
		Ungated: true}) // what is stored is shown also to a user who has not agreed to a new privacy notice
	r.Menu(engine.MenuEntry{Row: 80, Col: 1, Label: keyBtnProfile, Screen: screenProfile})
	r.Menu(engine.MenuEntry{Row: 80, Col: 2, Label: keyBtnLanguage, Screen: screenLanguage})
	r.Menu(engine.MenuEntry{Row: 90, Col: 1, Label: keyBtnPrivacy, Screen: screenPrivacy})
	r.Screen(screenProfile, d.profile)
	r.Screen(screenLanguage, func(t *engine.Turn, _ string) { t.StartFlow(flowLanguage, nil, true) })
	r.Screen(screenPrivacy, func(t *engine.Turn, _ string) {
		if s, ok := d.privacyScreen(t); ok {
			t.Replace(s)
		}
	})
	r.Flow(d.languageFlow())
	r.Flow(d.profileFlow())
	r.Screen(screenEdit, d.startEdit)
}
