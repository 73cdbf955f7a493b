package flows

import (
	"errors"
	"log/slog"
	"strconv"
)

// Callback actions: what the part after the nonce means.
const (
	actChoose  = "c"  // a choice of a flow step; arg is its value
	actBack    = "b"  // back to the previous step
	actEdit    = "e"  // edit a field from the summary; arg is the step
	actConfirm = "ok" // confirm the summary
	actCancel  = "x"  // cancel the flow from the summary
	actMenu    = "m"  // a menu button; arg is the screen
)

// run handles the turn's update.
func (t *turn) run() {
	// Identity first, also for a stale press: a session stored without it
	// would pass for an unregistered user's.
	if !t.loadIdentity() {
		return
	}
	if act, id, ok := parseDurable(t.u); ok {
		t.tidyFlow()
		t.durablePress(act, id)
		return
	}
	var action, arg string
	if t.u.Kind == KindButton {
		var ok bool
		if action, arg, ok = t.pressed(); !ok {
			t.staleButton()
			return
		}
	}
	if t.tidyFlow() && t.u.Kind == KindButton {
		// The press belonged to the dropped conversation.
		t.toast = t.tr(keyFlowStale, nil)
		return
	}
	switch t.u.Kind {
	case KindCommand:
		t.command()
	case KindText:
		if t.sess.Flow != "" {
			t.answer(input{text: t.u.Text})
		} else if t.registered() {
			t.textOutsideFlow(t.u.Text)
		} else {
			t.note(keyHintNotRegistered)
		}
	case KindButton:
		switch {
		case t.sess.Flow != "":
			t.flowButton(action, arg)
		case action == actMenu && t.registered():
			t.menuButton(arg)
		default:
			t.staleButton()
		}
	default:
		t.note(keyFlowNotText)
		t.reprompt()
	}
}

// tidyFlow ends a running flow that this version does not know (written
// by a version with other flows) or that was left idle too long (and says
// so); it reports whether it dropped an idle one.
func (t *turn) tidyFlow() bool {
	if t.sess.Flow != "" && !t.flowValid() {
		t.endFlow()
	}
	return t.dropIfIdle()
}

// staleButton answers a press that is not for the current prompt; the
// session stays as it was (see Handle).
func (t *turn) staleButton() {
	t.stale, t.toast = true, t.tr(keyFlowStale, nil)
}

// pressed checks that the pressed button belongs to the current prompt (its
// nonce and message) and returns its action and argument.
func (t *turn) pressed() (action, arg string, ok bool) {
	parts, ok := ParseCallback(t.u.Data)
	if !ok || len(parts) < 2 || len(parts) > 3 {
		return "", "", false
	}
	n, err := strconv.ParseUint(parts[0], 36, 32)
	if err != nil || n == 0 || uint32(n) != t.sess.Nonce || t.u.MessageID != t.sess.Prompt {
		return "", "", false
	}
	if len(parts) == 3 {
		arg = parts[2]
	}
	return parts[1], arg, true
}

// loadIdentity fills UserID, Roles and Lang of a session that is new (never
// stored, e.g. expired) from the Store, so that later updates need no query.
// A configured coordinator who lacks the role gets it. It reports false on a
// Store error.
func (t *turn) loadIdentity() bool {
	if t.sess.Version != 0 || t.registered() {
		return true
	}
	u, err := t.e.cfg.Store.UserByTelegramID(t.ctx, t.u.UserID)
	if errors.Is(err, ErrNotFound) {
		return true
	}
	if err != nil {
		t.fail(err)
		return false
	}
	if t.coordinator() && !u.Has(RoleCoordinator) {
		if err := t.e.cfg.Store.GrantRole(t.ctx, u.ID, RoleCoordinator); err != nil {
			t.fail(err)
			return false
		}
		u.Roles = append(u.Roles, RoleCoordinator)
	}
	t.sess.UserID, t.sess.Roles = u.ID, u.Roles
	if t.e.cfg.Texts.Supports(u.Lang) {
		t.sess.Lang = u.Lang
	}
	return true
}

// dropIfIdle ends a conversation whose last contact is older than the idle
// timeout and tells the user; it reports whether it did.
func (t *turn) dropIfIdle() bool {
	if t.sess.Flow == "" || t.sess.Touched.IsZero() || t.now.Sub(t.sess.Touched) <= t.e.cfg.IdleTimeout {
		return false
	}
	t.e.cfg.Log.Info("conversation dropped after idle timeout",
		slog.Int64("chat_id", t.u.ChatID), slog.String("flow", t.sess.Flow))
	t.endFlow()
	t.note(keyFlowIdle)
	return true
}
