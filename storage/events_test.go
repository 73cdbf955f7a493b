package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestCreateEventRefusesBadDraftsAndWritesNothing(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	now := w.clock.Now()
	tests := []struct {
		name   string
		change func(d *domain.EventDraft)
		want   domain.EventProblem
	}{
		{"title too short", func(d *domain.EventDraft) { d.Title = "  Ab " }, domain.ProblemEventTitle},
		{"title too long", func(d *domain.EventDraft) { d.Title = strings.Repeat("ä", 121) }, domain.ProblemEventTitle},
		{"description too long", func(d *domain.EventDraft) { d.Description = strings.Repeat("x", 2001) }, domain.ProblemEventDescription},
		{"end before start", func(d *domain.EventDraft) { d.End = d.Start.Add(-time.Minute) }, domain.ProblemEventEnd},
		{"end at start", func(d *domain.EventDraft) { d.End = d.Start }, domain.ProblemEventEnd},
		{"in the past", func(d *domain.EventDraft) {
			d.Start, d.End, d.Deadline = now.Add(-time.Hour), now.Add(time.Hour), time.Time{}
		}, domain.ProblemEventPast},
		{"neither place nor link", func(d *domain.EventDraft) { d.Place = "" }, domain.ProblemEventPlace},
		{"both place and link", func(d *domain.EventDraft) { d.Link = "https://meet.example/fest" }, domain.ProblemEventPlace},
		{"place too long", func(d *domain.EventDraft) { d.Place = strings.Repeat("p", 201) }, domain.ProblemEventPlaceLong},
		{"no city", func(d *domain.EventDraft) { d.City = " " }, domain.ProblemEventCity},
		{"unknown Bundesland", func(d *domain.EventDraft) { d.State = "XX" }, domain.ProblemEventState},
		{"no topic", func(d *domain.EventDraft) { d.Topics = nil }, domain.ProblemEventTopics},
		{"unknown topic", func(d *domain.EventDraft) { d.Topics = []domain.Topic{"cooking"} }, domain.ProblemEventTopics},
		{"repeated topic", func(d *domain.EventDraft) { d.Topics = []domain.Topic{domain.TopicYouth, domain.TopicYouth} }, domain.ProblemEventTopics},
		{"empty language", func(d *domain.EventDraft) { d.Languages = []string{""} }, domain.ProblemEventLanguages},
		{"eleven languages", func(d *domain.EventDraft) { d.Languages = strings.Split("a b c d e f g h i j k", " ") }, domain.ProblemEventLanguages},
		{"negative capacity", func(d *domain.EventDraft) { d.Capacity = -1 }, domain.ProblemEventCapacity},
		{"capacity too large", func(d *domain.EventDraft) { d.Capacity = 10001 }, domain.ProblemEventCapacity},
		{"deadline at start", func(d *domain.EventDraft) { d.Deadline = d.Start }, domain.ProblemEventDeadline},
		{"deadline past", func(d *domain.EventDraft) { d.Deadline = now.Add(-time.Minute) }, domain.ProblemEventDeadline},
		{"contact too long", func(d *domain.EventDraft) { d.Contact = strings.Repeat("c", 201) }, domain.ProblemEventContact},
		{"unknown need", func(d *domain.EventDraft) { d.Needs = []domain.EventNeed{"parking"} }, domain.ProblemEventNeeds},
		{"no organiser", func(d *domain.EventDraft) { d.OrganiserID = 0 }, domain.ProblemEventOrganiser},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := w.eventDraft()
			tc.change(&d)
			_, err := w.st.CreateEvent(context.Background(), d)
			var ee *domain.EventError
			if !errors.As(err, &ee) || ee.Problem != tc.want || !errors.Is(err, domain.ErrInvalid) {
				t.Fatalf("create: %v, want problem %s (ErrInvalid)", err, tc.want)
			}
		})
	}
	if n := w.count(t, `SELECT count(*) FROM events`); n != 0 {
		t.Fatalf("%d events written by bad drafts", n)
	}
	// The limits themselves are fine: 3 and 120 characters, capacity 0
	// and 10000, a link instead of a place, no deadline.
	for _, change := range []func(d *domain.EventDraft){
		func(d *domain.EventDraft) { d.Title, d.Capacity = "Abc", 0 },
		func(d *domain.EventDraft) { d.Title, d.Capacity = strings.Repeat("ä", 120), 10000 },
		func(d *domain.EventDraft) { d.Place, d.Link, d.Deadline = "", "https://meet.example/fest", time.Time{} },
	} {
		d := w.eventDraft()
		change(&d)
		if _, err := w.st.CreateEvent(context.Background(), d); err != nil {
			t.Fatalf("create at the limits: %v", err)
		}
	}
}

