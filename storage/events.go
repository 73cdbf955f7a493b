package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Events (issue 13): the drafts and reads. Publishing and the audience are
// in events_publish.go, the answers and the figures in events_answer.go.

var _ domain.EventStore = (*Store)(nil)

// eventCols are the columns of an event e, as scanEvent reads them.
const eventCols = `e.id, e.organiser_id, e.status, e.title, e.description, e.starts_at, e.ends_at, e.place, e.link,
	e.city, e.state, e.topics, e.languages, e.capacity, e.deadline, e.contact, e.needs, e.sequence,
	e.created_at, e.updated_at, e.published_at, e.cancelled_at, e.seats_taken, e.fair_max, e.new_first,
	e.confirm_hours, e.unanswered_reminded_at`

// eventRow holds a row of eventCols between scan and event.
type eventRow struct {
	e                   domain.Event
	status              string
	topics, needs       []string
	deadline, published *time.Time
	cancelled, reminded *time.Time
}

// dest returns the scan targets of eventCols.
func (r *eventRow) dest() []any {
	e := &r.e
	return []any{&e.ID, &e.OrganiserID, &r.status, &e.Title, &e.Description, &e.Start, &e.End, &e.Place, &e.Link,
		&e.City, &e.State, &r.topics, &e.Languages, &e.Capacity, &r.deadline, &e.Contact, &r.needs, &e.Sequence,
		&e.CreatedAt, &e.UpdatedAt, &r.published, &r.cancelled, &e.SeatsTaken, &e.Seating.FairMax,
		&e.Seating.NewFirst, &e.Seating.ConfirmHours, &r.reminded}
}

// event returns the event scanned.
func (r *eventRow) event() domain.Event {
	e := r.e
	e.UID, e.Status = domain.EventUID(e.ID), domain.EventState(r.status)
	e.Deadline, e.PublishedAt = deref(r.deadline), deref(r.published)
	e.CancelledAt, e.RemindedAt = deref(r.cancelled), deref(r.reminded)
	e.Topics = convert[domain.Topic](r.topics)
	e.Needs = convert[domain.EventNeed](r.needs)
	if len(e.Needs) == 0 {
		e.Needs = nil
	}
	if len(e.Languages) == 0 {
		e.Languages = nil
	}
	return e
}

// scanEvent reads a row of eventCols.
func scanEvent(row pgx.Row) (domain.Event, error) {
	var r eventRow
	if err := row.Scan(r.dest()...); err != nil {
		return domain.Event{}, err
	}
	return r.event(), nil
}

// convert turns strings into a string type T (nil stays nil).
func convert[T ~string](in []string) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = T(s)
	}
	return out
}

// Row locks eventBy may take.
const (
	noLock     = ""
	lockUpdate = " FOR UPDATE"
	// lockAnswer orders the answers to one event (the persons they count
	// follow each other) without blocking references to the row.
	lockAnswer = " FOR NO KEY UPDATE"
)

// eventBy reads event id through q (the pool, or a transaction that takes
// lock: noLock, lockUpdate or lockAnswer); pgx.ErrNoRows for none.
func eventBy(ctx context.Context, q querier, id int64, lock string) (domain.Event, error) {
	return scanEvent(q.QueryRow(ctx, `SELECT `+eventCols+` FROM events e WHERE e.id = $1`+lock, id))
}

// eventSubject names an event in audit_log.subject.
func eventSubject(id int64) string { return fmt.Sprintf("event:%d", id) }

// nullTime is t, or NULL for the zero time.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// insertEventSQL and updateEventSQL write a draft's columns ($2-$15 and
// the seating $17-$19) with $16 the time; $1 is the organiser of a new event or the
// id of the draft to update. Both return the event's id.
const (
	insertEventSQL = `INSERT INTO events (organiser_id, title, description, starts_at, ends_at, place, link,
		city, state, topics, languages, capacity, deadline, contact, needs, created_at, updated_at,
		fair_max, new_first, confirm_hours)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19) RETURNING id`
	updateEventSQL = `UPDATE events SET title = $2, description = $3, starts_at = $4, ends_at = $5,
		place = $6, link = $7, city = $8, state = $9, topics = $10, languages = $11, capacity = $12,
		deadline = $13, contact = $14, needs = $15, updated_at = $16, fair_max = $17, new_first = $18,
		confirm_hours = $19
	WHERE id = $1 AND status = 'draft' RETURNING id`
)

