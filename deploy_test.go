package main

import (
	"bufio"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// deployToken is the token the test's fake Bot API accepts, filled in where
// the example environment leaves TELEGRAM_BOT_TOKEN empty.
const deployToken = "424242:deploy-test-token-not-a-secret"

// The deployment files start the bot: the binary, built as the Dockerfile
// builds it, runs with exactly the command line and environment of the
// compose file (over the example env file) and of the systemd unit (with
// the example env file as its EnvironmentFile), is ready (/readyz 200),
// answers /start through the webhook it registered, and exits 0 on
// SIGTERM. Only what points at services is changed: the test's Postgres
// and Redis, its fake Bot API, free loopback ports; and the two secrets
// the example leaves empty are filled in.
func TestDeployFilesStartTheBot(t *testing.T) {
	bin := buildAsDockerfile(t)
	cases := []struct {
		name string
		argv []string
		env  map[string]string
	}{
		{"compose", composeCommand(t), composeEnv(t)},
		{"systemd", systemdCommand(t), systemdEnv(t)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"BOT_MODE", "DATABASE_URL", "REDIS_URL", "HTTP_ADDR", "WEBHOOK_LISTEN_ADDR",
				"WEBHOOK_PUBLIC_URL", "TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET"} {
				if _, ok := tc.env[k]; !ok {
					t.Fatalf("the %s deployment does not set %s", tc.name, k)
				}
			}
			if tc.argv[0] != "/usr/local/bin/miglobe-bot" {
				t.Fatalf("the %s deployment runs %q, not the installed binary", tc.name, tc.argv)
			}
			runDeployed(t, bin, tc.argv[1:], tc.env)
		})
	}
}

// runDeployed starts bin with args and env (pointed at the test's
// services), waits for /readyz, has a user send /start, then stops it with
// SIGTERM and expects a clean exit.
func runDeployed(t *testing.T, bin string, args []string, env map[string]string) {
	fake := telegramfake.New(telegramfake.Options{Token: deployToken})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	fake.CheckTB(t)
	hook, err := url.Parse(env["WEBHOOK_PUBLIC_URL"])
	if err != nil || hook.Path == "" {
		t.Fatalf("WEBHOOK_PUBLIC_URL %q", env["WEBHOOK_PUBLIC_URL"])
	}
	listen, ops := loopbackPort(t), loopbackPort(t)
	for k, v := range map[string]string{"DATABASE_URL": storagetest.EmptyDatabaseURL(t), "REDIS_URL": ownRedisURL(t),
		"TELEGRAM_API_URL": fake.URL(), "HTTP_ADDR": ops, "WEBHOOK_LISTEN_ADDR": listen,
		"WEBHOOK_PUBLIC_URL": "http://" + listen + hook.Path} {
		env[k] = v
	}
	for k, v := range map[string]string{"TELEGRAM_BOT_TOKEN": deployToken, "WEBHOOK_SECRET": "deploy-test-secret"} {
		if env[k] != "" {
			t.Fatalf("the example environment holds a value for the secret %s", k)
		}
		env[k] = v
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{} // exactly the deployment's environment, nothing of the test's
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	output, err := os.Create(filepath.Join(t.TempDir(), "output"))
	if err != nil {
		t.Fatal(err)
	}
	defer output.Close()
	cmd.Stdout, cmd.Stderr = output, output
	logged := func() string { b, _ := os.ReadFile(output.Name()); return string(b) }
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("the bot's output:\n%s", logged())
		}
	})

	waitReady(t, "http://"+ops+"/readyz", exited)
	u := telegramfake.User{ID: 4242, FirstName: "Deploy", LanguageCode: "de"}
	fake.AddUser(u)
	fake.SendText(u, "/start")
	if m, err := fake.Next(u.ID, 30*time.Second); err != nil || !strings.Contains(m.Text, "MiGlobe") {
		t.Fatalf("no greeting through the webhook: %q, %v", m.Text, err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("after SIGTERM the bot exited with %v", err)
		}
	case <-time.After(60 * time.Second): // TimeoutStopSec and stop_grace_period
		t.Fatal("the bot did not exit within 60 s of SIGTERM")
	}
	out := logged()
	if !strings.Contains(out, `msg="bot stopped"`) || strings.Contains(out, "level=ERROR") ||
		strings.Contains(out, env["TELEGRAM_BOT_TOKEN"]) {
		t.Fatalf("the bot's output after a clean stop:\n%s", out)
	}
}

