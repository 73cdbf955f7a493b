package retention

import (
	"embed"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the retention jobs need. Zero periods take the defaults
// of issue 15 (see Periods).
type Deps struct {
	Store domain.RetentionStore
	// Billing deletes the locked billing records whose period ended; nil:
	// the job is not registered (part 2 of issue 15 provides it).
	Billing domain.BillingPurger
	Periods Periods
}

// Periods is how long each kind of record is kept.
type Periods struct {
	Drafts   domain.Period // event drafts since their last change; default 30 days
	Outbox   domain.Period // outbox messages since sent or given up; default 30 days
	Requests domain.Period // declined and withdrawn requests since their last change; default 1 year
	Answers  domain.Period // an event's invitations and answers after it ended; default 6 months
	Inactive domain.Period // users since their last contact; default 2 years
	// FirstWarning and SecondWarning are how long before the erasure an
	// inactive user is warned; defaults 30 and 7 days.
	FirstWarning, SecondWarning time.Duration
}

// withDefaults is p with the zero periods set to the defaults.
func (p Periods) withDefaults() Periods {
	def := func(v *domain.Period, d domain.Period) {
		if v.IsZero() {
			*v = d
		}
	}
	def(&p.Drafts, domain.Period{Days: 30})
	def(&p.Outbox, domain.Period{Days: 30})
	def(&p.Requests, domain.Period{Years: 1})
	def(&p.Answers, domain.Period{Months: 6})
	def(&p.Inactive, domain.Period{Years: 2})
	if p.FirstWarning <= 0 {
		p.FirstWarning = 30 * 24 * time.Hour
	}
	if p.SecondWarning <= 0 {
		p.SecondWarning = 7 * 24 * time.Hour
	}
	return p
}

// feature is the feature name in durable buttons: "*:rt:<action>:<id>".
const feature = "rt"

// actKeep takes a user id: the user keeps their account (any contact
// does; the button makes it one tap).
const actKeep = "keep"

// Job names, for the logs and the scheduler's lock.
const (
	JobDrafts   = "retention.drafts"
	JobOutbox   = "retention.outbox"
	JobRequests = "retention.requests"
	JobAnswers  = "retention.answers"
	JobBilling  = "retention.billing"
	JobInactive = "retention.inactive"
)

// Register adds the daily retention jobs (at night, a few minutes apart),
// the button of the inactivity warning and the texts.
func Register(r *engine.Registry, d Deps) {
	d.Periods = d.Periods.withDefaults()
	r.Texts(locales)
	r.Durable(feature, actKeep, d.keep)
	p := d.Periods
	r.Job(engine.Job{Name: JobDrafts, Spec: "17 3 * * *",
		Run: d.purging("retention: event drafts removed", domain.RetentionStore.PurgeEventDrafts, p.Drafts)})
	r.Job(engine.Job{Name: JobOutbox, Spec: "22 3 * * *",
		Run: d.purging("retention: outbox messages removed", domain.RetentionStore.PurgeOutbox, p.Outbox)})
	r.Job(engine.Job{Name: JobRequests, Spec: "27 3 * * *",
		Run: d.purging("retention: declined and withdrawn requests removed", domain.RetentionStore.PurgeEndedRequests, p.Requests)})
	r.Job(engine.Job{Name: JobAnswers, Spec: "32 3 * * *", // counts events
		Run: d.purging("retention: answer lists of past events removed", domain.RetentionStore.PurgeEventAnswers, p.Answers)})
	if d.Billing != nil {
		r.Job(engine.Job{Name: JobBilling, Spec: "37 3 * * *", Run: d.purgeBilling})
	}
	r.Job(engine.Job{Name: JobInactive, Spec: "42 3 * * *", Run: d.inactive})
}

// keep thanks the user who tapped "Konto behalten" under a warning: the
// turn itself recorded the contact (the engine touches every registered
// user), which took the warnings off. A press on another user's button
// (forged) changes nothing.
func (d Deps) keep(t *engine.Turn, id int64) {
	a, ok := t.Actor()
	switch {
	case t.Failed():
	case !ok || a.ID != id:
		t.Refuse(engine.KeyForbidden)
	default:
		t.Note(keyKept, nil)
	}
}
