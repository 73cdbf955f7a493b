package flows

import (
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/account"
	"github.com/miglobe/miglobe-bot/flows/advisors"
	"github.com/miglobe/miglobe-bot/flows/appointments"
	"github.com/miglobe/miglobe-bot/flows/assignments"
	"github.com/miglobe/miglobe-bot/flows/billing"
	"github.com/miglobe/miglobe-bot/flows/contacts"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/events"
	"github.com/miglobe/miglobe-bot/flows/invitations"
	"github.com/miglobe/miglobe-bot/flows/invites"
	"github.com/miglobe/miglobe-bot/flows/mydata"
	"github.com/miglobe/miglobe-bot/flows/offers"
	"github.com/miglobe/miglobe-bot/flows/onboarding"
	"github.com/miglobe/miglobe-bot/flows/reports"
	"github.com/miglobe/miglobe-bot/flows/requests"
)

// Stores is every store the features use; storage.Store implements it.
type Stores interface {
	domain.ActorStore
	domain.UserStore
	domain.InviteStore
	domain.RequestStore
	domain.ContactStore
	domain.ProfileStore
	domain.ShownStore
	domain.AdvisorStore
	domain.OfferStore
	domain.AssignmentStore
	domain.AppointmentStore
	domain.ReportStore
	domain.OverdueStore
	domain.EventStore
	domain.OrganisationStore
	domain.OrganisationSearch
	domain.ExportStore
}

// Config is what the features and the engine need.
type Config struct {
	Stores       Stores
	Messenger    engine.Messenger
	DefaultLang  string         // "": German
	Clock        domain.Clock   // nil: time.Now
	Coordinators map[int64]bool // Telegram ids that are coordinators from their first contact
	IdleTimeout  time.Duration  // 0: 24h
	Location     *time.Location // nil: Europe/Berlin
	Log          *slog.Logger   // nil: slog.Default()
	Office       domain.Office  // how to reach the programme office; zero: not configured
	OfferWindow  time.Duration  // how long advisors have to answer an offer; 0: 48 hours
	KmRateCents  int            // what a kilometre travelled is paid, in cents; 0: 30
	// BotUsername is the bot's Telegram username, for invite links
	// (https://t.me/<username>?start=<code>); "": no links can be made.
	BotUsername string
	// InviteValidity is how long an invite link is valid; 0: a week.
	InviteValidity time.Duration
	// Extra registers more features after the standard ones (tests add a
	// feature of their own this way).
	Extra []func(r *engine.Registry)
}

// New registers every feature and returns the engine. It returns the
// engine's error (see engine.New).
func New(cfg Config) (*engine.Engine, error) {
	r := registry(cfg.Stores, cfg)
	return engine.New(engine.Config{
		Actors: cfg.Stores, Messenger: cfg.Messenger, DefaultLang: cfg.DefaultLang, Clock: cfg.Clock,
		Coordinators: cfg.Coordinators, IdleTimeout: cfg.IdleTimeout, Location: cfg.Location, Log: cfg.Log,
		Office: cfg.Office,
		Shown:  cfg.Stores,
	}, r)
}

// registry registers every feature on a new registry: one line a feature.
// cfg gives their settings and the extra features.
func registry(s Stores, cfg Config) *engine.Registry {
	r := engine.NewRegistry()
	checks := contacts.Deps{Users: s, Contacts: s}
	onboarding.Register(r, onboarding.Deps{Users: s, Invites: s, Announce: checks.Announce})
	offering := offers.Deps{Offers: s, Requests: s, Users: s, Advisors: s, Window: cfg.OfferWindow}
	appointing := appointments.Deps{Appointments: s, Requests: s, Offers: s, Assignments: s}
	reporting := reports.Deps{Reports: s, Requests: s, Offers: s, Appointments: s, Assignments: s, Users: s,
		KmRateCents: cfg.KmRateCents}
	requests.Register(r, requests.Deps{Requests: s, Users: s,
		Offer: requests.OfferHooks{Approved: offering.AfterApproval, Button: offers.OfferButton, Withdrawn: offering.Withdrawn},
		Lines: []requests.DetailLines{offering.DetailLines, appointing.DetailLines, reporting.DetailLines}})
	contacts.Register(r, checks)
	account.Register(r, account.Deps{Users: s, Profiles: s, Requests: s, Advisors: s, Announce: checks.Announce})
	advisors.Register(r, advisors.Deps{Advisors: s})
	offers.Register(r, offering)
	assignments.Register(r, assignments.Deps{Assignments: s, Advisors: s, Offers: s, Requests: s, Users: s,
		OfferNotes: offering.ChangeNotes, Overdue: s, ReportButton: reports.ReportButton})
	appointments.Register(r, appointing)
	reports.Register(r, reporting)
	billing.Register(r, billing.Deps{Reports: s})
	invites.Register(r, invites.Deps{Invites: s, BotUsername: cfg.BotUsername, Validity: cfg.InviteValidity})
	inviting := invitations.Deps{Events: s, Organisations: s, Users: s}
	invitations.Register(r, inviting)
	events.Register(r, events.Deps{Events: s, Search: s, Users: s, Advisors: s, Cards: inviting.Cards,
		Updates: inviting.Updates, Unanswered: inviting.Unanswered})
	mydata.Register(r, mydata.Deps{Export: s})
	for _, register := range cfg.Extra {
		register(r)
	}
	return r
}

// Texts returns the texts of the engine and every feature, for tools and
// tests that speak the bot's language (the load generator, the sandbox
// tests). It returns the error of engine.LoadTexts.
func Texts(defaultLang string) (*engine.Texts, error) {
	return registry(nil, Config{}).LoadTexts(defaultLang)
}
