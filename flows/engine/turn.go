package engine

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Turn is one update being handled: the session it changes and what it
// will answer. Features see it through its methods only. Nothing is sent
// before the turn ends (see flush), so that a store error can still be
// answered with a clean "technical problem" and nothing else.
type Turn struct {
	e    *Engine
	ctx  context.Context
	u    Update
	sess *domain.Session
	now  time.Time

	actor  *domain.Actor // read once per turn, when asked for (Actor)
	notes  []string      // texts shown before out (or alone)
	out    *Screen       // a new message
	editID int           // the pressed message, replaced by edit
	edit   *Screen
	docs   []domain.Document // files sent after the screens (SendDocument)
	again  bool              // the question is asked again (Reprompt): no introduction
	toast  string
	// answered: the callback query has had its answer (answerFirst)
	answered bool
	// clearPressed removes the buttons of the pressed message once out is
	// sent below it (a decision taken on a notification).
	clearPressed bool
	stale        bool   // the press changes nothing: keep the session as it was
	gateMark     string // the gate version the user agreed to, set unless stale (markGate)
	err          error  // a store error: roll back and apologise
}

// Ctx returns the turn's context.
func (t *Turn) Ctx() context.Context { return t.ctx }

// Now returns the time the turn began, from the engine's clock.
func (t *Turn) Now() time.Time { return t.now }

// Update returns what the user did.
func (t *Turn) Update() Update { return t.u }

// Location returns the time zone dates are shown in.
func (t *Turn) Location() *time.Location { return t.e.cfg.Location }

// Log returns the logger; log ids and counts, never names or free text.
func (t *Turn) Log() *slog.Logger { return t.e.cfg.Log }

// Texts returns the translations, for texts in another user's language.
func (t *Turn) Texts() *Texts { return t.e.texts }

// Notifier builds notifications in their recipients' languages.
func (t *Turn) Notifier() *Notifier { return t.e.notes }

// Lang is the language to answer in: the chosen one, else the user's app
// language when we speak it, else the default.
func (t *Turn) Lang() string {
	if t.sess.Lang != "" {
		return t.sess.Lang
	}
	hint, _, _ := strings.Cut(strings.ToLower(t.u.LangHint), "-")
	if hint != "" && t.e.texts.Supports(hint) {
		return hint
	}
	return t.e.cfg.DefaultLang
}

// T translates key into the turn's language as Telegram HTML (see Texts.T).
func (t *Turn) T(key string, data map[string]any) string { return t.e.texts.T(t.Lang(), key, data) }

// Plain translates key into the turn's language as plain text, for button
// labels and toasts (see Texts.Plain).
func (t *Turn) Plain(key string, data map[string]any) string {
	return t.e.texts.Plain(t.Lang(), key, data)
}

// FormatDate shows the calendar day d the way the turn's language writes dates.
func (t *Turn) FormatDate(d time.Time) string { return t.e.texts.Date(t.Lang(), d) }

// DateTime shows when in the engine's time zone the way the turn's
// language writes it, e.g. "24.11.2026, 18:00 Uhr".
func (t *Turn) DateTime(when time.Time) string {
	return t.e.texts.DateTime(t.Lang(), when, t.e.cfg.Location)
}

// Note adds the text key, filled with data, to what the turn says before
// its screen.
func (t *Turn) Note(key string, data map[string]any) { t.notes = append(t.notes, t.T(key, data)) }

// NoteText adds a translated text (Telegram HTML) to what the turn says
// before its screen.
func (t *Turn) NoteText(html string) { t.notes = append(t.notes, html) }

// Show makes s the new message of this turn.
func (t *Turn) Show(s Screen) { t.out = &s }

// Replace makes s the new content of the pressed message.
func (t *Turn) Replace(s Screen) {
	t.editID = t.u.MessageID
	t.edit = &s
}

// Present shows s in the pressed message when inPlace, else as a new one.
func (t *Turn) Present(s Screen, inPlace bool) {
	if inPlace {
		t.Replace(s)
	} else {
		t.Show(s)
	}
}

// ShowOrReplace puts s into the pressed message, or sends it as a new one
// when the turn has no pressed message (a typed answer).
func (t *Turn) ShowOrReplace(s Screen) { t.Present(s, t.u.Kind == KindButton) }

