package invites

import (
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// pageSize is how many invites a page of the list shows.
const pageSize = 8

// showList shows the acting user's invites, open ones and those used,
// expired or revoked within domain.InviteRetention, newest first, a page
// at a time; each open one has a button to revoke it.
func (d Deps) showList(t *engine.Turn, page int, inPlace bool) {
	a, ok := t.Admit(domain.Actor.Registered, keyRefused)
	if !ok {
		return
	}
	list, err := d.Invites.InvitesBy(t.Ctx(), a.ID, t.Now().Add(-domain.InviteRetention))
	if err != nil {
		t.Fail(err)
		return
	}
	back := []engine.Button{engine.ScreenButton(t.Plain(keyBtnInvite, nil), screenChoose, "")}
	if len(list) == 0 {
		t.Present(engine.Screen{Text: t.T(keyListEmpty, nil), Rows: [][]engine.Button{back, t.BackToMenu()}}, inPlace)
		return
	}
	p := engine.PageOf(len(list), pageSize, page)
	lines := make([]string, 0, p.To-p.From)
	var rows [][]engine.Button
	for _, inv := range list[p.From:p.To] {
		lines = append(lines, d.item(t, inv))
		if inv.Status(t.Now()) == domain.InviteOpen {
			label := t.Plain(keyBtnRevokeItem, map[string]any{"What": scopeLabel(t, inv.InviteScope),
				"Date": t.FormatDate(inv.ExpiresAt.In(t.Location()))})
			rows = append(rows, []engine.Button{engine.DurableButton(label, feature, actAsk, inv.ID)})
		}
	}
	if row := t.PageRow(p, screenList); row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, back, t.BackToMenu())
	text := t.T(keyListTitle, map[string]any{"Count": len(list)}) + "\n\n" + strings.Join(lines, "\n")
	t.Present(engine.Screen{Text: text, Rows: rows}, inPlace)
}

// item is the line of inv in the list: what it is for and where it stands.
func (d Deps) item(t *engine.Turn, inv domain.Invite) string {
	data := map[string]any{"What": scopeLabel(t, inv.InviteScope)}
	at := func(when time.Time) string { return t.DateTime(when) }
	switch inv.Status(t.Now()) {
	case domain.InviteUsed:
		data["Date"], data["Name"] = at(inv.UsedAt), inv.UsedByName
		if inv.UsedByName == "" {
			data["Name"] = t.Plain(keyItemSomeone, nil)
		}
		return t.T(keyItemUsed, data)
	case domain.InviteRevoked:
		data["Date"] = at(inv.RevokedAt)
		return t.T(keyItemRevkd, data)
	case domain.InviteExpired:
		data["Date"] = at(inv.ExpiresAt)
		return t.T(keyItemGone, data)
	}
	data["Until"] = at(inv.ExpiresAt)
	return t.T(keyItemOpen, data)
}

// load returns invite id for the acting user when they may revoke it
// (domain.CanRevoke); anyone else, and an unknown invite, is refused and
// nothing changes.
func (d Deps) load(t *engine.Turn, id int64) (domain.Actor, domain.Invite, bool) {
	a, _ := t.Actor()
	if t.Failed() {
		return domain.Actor{}, domain.Invite{}, false
	}
	inv, err := d.Invites.InviteByID(t.Ctx(), id)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyToastGone)
	case err != nil:
		t.Fail(err)
	case !domain.CanRevoke(a, inv):
		t.Refuse(engine.KeyForbidden)
	default:
		return a, inv, true
	}
	return domain.Actor{}, domain.Invite{}, false
}

// ask asks in the pressed message whether to revoke invite id; one that
// is no longer open is said to be so, with the list.
func (d Deps) ask(t *engine.Turn, id int64) {
	_, inv, ok := d.load(t, id)
	if !ok {
		return
	}
	if inv.Status(t.Now()) != domain.InviteOpen {
		t.Toast(t.Plain(keyToastUsed, nil))
		d.showList(t, 0, true)
		return
	}
	t.Replace(engine.Screen{
		Text: t.T(keyAskRevoke, map[string]any{"What": scopeLabel(t, inv.InviteScope), "Until": t.DateTime(inv.ExpiresAt)}),
		Rows: [][]engine.Button{
			{engine.DurableButton(t.Plain(keyBtnRevokeYes, nil), feature, actRevoke, inv.ID)},
			{engine.DurableButton(t.Plain(engine.KeyBtnBack, nil), feature, actList, 1)},
		},
	})
}

// revoke revokes invite id and shows the list in the pressed message. The
// store revokes only an invite still unused, so a link used meanwhile is
// said to be so and stays used.
func (d Deps) revoke(t *engine.Turn, id int64) {
	a, _, ok := d.load(t, id)
	if !ok {
		return
	}
	inv, err := d.Invites.RevokeInvite(t.Ctx(), id, a.ID)
	var ie *domain.InviteError
	switch {
	case errors.As(err, &ie):
		t.Toast(t.Plain(keyToastUsed, nil))
	case errors.Is(err, domain.ErrForbidden):
		t.Refuse(engine.KeyForbidden)
		return
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyToastGone)
		return
	case err != nil:
		t.Fail(err)
		return
	default:
		t.Log().Info("invite revoked", slog.Int64("user_id", a.ID), slog.Int64("invite_id", inv.ID))
		t.Toast(t.Plain(keyToastDone, nil))
	}
	d.showList(t, 0, true)
}
