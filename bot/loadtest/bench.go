package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows"
)

// benchToken is the token the bot and the fake share; it only has to look
// like one from BotFather.
const benchToken = "4242424242:loadtest-token-not-a-secret-0"

// bench is one benchmark run: the fake, the bot child and the users.
type bench struct {
	cfg   config
	fake  *telegramfake.Server
	bot   *botProc
	sim   *sim
	dbURL string    // for the outbox phase, which enqueues straight into Postgres
	log   io.Writer // progress lines
	// What a restart of the bot needs (the event phase kills it): its
	// environment, address and log, and the end of the guard of the bot
	// running now.
	env     []string
	addr    string
	botLog  io.Writer
	unguard func()
}

func (b *bench) progress(format string, args ...any) {
	fmt.Fprintf(b.log, "loadtest: "+format+"\n", args...)
}

// runBench starts the fake and the bot, runs the phases and stops the
// bot. It returns an error when anything fails; the bot is killed on every
// path.
func runBench(ctx context.Context, cfg config, progress io.Writer) (results, error) {
	res := results{Users: cfg.Users, Convs: cfg.Convs, Cores: runtime.NumCPU(), Mode: "polling"}
	dbURL, redisURL := os.Getenv("DATABASE_URL"), os.Getenv("REDIS_URL")
	if dbURL == "" || redisURL == "" {
		return res, errors.New("DATABASE_URL and REDIS_URL must point at fresh Postgres and Redis (make bench starts them)")
	}
	texts, err := flows.Texts("de")
	if err != nil {
		return res, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, cfg.Timeout, fmt.Errorf("the run took longer than -timeout %s", cfg.Timeout))
	defer cancel()

	fake := telegramfake.New(telegramfake.Options{Token: benchToken})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		return res, err
	}
	defer fake.Close()
	check := &fakeCheck{}
	fake.CheckTB(check)

	var botLog io.Writer
	if cfg.BotLog != "" {
		f, err := os.Create(cfg.BotLog)
		if err != nil {
			return res, fmt.Errorf("bot log: %w", err)
		}
		defer f.Close()
		botLog = f
	}
	addr, err := freeAddr()
	if err != nil {
		return res, err
	}
	env := botEnv(os.Environ(), map[string]string{
		"TELEGRAM_BOT_TOKEN": benchToken, "TELEGRAM_API_URL": fake.URL(), "BOT_MODE": "polling",
		"HTTP_ADDR": addr, "DATABASE_URL": dbURL, "REDIS_URL": redisURL,
	})
	b := &bench{cfg: cfg, fake: fake, dbURL: dbURL, log: progress, env: env, addr: addr, botLog: botLog,
		sim: &sim{fake: fake, texts: texts, timeout: cfg.ReplyTimeout}}
	if err := b.startBot(ctx); err != nil {
		return res, err
	}
	defer func() { b.unguard(); b.bot.kill() }()
	for _, phase := range []func() error{
		b.warmUp,
		func() error { return b.measure(ctx, &res) },
		func() error { return b.paced(&res) },
		func() error { return b.conversations(ctx, &res) },
		func() error { return b.outbox(ctx, &res) },
		func() error { return b.offers(ctx, &res) },
		func() error { return b.events(ctx, &res) },
		func() error { return b.botErrors(ctx) },
	} {
		if err := phase(); err != nil {
			return res, b.explain(ctx, err)
		}
	}
	b.unguard()
	if err := b.bot.stop(30 * time.Second); err != nil {
		return res, err
	}
	problems := check.finish()
	for i, p := range problems {
		if i == 5 {
			b.progress("... and %d more", len(problems)-i)
			break
		}
		b.progress("%s", p)
	}
	res.Rejected, res.TooMany = len(problems), count429(fake.Calls())
	return res, nil
}

// startBot starts the bot, guards it and waits until it is ready. On an
// error the bot may be running: the caller kills b.bot.
func (b *bench) startBot(ctx context.Context) error {
	bot, err := startBot(b.cfg.Bin, b.addr, b.env, b.botLog)
	if err != nil {
		b.bot, b.unguard = &botProc{done: closedDone()}, func() {}
		return err
	}
	b.bot, b.unguard = bot, guard(ctx, bot, b.fake)
	if err := bot.waitReady(ctx, time.Minute); err != nil {
		return b.explain(ctx, err)
	}
	return nil
}

// crash kills the bot with SIGKILL, as a crash would, and starts it again
// at once.
func (b *bench) crash(ctx context.Context) error {
	b.unguard()
	b.bot.kill()
	return b.startBot(ctx)
}

// closedDone is the done channel of a process that never ran.
func closedDone() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// guard closes the fake, which ends every wait for a reply at once, when the
// bot exits unexpectedly or ctx ends. The returned func ends the guard.
func guard(ctx context.Context, bot *botProc, fake *telegramfake.Server) (stop func()) {
	quit := make(chan struct{})
	go func() {
		select {
		case <-bot.done:
			if !bot.stopping.Load() {
				fake.Close()
			}
		case <-ctx.Done():
			fake.Close()
		case <-quit:
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(quit) }) }
}

// botErrors fails when the bot counted handler errors or duplicate updates.
func (b *bench) botErrors(ctx context.Context) error {
	m, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	if n := m.sum(metricErrors); n > 0 {
		return fmt.Errorf("the bot counted %.0f handler errors (%s); see its log", n, metricErrors)
	}
	if n := m[seriesDuplicate]; n > 0 {
		return fmt.Errorf("the bot saw %.0f updates as duplicates: Redis was not fresh", n)
	}
	return nil
}

// explain turns a phase error into the most telling one: the bot's exit,
// the run's end, or err with a hint when Redis held an earlier run's ids.
func (b *bench) explain(ctx context.Context, err error) error {
	switch {
	case b.bot.exited() && !b.bot.stopping.Load():
		return b.bot.exitError()
	case ctx.Err() != nil:
		return fmt.Errorf("%w (%w)", context.Cause(ctx), err)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if m, serr := scrape(sctx, b.bot.addr); serr == nil && m[seriesDuplicate] > 0 {
		return fmt.Errorf("%w; the bot took %.0f updates for duplicates: Redis was not fresh (run make bench)", err, m[seriesDuplicate])
	}
	return fmt.Errorf("%w; last log lines of the bot:\n%s", err, lastLines(b.bot.log.String(), 20))
}
