package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Store keeps the records in PostgreSQL. It implements the store
// interfaces of flows/domain and is safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
	now  domain.Clock
	zone *time.Location // the programme's calendar: what "today" is
	// billingYears is how long billing records stay locked after the end
	// of their confirmation's year (see WithBillingRetention).
	billingYears int
}

var (
	_ domain.ActorStore   = (*Store)(nil)
	_ domain.UserStore    = (*Store)(nil)
	_ domain.InviteStore  = (*Store)(nil)
	_ domain.RequestStore = (*Store)(nil)
	_ domain.ContactStore = (*Store)(nil)
	_ domain.ProfileStore = (*Store)(nil)

	_ domain.OrganisationStore = (*Store)(nil)

	_ domain.AppointmentStore = (*Store)(nil)
)

// Option changes a Store built by Open.
type Option func(*Store)

// WithClock makes the Store take "now" (consent checks, invite expiry,
// timestamps it writes) from c instead of time.Now. Tests own the clock.
func WithClock(c domain.Clock) Option {
	return func(s *Store) {
		if c != nil {
			s.now = c
		}
	}
}

// WithZone makes the Store take calendar days (the dates of a report, the
// day an advisor took a seat) in loc instead of Europe/Berlin.
func WithZone(loc *time.Location) Option {
	return func(s *Store) {
		if loc != nil {
			s.zone = loc
		}
	}
}

// WithBillingRetention makes an erasure lock the billing records of
// confirmed reports for years after the end of their confirmation's year
// (BILLING_RETENTION) instead of domain.DefaultBillingRetention; years
// below 1 keep the default.
func WithBillingRetention(years int) Option {
	return func(s *Store) {
		if years >= 1 {
			s.billingYears = years
		}
	}
}

// Pool defaults, used unless the URL sets pool_max_conns and friends.
const (
	defaultMaxConns        = 16
	defaultMinConns        = 1
	defaultHealthCheck     = 30 * time.Second
	defaultMaxConnIdleTime = 5 * time.Minute
	defaultMaxConnLifetime = time.Hour
	pingAfterIdle          = 200 * time.Millisecond
)

// Open connects to databaseURL (a postgres:// URL or a key=value string),
// checks the connection, applies the pending migrations and returns the
// Store. Several processes may call Open at the same time on the same
// database: migrations run one at a time under a Postgres advisory lock. It
// returns an error when the URL is invalid, the database is unreachable or a
// migration fails; nothing stays open then.
func Open(ctx context.Context, databaseURL string, opts ...Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("storage: parse database url: %w", err)
	}
	if !strings.Contains(databaseURL, "pool_max_conns") {
		cfg.MaxConns = defaultMaxConns
	}
	if !strings.Contains(databaseURL, "pool_min_conns") {
		cfg.MinConns = defaultMinConns
	}
	if !strings.Contains(databaseURL, "pool_health_check_period") {
		cfg.HealthCheckPeriod = defaultHealthCheck
	}
	if !strings.Contains(databaseURL, "pool_max_conn_idle_time") {
		cfg.MaxConnIdleTime = defaultMaxConnIdleTime
	}
	if !strings.Contains(databaseURL, "pool_max_conn_lifetime") {
		cfg.MaxConnLifetime = defaultMaxConnLifetime
	}
	// After a Postgres restart every idle connection holds the server's
	// goodbye and fails its next query. Connections idle for a while are
	// pinged when taken from the pool (and dropped if dead), so the first
	// user after an outage is not told to try again; busy connections are
	// not pinged, so the cost stays off the hot path.
	cfg.ShouldPing = func(_ context.Context, p pgxpool.ShouldPingParams) bool {
		return p.IdleDuration > pingAfterIdle
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "miglobe-bot"
	}

	if err := migrate(ctx, cfg.ConnConfig.Copy()); err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("storage: open pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("storage: ping database: %w", err)
	}
	s := &Store{pool: pool, now: time.Now, zone: berlin(), billingYears: domain.DefaultBillingRetention}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Close closes every connection of the pool; it waits for connections in use
// to be released. Calling it twice is safe.
func (s *Store) Close() {
	s.pool.Close()
}

// Ping checks that the database answers; it returns the connection error
// otherwise (for /readyz).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("storage: ping database: %w", err)
	}
	return nil
}

// berlin is Europe/Berlin, or UTC where the zone cannot be loaded (the
// binary embeds time/tzdata, so only a bare test machine gets UTC).
func berlin() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.UTC
	}
	return loc
}
