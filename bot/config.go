package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // BOT_TIMEZONE must work on machines without zoneinfo files

	"github.com/caarlos0/env/v11"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Config is the bot's configuration. The fields with an env tag come from the
// environment (see LoadConfig and the table in README.md); the others are set
// by code (tests, the sandbox, the benchmark).
type Config struct {
	Token                 string         `env:"TELEGRAM_BOT_TOKEN"`
	APIURL                string         `env:"TELEGRAM_API_URL" envDefault:"https://api.telegram.org"`
	DatabaseURL           string         `env:"DATABASE_URL"`
	RedisURL              string         `env:"REDIS_URL"`
	Mode                  string         `env:"BOT_MODE" envDefault:"polling"`
	WebhookListenAddr     string         `env:"WEBHOOK_LISTEN_ADDR"`
	WebhookPublicURL      string         `env:"WEBHOOK_PUBLIC_URL"`
	WebhookSecret         string         `env:"WEBHOOK_SECRET"`
	HTTPAddr              string         `env:"HTTP_ADDR" envDefault:"127.0.0.1:9090"`
	SandboxAddr           string         `env:"SANDBOX_ADDR" envDefault:":8080"`
	Coordinators          []int64        `env:"COORDINATOR_IDS" envSeparator:","`
	Location              *time.Location `env:"BOT_TIMEZONE" envDefault:"Europe/Berlin"`
	DefaultLang           string         `env:"BOT_DEFAULT_LANGUAGE" envDefault:"de"`
	IdleTimeout           time.Duration  `env:"SESSION_IDLE_TIMEOUT" envDefault:"24h"`
	Workers               int            `env:"BOT_WORKERS" envDefault:"64"`
	OutboxGlobalPerSecond int            `env:"OUTBOX_GLOBAL_PER_SECOND" envDefault:"30"`
	OutboxChatPerSecond   int            `env:"OUTBOX_CHAT_PER_SECOND" envDefault:"1"`
	OfficeEmail           string         `env:"OFFICE_EMAIL"`
	OfficePhone           string         `env:"OFFICE_PHONE"`
	OfficeHours           string         `env:"OFFICE_HOURS"`
	ReviewDays            int            `env:"REVIEW_DAYS" envDefault:"5"`
	OfferHours            int            `env:"OFFER_HOURS" envDefault:"48"`   // how long advisors have to answer an offer
	KmRateCents           int            `env:"KM_RATE_CENTS" envDefault:"30"` // what a kilometre travelled is paid, in cents
	InviteDays            int            `env:"INVITE_DAYS" envDefault:"7"`
	BillingRetention      int            `env:"BILLING_RETENTION" envDefault:"8"` // years confirmed reports stay locked after the end of their year
	BotUsername           string         `env:"BOT_USERNAME"`                     // "": asked with getMe at start (see Username)
	LeaderRetry           time.Duration  `env:"LEADER_RETRY" envDefault:"5s"`     // how often a follower tries to lead the scheduler
	JobEvery              time.Duration  `env:"JOB_EVERY"`                        // tests and trials: every job at this interval instead of its schedule

	PollTimeout time.Duration         `env:"-"` // long-poll timeout of getUpdates; default 25s
	Clock       domain.Clock          `env:"-"` // default time.Now
	Log         *slog.Logger          `env:"-"` // default slog.Default()
	Registry    prometheus.Registerer `env:"-"` // default a fresh registry served at /metrics
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	// usernamePattern is a bot's Telegram username, without the @.
	usernamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)
)

// LoadConfig reads the configuration from environ (as os.Environ gives it). A
// missing or malformed value is an error of one line naming the variable; the
// token's value never appears in it.
func LoadConfig(environ []string) (Config, error) {
	vars := make(map[string]string, len(environ))
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		if k == "COORDINATOR_IDS" {
			v = strings.Join(strings.Fields(strings.ReplaceAll(v, ",", " ")), ",")
		}
		vars[k] = v
	}
	var c Config
	if err := env.ParseWithOptions(&c, env.Options{Environment: vars}); err != nil {
		return Config{}, envError(err)
	}
	if err := c.validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// envError turns the env library's error into one line naming the variable.
