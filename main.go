// Command miglobe-bot runs the MiGlobe Telegram bot. With BOT_MODE=sandbox
// (make run sets it when TELEGRAM_BOT_TOKEN is unset) it runs the sandbox:
// the bot against the in-repo fake Bot API, with a web chat page to try it.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/miglobe/miglobe-bot/bot"
	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/scheduler"
	"github.com/miglobe/miglobe-bot/storage"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := bot.LoadConfig(os.Environ())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	oneProcessor()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, log); err != nil {
		log.Error("miglobe-bot stopped", slog.String("err", err.Error()))
		os.Exit(1)
	}
}

// oneProcessor runs Go code on one processor unless GOMAXPROCS is set. The
// bot waits on the network nearly all the time; with two processors the
// runtime's hand-overs between threads cost more than they gain. In the
// benchmark one processor serves 6,000-7,000 updates/s at saturation and
// costs about a sixth less CPU per update at a moderate rate.
func oneProcessor() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
}

// run wires storage, the sandbox when there is no token, and the bot, and
// runs until ctx ends. Shutdown goes in reverse: intake and handlers first,
// then the scheduler, the sandbox, Redis and Postgres.
func run(ctx context.Context, cfg bot.Config, log *slog.Logger) error {
	cfg.Log = log
	metrics := prometheus.NewRegistry() // /metrics: the bot's series and the scheduler's
	cfg.Registry = metrics
	store, err := storage.Open(ctx, cfg.DatabaseURL, storage.WithZone(cfg.Location),
		storage.WithBillingRetention(cfg.BillingRetention))
	if err != nil {
		return err
	}
	defer store.Close()
	conv, err := storage.OpenRedis(ctx, cfg.RedisURL, storage.RedisOptions{SessionTTL: cfg.IdleTimeout + 7*24*time.Hour,
		Dial: bot.Dial})
	if err != nil {
		return err
	}
	defer conv.Close()
	if err := guardDatabase(ctx, store, cfg); err != nil {
		return err
	}
	if cfg.Mode == "sandbox" {
		stopSandbox, err := startSandbox(&cfg, log)
		if err != nil {
			return err
		}
		defer stopSandbox()
		if err := sandbox.SeedAssociations(ctx, store, time.Now()); err != nil { // the demo associations, once
			return err
		}
	}
	username, err := bot.Username(ctx, cfg) // for invite links; after the sandbox pointed cfg at its fake
	if err != nil {
		return err
	}
	var eng *engine.Engine
	b, err := bot.New(cfg, store, conv, func(m engine.Messenger) (bot.Engine, error) {
		e, err := flows.New(flows.Config{Stores: store, Messenger: m, DefaultLang: cfg.DefaultLang,
			Clock: cfg.Clock, Coordinators: cfg.CoordinatorSet(), IdleTimeout: cfg.IdleTimeout,
			Location: cfg.Location, Office: cfg.Office(), Log: log,
			OfferWindow: time.Duration(cfg.OfferHours) * time.Hour, KmRateCents: cfg.KmRateCents,
			BotUsername: username, InviteValidity: cfg.InviteValidity(), Chats: conv})
		if err != nil {
			return nil, err
		}
		eng = e
		return e, nil
	})
	if err != nil {
		return err
	}
	// Every instance schedules; the leader (a Postgres advisory lock on a
	// connection of its own) runs the jobs, each slot once (job_runs).
	sched := scheduler.New(cfg.Location, store, log, scheduler.Options{Leader: store.Leader("scheduler"),
		Retry: cfg.LeaderRetry, Runs: store, Every: cfg.JobEvery, Metrics: metrics})
	for _, j := range eng.Jobs() {
		if err := sched.Add(scheduler.Job{Name: j.Name, Spec: j.Spec, Run: j.Run}); err != nil {
			return err
		}
	}
	sched.Start()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := sched.Stop(sctx); err != nil {
			log.Warn("scheduler", slog.String("err", err.Error()))
		}
	}()
	return b.Run(ctx)
}

// sandboxToken is the token the bot and the fake Bot API share in the
// sandbox; sandboxBot is its bot id.
const (
	sandboxToken       = "100000001:sandbox-token-not-a-secret-xx"
	sandboxBot   int64 = 100000001
)

// guardDatabase records which bot runs on the database. The sandbox refuses
// a database on which a real bot ran: its demo users would mix with real
// people's records.
func guardDatabase(ctx context.Context, store *storage.Store, cfg bot.Config) error {
	if cfg.Mode != "sandbox" {
		id, _ := strconv.ParseInt(strings.SplitN(cfg.Token, ":", 2)[0], 10, 64) // the config checked its form
		return store.RecordBot(ctx, id)
	}
	others, err := store.OtherBots(ctx, sandboxBot)
	if err != nil {
		return err
	}
	if len(others) > 0 {
		return fmt.Errorf("sandbox: this database (DATABASE_URL) was used by a real bot (id %d), and the demo users "+
			"would mix with real records; give the sandbox a database of its own (make run keeps its database in .data/: "+
			"move that aside)", others[0])
	}
	return store.RecordBot(ctx, sandboxBot)
}

// startSandbox starts the fake Bot API on a loopback port and the web chat on
// SANDBOX_ADDR, and points cfg at the fake.
func startSandbox(cfg *bot.Config, log *slog.Logger) (stop func(), err error) {
	fake := telegramfake.New(telegramfake.Options{Token: sandboxToken,
		OnViolation: func(v telegramfake.Violation) {
			log.Warn("the fake Bot API refused a call, as Telegram would", slog.String("method", v.Method),
				slog.String("description", v.Description))
		}})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		return nil, fmt.Errorf("sandbox: fake Bot API: %w", err)
	}
	users := sandbox.DemoUsers()
	for _, u := range users {
		fake.AddUser(u)
	}
	cfg.Token, cfg.APIURL, cfg.Mode = sandboxToken, fake.URL(), "polling"
	cfg.Coordinators = append(cfg.Coordinators, sandbox.CoordinatorID)
	cfg.PollTimeout = 10 * time.Second

	ln, err := net.Listen("tcp", loopbackIfBare(cfg.SandboxAddr))
	if err != nil {
		fake.Close()
		return nil, fmt.Errorf("sandbox: SANDBOX_ADDR %s: %w", cfg.SandboxAddr, err)
	}
	srv := &http.Server{Handler: sandbox.New(fake, users, cfg.Location, log), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("sandbox page", slog.String("err", err.Error()))
		}
	}()
	fmt.Fprintf(os.Stderr, "\n  MiGlobe sandbox: open %s in your browser\n\n", pageURL(ln.Addr()))
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		fake.Close()
	}, nil
}

// loopbackIfBare keeps the sandbox, which has no login, on this machine
// unless SANDBOX_ADDR names a host: ":8080" means "localhost:8080".
func loopbackIfBare(addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil && host == "" {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}

func pageURL(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("http://localhost:%d", tcp.Port)
	}
	return "http://" + addr.String()
}
