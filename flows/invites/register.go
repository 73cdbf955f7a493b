package invites

import (
	"embed"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the invites feature needs.
type Deps struct {
	Invites domain.InviteStore
	// BotUsername is the bot's Telegram username, the host of the links;
	// without it no invite can be made (the turn fails).
	BotUsername string
	// Validity is how long a link is valid; 0: domain.DefaultInviteValidity.
	Validity time.Duration
}

// feature is the feature name in durable buttons: "*:iv:<action>:<id>".
const feature = "iv"

// Durable actions; all but actList take the invite's id.
const (
	actAsk    = "rv"  // ask whether to revoke
	actRevoke = "rvy" // revoke
	actList   = "ls"  // the list of one's invites; the id is the page + 1
)

// Screens (session buttons).
const (
	screenChoose = "invite"     // whom to invite
	screenNew    = "invite_new" // make an invite; the parameter names the scope (see param)
	screenList   = "invites"    // the list; the parameter is the page
)

// inviters are the roles whose users may invite someone (domain.MayInvite
// decides who does).
var inviters = []domain.Role{domain.RoleCoordinator, domain.RoleMunicipal, domain.RoleOrganisation}

// Register adds /einladen (English /invite), the menu entry, the screens
// and the durable actions of revoking.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "einladen", Names: map[string]string{"en": "invite"}, Desc: keyCmdInvite,
		Roles: inviters, Order: 60, Run: func(t *engine.Turn) { d.choose(t, false) }})
	r.Menu(engine.MenuEntry{Row: 50, Label: keyBtnInvite, Screen: screenChoose, Roles: inviters})
	r.Screen(screenChoose, func(t *engine.Turn, _ string) { d.choose(t, true) })
	r.Screen(screenNew, d.create)
	r.Screen(screenList, func(t *engine.Turn, page string) { d.showList(t, engine.ParsePage(page), true) })
	r.Durable(feature, actList, func(t *engine.Turn, id int64) { d.showList(t, int(id-1), true) })
	r.Durable(feature, actAsk, d.ask)
	r.Durable(feature, actRevoke, d.revoke)
}

// validity is how long a new link is valid.
func (d Deps) validity() time.Duration {
	if d.Validity <= 0 {
		return domain.DefaultInviteValidity
	}
	return d.Validity
}
