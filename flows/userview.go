package flows

import (
	"errors"
)

// userLines loads the user's record and renders what is stored, one line a
// field. It reports false when there is no record (the session then forgets
// the user) or on a Store error (recorded with fail).
func (t *turn) userLines() (string, bool) {
	store := t.e.cfg.Store
	u, err := store.UserByTelegramID(t.ctx, t.u.UserID)
	if errors.Is(err, ErrNotFound) {
		t.forget()
		return "", false
	}
	if err != nil {
		t.fail(err)
		return "", false
	}
	t.sess.UserID, t.sess.Roles = u.ID, u.Roles
	line := func(labelKey string, v any) string {
		return t.tr(keyFlowLine, map[string]any{"Label": t.tr(labelKey, nil), "Value": v})
	}
	lines := []string{
		line(keyFieldName, u.Name),
		line(keyFieldRoles, t.roleNames(u.Roles)),
		line(keyFieldLanguage, t.e.cfg.Texts.T(u.Lang, keyLangName, nil)),
	}
	muns, orgs, err := store.Profiles(t.ctx, u.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		t.fail(err)
		return "", false
	}
	for _, m := range muns {
		lines = append(lines, t.tr(keyProfileMunicipal, map[string]any{
			"Name": m.Municipality, "State": t.tr(stateKey(m.State), nil), "Function": m.Function}))
	}
	for _, o := range orgs {
		lines = append(lines, t.tr(keyProfileOrganisation, map[string]any{"Name": o.Name, "City": o.City}))
	}
	if !u.ConsentAt.IsZero() {
		lines = append(lines, line(keyFieldConsentAt, t.e.cfg.Texts.DateTime(t.lang(), u.ConsentAt, t.e.cfg.Location)))
	}
	return joinLines(lines...), true
}