func TestCreateEventWhoMayAndReadBack(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	coord := registerUser(t, w.env, 2, "Koordination", domain.RoleCoordinator, "")
	pending := registerUser(t, w.env, 3, "Sabine Krüger", domain.RoleMunicipal, "Hattingen")
	verified := registerUser(t, w.env, 4, "Jonas Weber", domain.RoleMunicipal, "Witten")
	if _, err := w.db.Exec(ctx, `UPDATE municipal_contacts SET status = 'verified', decided_at = $2 WHERE user_id = $1`,
		verified.ID, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	member := registerUser(t, w.env, 5, "Ayşe Yılmaz", domain.RoleOrganisation, "")
	tests := []struct {
		name string
		user int64
		want error
	}{
		{"advisor", w.organiser.ID, nil},
		{"coordinator", coord.ID, nil},
		{"verified municipal contact", verified.ID, nil},
		{"municipal contact waiting for the office", pending.ID, domain.ErrForbidden},
		{"association member", member.ID, domain.ErrForbidden},
		{"unknown user", 999999, domain.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := w.eventDraft()
			d.OrganiserID = tc.user
			e, err := w.st.CreateEvent(ctx, d)
			if !errors.Is(err, tc.want) {
				t.Fatalf("create: %v, want %v", err, tc.want)
			}
			if err != nil {
				return
			}
			got, err := w.st.EventByID(ctx, e.ID)
			if err != nil || got.Status != domain.EventStateDraft || got.UID != domain.EventUID(e.ID) ||
				got.Title != d.Title || !got.Start.Equal(d.Start) || !got.Deadline.Equal(d.Deadline) ||
				len(got.Topics) != 2 || len(got.Needs) != 3 || got.Capacity != 80 || got.Sequence != 0 {
				t.Fatalf("read back %+v, %v", got, err)
			}
		})
	}
	if n := w.count(t, `SELECT count(*) FROM events WHERE organiser_id = ANY($1)`, []int64{pending.ID, member.ID}); n != 0 {
		t.Fatalf("%d events of users who may not", n)
	}
	if _, err := w.st.EventByID(ctx, 424242); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown event: %v", err)
	}
}

func TestUpdateEventOnlyDraftsOfTheOrganiser(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	other := registerUser(t, w.env, 2, "Anderer Berater", domain.RoleAdvisor, "")
	e := w.create(t)

	d := w.eventDraft()
	d.OrganiserID = other.ID
	if _, err := w.st.UpdateEvent(ctx, e.ID, other.ID, d); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("someone else's update: %v", err)
	}
	d = w.eventDraft()
	d.Title = "Fest der Kulturen"
	got, err := w.st.UpdateEvent(ctx, e.ID, w.organiser.ID, d)
	if err != nil || got.Title != "Fest der Kulturen" {
		t.Fatalf("update: %+v, %v", got, err)
	}
	d.Title = ""
	if _, err := w.st.UpdateEvent(ctx, e.ID, w.organiser.ID, d); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("bad update: %v", err)
	}
	if _, err := w.st.UpdateEvent(ctx, 424242, w.organiser.ID, w.eventDraft()); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown event: %v", err)
	}
	org, _ := w.addOrg(t, "Kulturverein Brücke e.V.", "Dortmund", 1)
	if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, []int64{org}, card); err != nil {
		t.Fatalf("publish: %v", err)
	}
	if _, err := w.st.UpdateEvent(ctx, e.ID, w.organiser.ID, w.eventDraft()); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("update after publishing: %v", err)
	}
	if got, _ := w.st.EventByID(ctx, e.ID); got.Title != "Fest der Kulturen" || got.Status != domain.EventPublished {
		t.Fatalf("after refused update: %+v", got)
	}
	list, err := w.st.EventsBy(ctx, w.organiser.ID)
	if err != nil || len(list) != 1 || list[0].ID != e.ID {
		t.Fatalf("events by organiser: %+v, %v", list, err)
	}
}

func TestUpdateEventRefusedOnceTheOrganiserLostTheRole(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e := w.create(t)
	if _, err := w.db.Exec(ctx, `DELETE FROM user_roles WHERE user_id = $1`, w.organiser.ID); err != nil {
		t.Fatal(err)
	}
	d := w.eventDraft()
	d.Title = "Fest der Kulturen"
	if _, err := w.st.UpdateEvent(ctx, e.ID, w.organiser.ID, d); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("update by a former advisor: %v", err)
	}
	if got, _ := w.st.EventByID(ctx, e.ID); got.Title != w.eventDraft().Title {
		t.Fatalf("title changed to %q", got.Title)
	}
}

func TestUpdateEventByACoordinatorKeepsTheOrganiser(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	coord := registerUser(t, w.env, 2, "Koordinatorin", domain.RoleCoordinator, "")
	other := registerUser(t, w.env, 3, "Anderer Berater", domain.RoleAdvisor, "")
	e := w.create(t)

	d := w.eventDraft()
	d.OrganiserID, d.Title = coord.ID, "Fest der Kulturen"
	got, err := w.st.UpdateEvent(ctx, e.ID, coord.ID, d)
	if err != nil || got.Title != "Fest der Kulturen" || got.OrganiserID != w.organiser.ID {
		t.Fatalf("coordinator's update: %+v, %v", got, err)
	}
	if n := w.count(t, `SELECT count(*) FROM audit_log WHERE actor_user_id = $1 AND action = 'event.update'`, coord.ID); n != 1 {
		t.Fatalf("%d audit entries by the coordinator, want 1", n)
	}
	d.OrganiserID, d.Title = other.ID, "Gekapert"
	if _, err := w.st.UpdateEvent(ctx, e.ID, other.ID, d); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("another advisor's update: %v", err)
	}
	if got, _ := w.st.EventByID(ctx, e.ID); got.Title != "Fest der Kulturen" || got.OrganiserID != w.organiser.ID {
		t.Fatalf("after the refused update: %+v", got)
	}
}
