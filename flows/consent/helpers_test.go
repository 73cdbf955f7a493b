package consent_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"testing/fstest"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// version2 are the texts of a privacy notice version 2, as a release that
// raises the version brings them.
var version2 = fstest.MapFS{
	"locales/de.toml": {Data: []byte(`[consent]
privacy_v2 = "<b>Datenschutz (neu)</b> Wir speichern jetzt auch Ihre Terminzusagen."
changes_v2 = "<b>Was ist neu:</b> Terminzusagen werden gespeichert."
`)},
	"locales/en.toml": {Data: []byte(`[consent]
privacy_v2 = "<b>Privacy (new)</b> We now also store your appointment answers."
changes_v2 = "<b>What is new:</b> appointment answers are stored."
`)},
}

// release swaps h's engine for one of a release whose privacy notice has
// version v (with version2's texts), on the same store, chats and
// sessions: the deploy of a new privacy notice.
func release(t *testing.T, h *flowstest.H, v int) {
	t.Helper()
	e, err := flows.New(flows.Config{
		Stores: h.Store, Messenger: h.Msgr, Clock: h.Clock.Now, DefaultLang: "de", Location: h.Location,
		Coordinators: map[int64]bool{flowstest.CoordinatorID: true, flowstest.Coordinator2ID: true},
		IdleTimeout:  24 * time.Hour, BotUsername: flowstest.BotUsername, PrivacyVersion: v,
		Log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		Extra: []func(*engine.Registry){func(r *engine.Registry) { r.Texts(version2) }},
	})
	if err != nil {
		t.Fatalf("flows.New: %v", err)
	}
	h.Engine, h.Texts = e, e.Texts()
}

// consents returns p's consents as stored, oldest first.
func consents(h *flowstest.H, p flowstest.Person) []domain.Consent {
	h.T.Helper()
	list, err := h.DB.ConsentsOf(context.Background(), h.UserID(p))
	if err != nil {
		h.T.Fatal(err)
	}
	return list
}

// holding returns the version of each purpose p's newest consent holds
// (withdrawn ones are absent).
func holding(h *flowstest.H, p flowstest.Person) map[string]int {
	h.T.Helper()
	out := map[string]int{}
	for _, c := range consents(h, p) {
		delete(out, c.Purpose)
		if c.Holds() {
			out[c.Purpose] = c.Version
		}
	}
	return out
}
