package invites

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// options returns the scopes a may invite to, in the order offered:
// advisors and coordinators for a coordinator, then the colleagues of
// each municipality and organisation a may invite to (domain.CanInvite).
// It reports false after recording a store error.
func (d Deps) options(t *engine.Turn, a domain.Actor) ([]domain.InviteScope, bool) {
	var out []domain.InviteScope
	for _, r := range []domain.Role{domain.RoleAdvisor, domain.RoleCoordinator} {
		if s := (domain.InviteScope{Role: r}); domain.CanInvite(a, s) {
			out = append(out, s)
		}
	}
	scopes, err := d.Invites.ColleagueScopes(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	for _, s := range scopes {
		if domain.CanInvite(a, s) {
			out = append(out, s)
		}
	}
	return out, true
}

// admit lets someone who may invite in (else they are told who may, see
// engine.Turn.Admit) and returns them with what they may invite to.
func (d Deps) admit(t *engine.Turn) (domain.Actor, []domain.InviteScope, bool) {
	a, ok := t.Admit(domain.MayInvite, keyRefused)
	if !ok {
		return domain.Actor{}, nil, false
	}
	opts, ok := d.options(t, a)
	return a, opts, ok
}

// param names scope s in a screen button: "a" advisors, "c"
// coordinators, "m<id>" a municipality's, "o<id>" an organisation's
// colleagues.
func param(s domain.InviteScope) string {
	switch {
	case s.MunicipalityID != 0:
		return "m" + strconv.FormatInt(s.MunicipalityID, 10)
	case s.OrganisationID != 0:
		return "o" + strconv.FormatInt(s.OrganisationID, 10)
	case s.Role == domain.RoleCoordinator:
		return "c"
	}
	return "a"
}

// scopeLabel names what an invite of s is for, in plain text: the role,
// or the colleagues of a municipality or organisation.
func scopeLabel(t *engine.Turn, s domain.InviteScope) string {
	if s.Name != "" {
		return t.Plain(keyColleague, map[string]any{"Name": s.Name})
	}
	return t.RoleName(s.Role)
}

// choose asks whom to invite: in the pressed message when inPlace, else
// as a new message. Anyone who may not invite is told who may.
func (d Deps) choose(t *engine.Turn, inPlace bool) {
	_, opts, ok := d.admit(t)
	if !ok {
		return
	}
	rows := make([][]engine.Button, 0, len(opts)+2)
	for _, s := range opts {
		rows = append(rows, []engine.Button{engine.ScreenButton(scopeLabel(t, s), screenNew, param(s))})
	}
	rows = append(rows, []engine.Button{engine.ScreenButton(t.Plain(keyBtnMine, nil), screenList, "")}, t.BackToMenu())
	days := int(d.validity().Hours()+23) / 24
	t.Present(engine.Screen{Text: t.T(keyChoose, map[string]any{"Days": days}), Rows: rows}, inPlace)
}

// create makes an invite of the scope p names (see param) for the acting
// user, when they may (the options are read again, nothing in the button
// is trusted), and shows its link in the pressed message.
func (d Deps) create(t *engine.Turn, p string) {
	a, opts, ok := d.admit(t)
	if !ok {
		return
	}
	i := -1
	for j, s := range opts {
		if param(s) == p {
			i = j
		}
	}
	if i < 0 {
		t.Refuse(engine.KeyForbidden)
		return
	}
	if d.BotUsername == "" {
		t.Fail(errors.New("invites: no bot username: no link can be made"))
		return
	}
	inv := domain.Invite{Code: newCode(), InviteScope: opts[i], CreatedBy: a.ID, ExpiresAt: t.Now().Add(d.validity())}
	if err := d.Invites.AddInvite(t.Ctx(), inv); err != nil {
		t.Fail(err)
		return
	}
	stored, err := d.Invites.InviteByCode(t.Ctx(), inv.Code)
	if err != nil {
		t.Fail(err)
		return
	}
	t.Log().Info("invite created", slog.Int64("user_id", a.ID), slog.Int64("invite_id", stored.ID),
		slog.String("role", string(stored.Role)))
	t.Replace(d.linkScreen(t, stored))
}

// linkScreen shows the link of inv as text to copy, until when it is
// valid, a button to share it, one to revoke it, and the ways on.
func (d Deps) linkScreen(t *engine.Turn, inv domain.Invite) engine.Screen {
	link, what := d.link(inv.Code), scopeLabel(t, inv.InviteScope)
	text := t.T(keyCreated, map[string]any{"What": what, "Link": link, "Until": t.DateTime(inv.ExpiresAt)})
	share := shareURL(link, t.Plain(keyShareText, map[string]any{"What": what}))
	return engine.Screen{Text: text, Rows: [][]engine.Button{
		{engine.URLButton(t.Plain(keyBtnShare, nil), share)},
		{engine.DurableButton(t.Plain(keyBtnRevoke, nil), feature, actAsk, inv.ID)},
		{engine.ScreenButton(t.Plain(keyBtnAnother, nil), screenChoose, ""),
			engine.ScreenButton(t.Plain(keyBtnMine, nil), screenList, "")},
		t.BackToMenu(),
	}}
}