// ShowBelow sends s as a new message and takes the buttons off the pressed
// one: a decision taken on a notification leaves the notification readable
// and shows its outcome where the user looks, at the end of the chat.
func (t *Turn) ShowBelow(s Screen) {
	t.Show(s)
	t.clearPressed = t.u.Kind == KindButton
}

// answerFirst answers the pressed button's callback query with the toast,
// once and before anything else the turn sends, so that the user's spinner
// stops at once. A failed answer is logged: the screen matters more.
func (t *Turn) answerFirst() {
	if t.answered || t.u.QueryID == "" {
		return
	}
	t.answered = true
	if err := t.e.cfg.Messenger.Answer(t.ctx, t.u.QueryID, t.toast); err != nil {
		t.e.cfg.Log.Warn("answer callback query", slog.Int64("chat_id", t.u.ChatID), slog.String("err", err.Error()))
	}
}

// Toast sets the plain text of the callback query's answer.
func (t *Turn) Toast(text string) { t.toast = text }

// Refuse answers a press that the user may not make, with the toast key;
// nothing changes and nothing is sent.
func (t *Turn) Refuse(key string) { t.stale, t.toast = true, t.Plain(key, nil) }

// StaleButton answers a press that is not (or no longer) for the current
// prompt; nothing changes.
func (t *Turn) StaleButton() { t.Refuse(keyFlowStale) }

// Quiet marks a press that needs no answer and changes nothing (a label
// of a calendar).
func (t *Turn) Quiet() { t.stale = true }

// Fail records a store error; the turn is rolled back and the user told
// of a technical problem.
func (t *Turn) Fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

// Failed reports whether a store error was recorded.
func (t *Turn) Failed() bool { return t.err != nil }

// Registered reports whether the session knows the user as registered. For
// rendering only: what touches records asks Actor.
func (t *Turn) Registered() bool { return t.sess.UserID != 0 }

// hasRole reports whether the session knows the user with role r. For
// rendering only (which menu entries to show): what touches records asks
// Actor.
func (t *Turn) hasRole(r domain.Role) bool { return slices.Contains(t.sess.Roles, r) }

// ConfiguredCoordinator reports whether the user is a coordinator by
// configuration (COORDINATOR_IDS).
func (t *Turn) ConfiguredCoordinator() bool { return t.e.cfg.Coordinators[t.u.UserID] }

// setLang switches the conversation's language.
func (t *Turn) setLang(lang string) { t.sess.Lang = lang }

// Flag reports whether the conversation carries the mark name (see
// domain.Session.Flags).
func (t *Turn) Flag(name string) bool { return slices.Contains(t.sess.Flags, name) }

// SetFlag puts the mark name on the conversation.
func (t *Turn) SetFlag(name string) {
	if !t.Flag(name) {
		t.sess.Flags = append(t.sess.Flags, name)
	}
}

// flagValue returns the value of the engine's flag "<prefix><value>"
// (the chat's menu, the gate's version, the last contact) and whether the
// conversation carries one.
func (t *Turn) flagValue(prefix string) (string, bool) {
	for _, f := range t.sess.Flags {
		if v, ok := strings.CutPrefix(f, prefix); ok {
			return v, true
		}
	}
	return "", false
}

// setFlagValue makes prefix+value the conversation's one flag of prefix;
// an empty value removes it.
func (t *Turn) setFlagValue(prefix, value string) {
	t.sess.Flags = slices.DeleteFunc(t.sess.Flags, func(f string) bool { return strings.HasPrefix(f, prefix) })
	if value != "" {
		t.sess.Flags = append(t.sess.Flags, prefix+value)
	}
}

// Get returns the answer of the running flow stored under key, "" when
// there is none.
func (t *Turn) Get(key string) string { return t.sess.Data[key] }

// Set stores an answer of the running flow under key.
func (t *Turn) Set(key, value string) {
	if t.sess.Data == nil {
		t.sess.Data = map[string]string{}
	}
	t.sess.Data[key] = value
}

// Del drops the answer stored under key, so that its step is asked again.
func (t *Turn) Del(key string) { delete(t.sess.Data, key) }
