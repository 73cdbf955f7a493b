package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// reqEnv is an env with a municipal contact (Hattingen) and two coordinators.
type reqEnv struct {
	env
	requester domain.User
	mun       domain.MunicipalContact
	coordA    domain.User
	coordB    domain.User
}

func newReqEnv(t *testing.T) reqEnv {
	t.Helper()
	e := reqEnv{env: newEnv(t)}
	e.requester = registerUser(t, e.env, 1, "Sabine Krüger", domain.RoleMunicipal, "Hattingen")
	e.coordA = registerUser(t, e.env, 2, "Koordination A", domain.RoleCoordinator, "")
	e.coordB = registerUser(t, e.env, 3, "Koordination B", domain.RoleCoordinator, "")
	muns, err := e.st.MunicipalitiesOf(context.Background(), e.requester.ID)
	if err != nil || len(muns) != 1 {
		t.Fatalf("municipalities of requester: %+v, %v", muns, err)
	}
	e.mun = muns[0]
	return e
}

// registerUser makes a user with role; municipality names the municipal profile.
func registerUser(t *testing.T, e env, tgID int64, name string, role domain.Role, municipality string) domain.User {
	t.Helper()
	r := registration(e, tgID, role)
	r.Name = name
	if municipality != "" {
		r.Municipal.Municipality = municipality
	}
	u, err := e.st.Register(context.Background(), r, nil)
	if err != nil {
		t.Fatalf("register %s: %v", role, err)
	}
	return u
}

// draft returns a valid draft of the requester.
func (e reqEnv) draft() domain.RequestDraft {
	return e.draftOf(e.requester.ID, e.mun.MunicipalityID)
}

func (e reqEnv) draftOf(userID, municipalityID int64) domain.RequestDraft {
	return domain.RequestDraft{
		RequesterID: userID, MunicipalityID: municipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte",
		Topic: domain.TopicMigrantOrganisations, Description: "Wir möchten Migrantenorganisationen einbinden.",
		Goal: "Ein gemeinsames Netzwerk", Format: domain.FormatHybrid,
		Earliest: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus Hattingen", Languages: []string{"Türkisch", "Arabisch"}, TargetGroups: "Vereine",
		Tandem: true, Urgency: domain.UrgencyHigh,
	}
}

// submit submits a valid draft under key and fails the test on error.
func (e reqEnv) submit(t *testing.T, key string, notify func(domain.Request) []domain.Notification) domain.Request {
	t.Helper()
	r, created, err := e.st.SubmitRequest(context.Background(), e.draft(), key, notify)
	if err != nil || !created {
		t.Fatalf("submit %s: created=%v, %v", key, created, err)
	}
	return r
}

// toCoordinators is a notify that tells both coordinators of a request.
func (e reqEnv) toCoordinators(r domain.Request) []domain.Notification {
	var notes []domain.Notification
	for _, c := range []domain.User{e.coordA, e.coordB} {
		notes = append(notes, domain.Notification{ChatID: c.ChatID, Message: domain.Message{
			Text:    fmt.Sprintf("Neue Anfrage %s (%s)", r.Ref, r.Status),
			Buttons: [][]domain.Button{{{Label: "OK", Data: fmt.Sprintf("rq:%d", r.ID)}}},
		}})
	}
	return notes
}

// toRequester is a notify that tells the requester of a change.
func (e reqEnv) toRequester(r domain.Request) []domain.Notification {
	return []domain.Notification{{ChatID: e.requester.ChatID,
		Message: domain.Message{Text: fmt.Sprintf("%s: %s", r.Ref, r.Status)}}}
}

// counts returns the number of requests, history rows and outbox rows.
func (e reqEnv) counts(t *testing.T) [3]int {
	t.Helper()
	return [3]int{
		e.count(t, `SELECT count(*) FROM requests`),
		e.count(t, `SELECT count(*) FROM request_events`),
		e.count(t, `SELECT count(*) FROM outbox`),
	}
}

// texts returns the outbox texts, oldest first.
func (e reqEnv) texts(t *testing.T) []string {
	t.Helper()
	rows, err := e.db.Query(context.Background(), `SELECT text FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatalf("outbox: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("outbox row: %v", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("outbox rows: %v", err)
	}
	return out
}
