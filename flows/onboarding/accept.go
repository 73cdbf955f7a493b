package onboarding

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// A registered user who opens an invite link is asked whether to add its
// role; "Ja" takes the code back as the screen's parameter, and the store
// consumes the invite and grants the role (and the membership) in one
// transaction. Nothing in the button is trusted: the press looks the
// invite up again.

// screenAccept adds the role of the invite whose code is the parameter.
const screenAccept = "inviteaccept"

// offerInvite asks registered user a whether to add the role of the
// invite code, or says why not (the invite cannot be used, or a holds
// what it grants). It reports false when the menu should follow.
func (d Deps) offerInvite(t *engine.Turn, a domain.Actor, code string) bool {
	inv, ok := d.lookUp(t, code, true)
	switch {
	case !ok:
		return t.Failed()
	case domain.Holds(a, inv.InviteScope):
		t.Note(keyInviteHeld, map[string]any{"Role": t.RoleName(inv.Role), "Name": inv.Name})
		return false
	}
	t.Show(engine.Screen{
		Text: t.T(keyInviteConfirm, map[string]any{"Role": t.RoleName(inv.Role), "Name": inv.Name}),
		Rows: [][]engine.Button{
			{engine.ScreenButton(t.Plain(keyBtnInviteYes, nil), screenAccept, code)},
			{t.MenuButton(keyBtnInviteNo, engine.ScreenMenu)},
		},
	})
	return true
}

// accept adds the role of invite code for the acting user and shows the
// menu; an invite that can no longer be used, or
// that grants nothing new, is explained instead.
func (d Deps) accept(t *engine.Turn, code string) {
	a, ok := t.Admit(func(domain.Actor) bool { return validPayload(code) }, engine.KeyForbidden)
	if !ok {
		return
	}
	inv, err := d.Invites.AcceptInvite(t.Ctx(), code, a.ID)
	var ie *domain.InviteError
	switch {
	case errors.As(err, &ie):
		t.Note(stateKeys[ie.State], map[string]any{"Registered": true})
	case errors.Is(err, domain.ErrInviteHeld):
		if inv, err = d.Invites.InviteByCode(t.Ctx(), code); err != nil {
			t.Fail(err)
			return
		}
		t.Note(keyInviteHeld, map[string]any{"Role": t.RoleName(inv.Role), "Name": inv.Name})
	case errors.Is(err, domain.ErrNotFound):
		t.Note(keyInviteUnknown, map[string]any{"Registered": true})
	case err != nil:
		t.Fail(err)
		return
	default:
		t.Log().Info("invite accepted", slog.Int64("user_id", a.ID), slog.Int64("invite_id", inv.ID),
			slog.String("role", string(inv.Role)))
		u := a.User
		if !u.Has(inv.Role) {
			u.Roles = append(u.Roles, inv.Role)
		}
		t.SetUser(u)
		t.Note(keyInviteAdded, map[string]any{"Role": t.RoleName(inv.Role), "Name": inv.Name})
	}
	t.ShowMenu(false) // below, with what was said; the question loses its buttons
}
