package advisors

import (
	"embed"
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the advisor feature needs.
type Deps struct {
	Advisors domain.AdvisorStore
}

// screenProfile opens the advisor profile from the menu.
const screenProfile = "advisor"

// Register adds the advisor profile's command, menu entry, screen and flow.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	advisors := []domain.Role{domain.RoleAdvisor}
	r.Command(engine.Command{Name: "beraterprofil", Names: map[string]string{"en": "advisorprofile"},
		Desc: keyCmdProfile, Roles: advisors, Order: 45, Run: func(t *engine.Turn) { d.start(t, false) }})
	r.Menu(engine.MenuEntry{Row: 40, Label: keyBtnProfile, Screen: screenProfile, Roles: advisors})
	r.Screen(screenProfile, func(t *engine.Turn, _ string) { d.start(t, true) })
	r.Flow(d.profileFlow())
}

// start opens the profile flow for an advisor, prefilled with the stored
// profile (then it opens on the summary); inPlace shows it in the pressed
// message. Anyone else is told who keeps an advisor profile (a press, which
// only a forged or old menu can make, is refused).
func (d Deps) start(t *engine.Turn, inPlace bool) {
	a, ok := t.Admit(domain.MayKeepAdvisorProfile, keyRefused)
	if !ok {
		return
	}
	p, err := d.Advisors.AdvisorProfile(t.Ctx(), a.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.StartFlow(flowProfile, nil, inPlace)
	case err != nil:
		t.Fail(err)
	default:
		t.StartFlow(flowProfile, answersOf(t, p), inPlace)
	}
}