func envError(err error) error {
	var agg env.AggregateError
	if errors.As(err, &agg) && len(agg.Errors) > 0 {
		err = agg.Errors[0]
	}
	var pe env.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("config: %s is malformed", envName(pe.Name))
	}
	return fmt.Errorf("config: %w", err)
}

// envName maps a Config field name to its environment variable.
func envName(field string) string {
	names := map[string]string{
		"Coordinators":          "COORDINATOR_IDS (comma-separated Telegram user ids)",
		"Location":              "BOT_TIMEZONE (an IANA time zone such as Europe/Berlin)",
		"IdleTimeout":           "SESSION_IDLE_TIMEOUT (a duration such as 24h or 30m)",
		"Workers":               "BOT_WORKERS (a number)",
		"InviteDays":            "INVITE_DAYS (a number of days)",
		"OutboxGlobalPerSecond": "OUTBOX_GLOBAL_PER_SECOND (a number)",
		"OutboxChatPerSecond":   "OUTBOX_CHAT_PER_SECOND (a number)",
		"LeaderRetry":           "LEADER_RETRY (a duration such as 5s)",
		"JobEvery":              "JOB_EVERY (a duration such as 2s)",
	}
	if n, ok := names[field]; ok {
		return n
	}
	return field
}

func (c *Config) validate() error {
	bad := func(name, why string) error { return fmt.Errorf("config: %s %s", name, why) }
	if c.Token != "" && !tokenPattern.MatchString(c.Token) {
		return bad("TELEGRAM_BOT_TOKEN", "does not look like a token from BotFather (digits, a colon, then letters)")
	}
	if err := checkURL(c.APIURL); err != nil {
		return bad("TELEGRAM_API_URL", err.Error())
	}
	if c.DatabaseURL == "" {
		return bad("DATABASE_URL", "is required (make run sets it for you)")
	}
	if c.RedisURL == "" {
		return bad("REDIS_URL", "is required (make run sets it for you)")
	}
	if !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") && !strings.HasPrefix(c.RedisURL, "unix://") {
		return bad("REDIS_URL", "must start with redis://, rediss:// or unix://")
	}
	switch c.Mode {
	case "sandbox":
		if c.Token != "" {
			return bad("TELEGRAM_BOT_TOKEN", "must be unset in BOT_MODE=sandbox: the sandbox talks to its own fake Telegram")
		}
	case "polling", "webhook":
		if c.Token == "" {
			return bad("TELEGRAM_BOT_TOKEN", "is required (from BotFather); to try the bot without Telegram, run it with BOT_MODE=sandbox, as make run does")
		}
	}
	switch c.Mode {
	case "polling", "sandbox":
	case "webhook":
		if err := checkURL(c.WebhookPublicURL); err != nil {
			return bad("WEBHOOK_PUBLIC_URL", err.Error())
		}
		if c.WebhookListenAddr == "" {
			return bad("WEBHOOK_LISTEN_ADDR", "is required in webhook mode (for example :8443)")
		}
		if !secretPattern.MatchString(c.WebhookSecret) {
			return bad("WEBHOOK_SECRET", "is required in webhook mode: 1-256 characters of A-Z a-z 0-9 _ -")
		}
	default:
		return bad("BOT_MODE", "must be polling, webhook or sandbox")
	}
	if c.DefaultLang != "de" && c.DefaultLang != "en" {
		return bad("BOT_DEFAULT_LANGUAGE", "must be de or en")
	}
	if c.IdleTimeout < time.Minute {
		return bad("SESSION_IDLE_TIMEOUT", "must be at least 1m")
	}
	if c.Workers < 1 || c.Workers > 10000 {
		return bad("BOT_WORKERS", "must be between 1 and 10000")
	}
	if c.OfficeEmail != "" && (!strings.Contains(c.OfficeEmail, "@") || strings.ContainsAny(c.OfficeEmail, " <>")) {
		return bad("OFFICE_EMAIL", "does not look like an e-mail address")
	}
	if len(c.OfficePhone) > 40 || len(c.OfficeHours) > 80 {
		return bad("OFFICE_PHONE or OFFICE_HOURS", "is too long (40 and 80 characters at most)")
	}
	if c.OfferHours < 1 || c.OfferHours > 24*14 {
		return bad("OFFER_HOURS", "must be between 1 and 336 (14 days)")
	}
	if c.KmRateCents < 1 || c.KmRateCents > 100 {
		return bad("KM_RATE_CENTS", "must be between 1 and 100 (cents per kilometre)")
	}
	if c.ReviewDays < 0 || c.ReviewDays > 60 {
		return bad("REVIEW_DAYS", "must be between 0 (not said) and 60")
	}
	if c.BillingRetention < 1 || c.BillingRetention > 30 {
		return bad("BILLING_RETENTION", "must be between 1 and 30 (years)")
	}
	if c.InviteDays < 1 || c.InviteDays > 90 {
		return bad("INVITE_DAYS", "must be between 1 and 90")
	}
	if c.BotUsername != "" && !usernamePattern.MatchString(c.BotUsername) {
		return bad("BOT_USERNAME", "must be the bot's username without @ (4-32 of A-Z a-z 0-9 _, starting with a letter)")
	}
	if c.OutboxGlobalPerSecond < 1 || c.OutboxGlobalPerSecond > 10000 {
		return bad("OUTBOX_GLOBAL_PER_SECOND", "must be between 1 and 10000 (Telegram allows about 30)")
	}
	if c.OutboxChatPerSecond < 1 || c.OutboxChatPerSecond > 1000 {
		return bad("OUTBOX_CHAT_PER_SECOND", "must be between 1 and 1000 (Telegram allows about 1)")
	}
	if c.LeaderRetry < 100*time.Millisecond || c.LeaderRetry > 30*time.Second {
		return bad("LEADER_RETRY", "must be between 100ms and 30s (a killed leader is replaced within it)")
	}
	if c.JobEvery != 0 && (c.JobEvery < time.Second || c.JobEvery > 24*time.Hour) {
		return bad("JOB_EVERY", "must be unset (each job on its schedule) or between 1s and 24h")
	}
	for _, id := range c.Coordinators {
		if id <= 0 {
			return bad("COORDINATOR_IDS", "must hold positive Telegram user ids")
		}
	}
	return nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("must be an http or https URL")
	}
	return nil
}

