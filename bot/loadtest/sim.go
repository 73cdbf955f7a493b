package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// What the simulated municipal contacts type.
const (
	simName         = "Anna Beispiel"
	simMunicipality = "Hattingen"
	simFunction     = "Integrationsbeauftragte"
	simChatter      = "Wie geht es jetzt weiter?"
)

// Telegram ids of the simulated users: the warm-up users, the users of the
// conversation (RSS) phase, then the chats of the outbox phase.
const (
	firstUserID   = 7_000_000_000
	firstConvID   = 8_000_000_000
	firstOutboxID = 9_000_000_000
)

// errGaveUp: another user failed first, so this one stopped.
var errGaveUp = errors.New("gave up after another user failed")

// sim drives simulated users through the fake Bot API. Each user waits for
// the bot's reply before its next action.
type sim struct {
	fake    *telegramfake.Server
	texts   *engine.Texts
	timeout time.Duration // for one reply
	failed  atomic.Bool   // set at the first failure; the others stop at their next action
}

// action is one thing a user does and what the reply must contain.
type action struct {
	name   string
	text   string // sent as a message when press is ""
	press  string // the label of the inline button to press
	expect string // the reply's text must contain this; "" checks nothing
}

// tr is the German text of key, as the bot shows it.
func (s *sim) tr(key string, data map[string]any) string { return s.texts.T("de", key, data) }

// plain is the German plain text of key (a button label, a toast).
func (s *sim) plain(key string, data map[string]any) string { return s.texts.Plain("de", key, data) }

// simUser returns the simulated Telegram user with id.
func simUser(id int64) telegramfake.User {
	return telegramfake.User{ID: id, FirstName: "Test", LastName: "Kommune", LanguageCode: "de"}
}

// start is /start of a new user: the bot asks for the language.
func (s *sim) start(u telegramfake.User) action {
	return action{name: "/start", text: "/start", expect: s.tr("onb.lang_prompt", map[string]any{"Name": u.FirstName})}
}

// onboarding registers u as a municipal contact, every label taken from the
// German texts.
func (s *sim) onboarding(u telegramfake.User) []action {
	return []action{
		s.start(u),
		{name: "language", press: s.tr("lang.name", nil), expect: s.tr("onb.consent_prompt", nil)},
		{name: "consent", press: s.tr("btn.consent_yes", nil), expect: s.tr("onb.role_prompt", nil)},
		{name: "role", press: s.tr("role.municipal_contact", nil), expect: s.tr("onb.name_prompt", nil)},
		{name: "name", text: simName, expect: s.tr("onb.municipality_prompt", nil)},
		{name: "municipality", text: simMunicipality,
			expect: s.tr("onb.state_prompt", map[string]any{"Place": simMunicipality})},
		{name: "state", press: s.tr("state.NW", nil), expect: s.tr("onb.function_prompt", nil)},
		{name: "function", text: simFunction, expect: simFunction}, // the summary lists it
		{name: "confirm", press: s.tr("btn.confirm", nil), expect: s.tr("onb.done", nil)},
	}
}

// chatter is a plain text at the main menu: the bot answers with a hint.
func (s *sim) chatter() action {
	return action{name: "text at the menu", text: simChatter, expect: s.tr("hint.no_question", nil)}
}

// do performs a and waits for the reply. It returns the time from sending to
// the reply's arrival, or an error when there is no reply in time or it is
// not the expected one.
func (s *sim) do(u telegramfake.User, a action) (time.Duration, error) {
	if s.failed.Load() {
		return 0, errGaveUp
	}
	start := time.Now()
	if a.press != "" {
		if _, err := s.fake.Press(u, a.press); err != nil {
			return 0, s.fail(fmt.Errorf("user %d, %s: %w", u.ID, a.name, err))
		}
	} else {
		s.fake.SendText(u, a.text)
	}
	m, err := s.fake.Next(u.ID, s.timeout)
	took := time.Since(start)
	if err != nil {
		return took, s.fail(fmt.Errorf("user %d, %s: no reply: %w", u.ID, a.name, err))
	}
	if !strings.Contains(m.Text, a.expect) {
		return took, s.fail(fmt.Errorf("user %d, %s: unexpected reply %q", u.ID, a.name, clip(m.Text, 160)))
	}
	return took, nil
}

// fail records that a user failed and returns err.
func (s *sim) fail(err error) error {
	s.failed.Store(true)
	return err
}

// runUsers calls fn for i in [0, n) on at most parallel goroutines and
// returns the first error other than errGaveUp (or errGaveUp if that is all).
func runUsers(n, parallel int, fn func(i int) error) error {
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range min(parallel, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil || errors.Is(first, errGaveUp) && !errors.Is(err, errGaveUp) {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// clip shortens s to at most n bytes (on a rune boundary) for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
