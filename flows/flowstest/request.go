package flowstest

import (
	"context"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// SubmitRequest submits a request of p, a municipal contact of one
// municipality, straight in the store (key is its idempotency key): the
// intercultural opening of the administration, on site in the "Rathaus
// Hattingen", between 11 January and 26 February 2027, in Turkish; tandem
// asks for two advisors. Features whose tests start after the submission
// use it; the requests feature's tests go through the bot.
func (h *H) SubmitRequest(p Person, tandem bool, key string) domain.Request {
	h.T.Helper()
	ctx := context.Background()
	uid := h.UserID(p)
	muns, err := h.DB.MunicipalitiesOf(ctx, uid)
	if err != nil || len(muns) != 1 {
		h.T.Fatalf("municipalities of %d: %v %v", p.ID, muns, err)
	}
	r, _, err := h.DB.SubmitRequest(ctx, domain.RequestDraft{RequesterID: uid, MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte",
		Topic: domain.TopicInterculturalOpening, Description: "Wir möchten unsere Verwaltung interkulturell öffnen und " +
			"suchen Begleitung für zwei Workshops mit den Ämtern.", Goal: "Ein Leitbild", Format: domain.FormatOnSite,
		Earliest: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 2, 26, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus Hattingen", Languages: []string{"Türkisch"}, Urgency: domain.UrgencyNormal, Tandem: tandem}, key, nil)
	if err != nil {
		h.T.Fatalf("submit request: %v", err)
	}
	return r
}
