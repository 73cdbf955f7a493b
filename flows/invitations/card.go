package invitations

import (
	"fmt"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Cards returns the notify function with which the organiser's turn t
// publishes event e (domain.EventStore.Publish): each invitation's card,
// in the language of the invitation. It does no I/O when called.
func (d Deps) Cards(t *engine.Turn, e domain.Event) (func(domain.EventInvitation) []domain.Notification, error) {
	tx, loc := t.Texts(), t.Location()
	return func(inv domain.EventInvitation) []domain.Notification {
		lang := inv.Lang
		if !tx.Supports(lang) {
			lang = tx.Default()
		}
		text := tx.T(lang, keyCard, map[string]any{"Title": e.Title, "When": tx.Span(lang, e.Start, e.End, loc)})
		return []domain.Notification{{ChatID: inv.ChatID, Lang: lang, Message: domain.Message{Text: text},
			About: domain.About{Subject: fmt.Sprintf("ev:%d:%d", e.ID, inv.OrganisationID), Kind: "card"}}}
	}, nil
}