// waitReady polls /readyz until it answers 200, failing when the bot exits
// or a minute passes (migrations of an empty database included).
func waitReady(t *testing.T, readyz string, exited <-chan error) {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		select {
		case err := <-exited:
			t.Fatalf("the bot exited before it was ready: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		if resp, err := client.Get(readyz); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatal("/readyz did not answer 200 within a minute")
}

// loopbackPort is a free port on 127.0.0.1, as host:port.
func loopbackPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// buildAsDockerfile builds the binary with the Dockerfile's own "go build"
// line (its environment and flags), into a directory of the test's.
func buildAsDockerfile(t *testing.T) string {
	t.Helper()
	var line string
	for _, l := range readLines(t, ".deploy/Dockerfile") {
		if strings.HasPrefix(l, "RUN ") && strings.Contains(l, " go build ") {
			line = strings.TrimPrefix(l, "RUN ")
		}
	}
	fields := strings.Fields(line)
	var env, args []string
	for len(fields) > 0 && strings.Contains(fields[0], "=") {
		env, fields = append(env, fields[0]), fields[1:]
	}
	if len(fields) < 2 || fields[0] != "go" || fields[1] != "build" {
		t.Fatalf("no go build line in the Dockerfile: %q", line)
	}
	bin := ""
	for i := 2; i < len(fields); i++ {
		args = append(args, fields[i])
		if fields[i] == "-o" && i+1 < len(fields) {
			bin = filepath.Join(t.TempDir(), "miglobe-bot")
			args, i = append(args, bin), i+1
		}
	}
	if bin == "" {
		t.Fatalf("the Dockerfile's go build names no output (-o): %q", line)
	}
	cmd := exec.Command("go", append([]string{"build"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	return bin
}

// ownRedisURL is a Redis of the test's own: the binary's keys have no
// test prefix, and a shared Redis would remember the updates of the fake's
// earlier runs as handled.
func ownRedisURL(t *testing.T) string {
	t.Helper()
	url, _ := storagetest.OwnRedis(t)
	return url
}

// composeService is what the test reads of compose.yaml's bot service.
type composeService struct {
	Build       struct{ Context, Dockerfile string } `yaml:"build"`
	EnvFile     string                               `yaml:"env_file"`
	Environment map[string]string                    `yaml:"environment"`
	Command     []string                             `yaml:"command"`
	Entrypoint  []string                             `yaml:"entrypoint"`
}

// composeBot reads the bot service of .deploy/compose.yaml.
func composeBot(t *testing.T) composeService {
	t.Helper()
	raw, err := os.ReadFile(".deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Services map[string]yaml.Node `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	node, ok := f.Services["bot"]
	if !ok {
		t.Fatal("compose.yaml has no service bot")
	}
	var s composeService
	if err := node.Decode(&s); err != nil {
		t.Fatalf("compose.yaml, service bot: %v", err)
	}
	if s.Build.Context != ".." || s.Build.Dockerfile != ".deploy/Dockerfile" {
		t.Fatalf("the bot is built from %+v, not the repository with .deploy/Dockerfile", s.Build)
	}
	return s
}

// composeCommand is the image's ENTRYPOINT (or compose's) followed by
// compose's command.
func composeCommand(t *testing.T) []string {
	t.Helper()
	s := composeBot(t)
	argv := s.Entrypoint
	if argv == nil {
		for _, l := range readLines(t, ".deploy/Dockerfile") {
			if rest, ok := strings.CutPrefix(l, "ENTRYPOINT "); ok {
				if err := json.Unmarshal([]byte(rest), &argv); err != nil {
					t.Fatalf("the Dockerfile's ENTRYPOINT is not an exec form: %v", err)
				}
			}
		}
	}
	if len(argv) == 0 {
		t.Fatal("neither compose.yaml nor the Dockerfile names the command")
	}
	return append(argv, s.Command...)
}

// composeEnv is the example env file with compose's environment over it.
func composeEnv(t *testing.T) map[string]string {
	t.Helper()
	s := composeBot(t)
	if s.EnvFile != "miglobe-bot.env" {
		t.Fatalf("compose.yaml reads env_file %q, not miglobe-bot.env (the copy of the example)", s.EnvFile)
	}
	env := readEnvFile(t, ".deploy/miglobe-bot.env.example")
	for k, v := range s.Environment {
		env[k] = v
	}
	return env
}

// systemdService reads the [Service] section of the unit: each key's
// values in order.
func systemdService(t *testing.T) map[string][]string {
	t.Helper()
	out, section := map[string][]string{}, ""
	for _, l := range readLines(t, ".deploy/miglobe-bot.service") {
		switch {
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, ";"):
		case strings.HasPrefix(l, "["):
			section = l
		case section == "[Service]":
			k, v, ok := strings.Cut(l, "=")
			if !ok {
				t.Fatalf("miglobe-bot.service: %q is no key=value", l)
			}
			out[k] = append(out[k], v)
		}
	}
	return out
}

// systemdCommand is ExecStart, split at spaces (the unit uses no quotes).
func systemdCommand(t *testing.T) []string {
	t.Helper()
	exec := systemdService(t)["ExecStart"]
	if len(exec) != 1 || strings.ContainsAny(exec[0], `"'\$%`) {
		t.Fatalf("ExecStart %q: want one plain command line", exec)
	}
	return strings.Fields(exec[0])
}

// systemdEnv is the EnvironmentFile (the example, which the README installs
// there) with the unit's Environment= lines over it.
func systemdEnv(t *testing.T) map[string]string {
	t.Helper()
	svc := systemdService(t)
	if f := svc["EnvironmentFile"]; len(f) != 1 || f[0] != "/etc/miglobe-bot/env" {
		t.Fatalf("EnvironmentFile %q, want /etc/miglobe-bot/env", f)
	}
	env := readEnvFile(t, ".deploy/miglobe-bot.env.example")
	for _, line := range svc["Environment"] {
		for _, kv := range strings.Fields(line) {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
	}
	return env
}

// readEnvFile reads KEY=value lines, strictly: no quotes, no spaces around
// "=", no key twice (both compose and systemd read the file).
func readEnvFile(t *testing.T, path string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, l := range readLines(t, path) {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok || k == "" || strings.ContainsAny(k, " \t") || strings.ContainsAny(v, `"'`) || strings.HasPrefix(v, " ") {
			t.Fatalf("%s: %q is not KEY=value as compose and systemd both read it", path, l)
		}
		if _, twice := env[k]; twice {
			t.Fatalf("%s: %s set twice", path, k)
		}
		env[k] = v
	}
	return env
}

// readLines reads the file at path (relative to the repository) as trimmed
// lines.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, strings.TrimSpace(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