// withDefaults fills what code-built configs (tests, sandbox) leave empty.
func (c Config) withDefaults() Config {
	if c.Mode == "" {
		c.Mode = "polling"
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.telegram.org"
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 25 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 64
	}
	if c.Location == nil {
		c.Location, _ = time.LoadLocation("Europe/Berlin")
	}
	if c.DefaultLang == "" {
		c.DefaultLang = "de"
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 24 * time.Hour
	}
	if c.OutboxGlobalPerSecond <= 0 {
		c.OutboxGlobalPerSecond = 30
	}
	if c.OutboxChatPerSecond <= 0 {
		c.OutboxChatPerSecond = 1
	}
	if c.LeaderRetry <= 0 {
		c.LeaderRetry = 5 * time.Second
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return c
}

// CoordinatorSet returns COORDINATOR_IDS as a set.
func (c Config) CoordinatorSet() map[int64]bool {
	set := make(map[int64]bool, len(c.Coordinators))
	for _, id := range c.Coordinators {
		set[id] = true
	}
	return set
}

// Office is how users reach the programme office and how long a review
// usually takes, as the texts show it.
func (c Config) Office() domain.Office {
	return domain.Office{Email: c.OfficeEmail, Phone: c.OfficePhone, Hours: c.OfficeHours, ReviewDays: c.ReviewDays}
}

// InviteValidity is how long an invite link is valid: INVITE_DAYS days, a
// week when a code-built config leaves it 0.
func (c Config) InviteValidity() time.Duration {
	if c.InviteDays <= 0 {
		return domain.DefaultInviteValidity
	}
	return time.Duration(c.InviteDays) * 24 * time.Hour
}