// saveDraft writes d inside tx at now, as a new event when id is 0 and
// over draft id otherwise (its organiser stays), with an audit entry by
// actorID, and reads the event back.
func saveDraft(ctx context.Context, tx pgx.Tx, id, actorID int64, d domain.EventDraft, now time.Time) (domain.Event, error) {
	action, sql, first := "event.update", updateEventSQL, id
	if id == 0 {
		action, sql, first = "event.create", insertEventSQL, d.OrganiserID
	}
	err := tx.QueryRow(ctx, sql, first, d.Title, d.Description, d.Start, d.End, d.Place, d.Link, d.City, d.State,
		texts(d.Topics), texts(d.Languages), d.Capacity, nullTime(d.Deadline), d.Contact, texts(d.Needs), now,
		d.Seating.FairMax, d.Seating.NewFirst, confirmHours(d.Seating)).Scan(&id)
	if err != nil {
		return domain.Event{}, err
	}
	if err := audit(ctx, tx, now, actorID, action, eventSubject(id), map[string]any{"event_id": id}); err != nil {
		return domain.Event{}, err
	}
	return eventBy(ctx, tx, id, noLock)
}

// confirmHours is the confirm window s stores: its own, or the default.
func confirmHours(s domain.EventSeating) int {
	if s.ConfirmHours == 0 {
		return domain.DefaultConfirmHours
	}
	return s.ConfirmHours
}

// CreateEvent stores d as a draft (see domain.EventStore).
func (s *Store) CreateEvent(ctx context.Context, d domain.EventDraft) (domain.Event, error) {
	now := s.now()
	if err := domain.ValidateEvent(d, now); err != nil {
		return domain.Event{}, opErr("create event", err)
	}
	var e domain.Event
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		a, err := actorByID(ctx, tx, d.OrganiserID)
		if err != nil {
			return err
		}
		if !domain.CanCreateEvent(a) {
			return domain.ErrForbidden
		}
		e, err = saveDraft(ctx, tx, 0, d.OrganiserID, d, now)
		return err
	})
	if err != nil {
		return domain.Event{}, mapErr("create event", err)
	}
	return e, nil
}

// UpdateEvent replaces a draft's fields by actorID, keeping its organiser
// (see domain.EventStore).
func (s *Store) UpdateEvent(ctx context.Context, id, actorID int64, d domain.EventDraft) (domain.Event, error) {
	now := s.now()
	op := fmt.Sprintf("update event %d", id)
	var e domain.Event
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		old, err := managedEvent(ctx, tx, id, actorID, lockUpdate)
		if err != nil {
			return err
		}
		if old.Status != domain.EventStateDraft {
			return domain.ErrConflict
		}
		d.OrganiserID = old.OrganiserID
		if err := domain.ValidateEvent(d, now); err != nil {
			return err
		}
		e, err = saveDraft(ctx, tx, id, actorID, d, now)
		return err
	})
	if err != nil {
		return domain.Event{}, mapErr(op, err)
	}
	return e, nil
}

// EventByID returns the event, or domain.ErrNotFound.
func (s *Store) EventByID(ctx context.Context, id int64) (domain.Event, error) {
	e, err := eventBy(ctx, s.pool, id, noLock)
	if err != nil {
		return domain.Event{}, mapErr(fmt.Sprintf("event %d", id), err)
	}
	return e, nil
}

// EventsBy returns the events of organiser userID, latest start first.
func (s *Store) EventsBy(ctx context.Context, userID int64) ([]domain.Event, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+eventCols+` FROM events e WHERE e.organiser_id = $1
		ORDER BY e.starts_at DESC, e.id DESC`, userID)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Event, error) { return scanEvent(row) })
	if err != nil {
		return nil, mapErr(fmt.Sprintf("events of user %d", userID), err)
	}
	return out, nil
}
