package bot

import (
	"strings"
	"testing"
	"time"
)

// stores is the environment's Postgres and Redis.
var stores = []string{"DATABASE_URL=postgres://localhost/x", "REDIS_URL=redis://localhost:6379/0"}

// baseEnv is a valid environment with a token, and extra.
func baseEnv(extra ...string) []string {
	return append(append([]string{"TELEGRAM_BOT_TOKEN=123456:AAAAsecretsecretsecretsecret"}, stores...), extra...)
}

func TestLoadConfigDefaults(t *testing.T) {
	c, err := LoadConfig(baseEnv("COORDINATOR_IDS=11, 22"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode != "polling" || c.HTTPAddr != "127.0.0.1:9090" || c.SandboxAddr != ":8080" || c.DefaultLang != "de" ||
		c.IdleTimeout != 24*time.Hour || c.Location.String() != "Europe/Berlin" || c.APIURL != "https://api.telegram.org" ||
		c.LeaderRetry != 5*time.Second || c.JobEvery != 0 {
		t.Fatalf("defaults differ from the table in README.md: %+v", c)
	}
	if len(c.Coordinators) != 2 || c.Coordinators[1] != 22 {
		t.Fatalf("coordinators %v", c.Coordinators)
	}
}

// The ops endpoint (/healthz, /readyz, /metrics) has no login: it listens on
// loopback unless HTTP_ADDR says otherwise, and a bare port then means every
// interface, as an operator who sets it asks.
func TestLoadConfigOpsOnLoopbackByDefault(t *testing.T) {
	c, err := LoadConfig(baseEnv())
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:9090" {
		t.Errorf("HTTP_ADDR defaults to %q, want 127.0.0.1:9090 (loopback)", c.HTTPAddr)
	}
	c, err = LoadConfig(baseEnv("HTTP_ADDR=:9090"))
	if err != nil || c.HTTPAddr != ":9090" {
		t.Errorf("HTTP_ADDR=:9090 gives %q, %v; want :9090", c.HTTPAddr, err)
	}
}

// The sandbox runs only when asked for, and then without a token.
func TestLoadConfigSandboxOnlyWhenAsked(t *testing.T) {
	c, err := LoadConfig(append([]string{"BOT_MODE=sandbox"}, stores...))
	if err != nil || c.Mode != "sandbox" {
		t.Fatalf("BOT_MODE=sandbox without a token: %+v, %v", c.Mode, err)
	}
}

func TestLoadConfigNamesTheBadVariable(t *testing.T) {
	const token = "123456:AAAAsecretsecretsecretsecret"
	cases := []struct {
		name string
		env  []string
		want string
	}{
		{"no database", []string{"REDIS_URL=redis://x:1"}, "DATABASE_URL"},
		{"no redis", []string{"DATABASE_URL=postgres://x/y"}, "REDIS_URL"},
		{"redis not a url", baseEnv("REDIS_URL=localhost:6379"), "REDIS_URL"},
		{"mode", baseEnv("BOT_MODE=push"), "BOT_MODE"},
		{"polling without token", stores, "TELEGRAM_BOT_TOKEN"},
		{"webhook without token", append([]string{"BOT_MODE=webhook"}, stores...), "TELEGRAM_BOT_TOKEN"},
		{"sandbox with token", baseEnv("BOT_MODE=sandbox"), "TELEGRAM_BOT_TOKEN"},
		{"timeout", baseEnv("SESSION_IDLE_TIMEOUT=forever"), "SESSION_IDLE_TIMEOUT"},
		{"timeout too short", baseEnv("SESSION_IDLE_TIMEOUT=1s"), "SESSION_IDLE_TIMEOUT"},
		{"zone", baseEnv("BOT_TIMEZONE=Mars/Olympus"), "BOT_TIMEZONE"},
		{"language", baseEnv("BOT_DEFAULT_LANGUAGE=fr"), "BOT_DEFAULT_LANGUAGE"},
		{"coordinators", baseEnv("COORDINATOR_IDS=12,abc"), "COORDINATOR_IDS"},
		{"api url", baseEnv("TELEGRAM_API_URL=ftp://x"), "TELEGRAM_API_URL"},
		{"invite days", baseEnv("INVITE_DAYS=0"), "INVITE_DAYS"},
		{"invite days not a number", baseEnv("INVITE_DAYS=week"), "INVITE_DAYS"},
		{"billing retention", baseEnv("BILLING_RETENTION=0"), "BILLING_RETENTION"},
		{"bot username", baseEnv("BOT_USERNAME=@MiGlobeBot"), "BOT_USERNAME"},
		{"leader retry", baseEnv("LEADER_RETRY=2m"), "LEADER_RETRY"},
		{"leader retry not a duration", baseEnv("LEADER_RETRY=often"), "LEADER_RETRY"},
		{"job every", baseEnv("JOB_EVERY=10ms"), "JOB_EVERY"},
		{"token", baseEnv("TELEGRAM_BOT_TOKEN=" + token + " x"), "TELEGRAM_BOT_TOKEN"},
		{"webhook without url", baseEnv("TELEGRAM_BOT_TOKEN="+token, "BOT_MODE=webhook"), "WEBHOOK_PUBLIC_URL"},
		{"webhook without secret", baseEnv("TELEGRAM_BOT_TOKEN="+token, "BOT_MODE=webhook",
			"WEBHOOK_PUBLIC_URL=https://bot.example.org/hook", "WEBHOOK_LISTEN_ADDR=:8443"), "WEBHOOK_SECRET"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(tc.env)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q should be one line naming %s", msg, tc.want)
			}
			if strings.Contains(msg, "secretsecret") {
				t.Fatalf("error %q shows the token", msg)
			}
		})
	}
}

func TestParseCommand(t *testing.T) {
	cases := []struct{ text, name, args string }{
		{"/start", "start", ""},
		{"/start abc_DEF-1", "start", "abc_DEF-1"},
		{"/Help@MiGlobeBot", "help", ""},
		{"/menu@MiGlobeBot  now ", "menu", "now"},
		{"/ä", "", ""},
		{"/", "", ""},
		{"/start\nzweite Zeile", "start", "zweite Zeile"},
		{"/" + strings.Repeat("a", 33), "", ""},
	}
	for _, tc := range cases {
		name, args := parseCommand(tc.text)
		if name != tc.name || args != tc.args {
			t.Errorf("parseCommand(%q) = %q, %q; want %q, %q", tc.text, name, args, tc.name, tc.args)
		}
	}
}
