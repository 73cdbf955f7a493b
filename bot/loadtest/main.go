// Command loadtest measures the whole MiGlobe pipeline: simulated users send
// through the in-process fake Bot API (bot/telegramfake) into the real bot
// binary, which runs as a child process on real Postgres and Redis
// (DATABASE_URL, REDIS_URL). Each user waits for the bot's reply before
// sending again.
//
// Phases: a warm-up that onboards -users municipal contacts; the saturation
// phase, -messages plain texts per user at the main menu with no think time
// (throughput, the bot's CPU time and Redis round trips per update; its
// latency is informational, since a saturated closed loop waits about
// users ÷ throughput by Little's law); the paced phase, -paced-messages texts
// per user, each after the reply and a think time of about -think, which
// loads the bot without saturating it (the latency target applies here);
// then -convs further users who each send /start, after which the bot's
// resident set size is read; last the outbox phase: with the fake enforcing
// Telegram's limits (30 messages/s in all, 1/s per chat) it enqueues -outbox
// notifications to as many chats straight into Postgres and measures how
// fast the bot's outbox sender delivers them and how many 429s it gets;
// then the offer phase: -offers advisors, -offer-group per approved
// request (every second one a tandem), get their offer cards through the
// coordinator's real flow and the outbox, and all tap "Annehmen" at the
// same moment; it measures accepts per second and each tap's time to its
// confirmation (the toast; for a winner also the card turned into the
// accepted one) and counts double winners in Postgres. It prints a
// result block with a mark per target. It exits 1
// when the run or the bot fails (including any call the fake rejected), 2 on
// bad flags, and, with -strict, 3 when a target is missed.
//
// Use it through `make bench` (.ci/bench.sh), which starts throwaway Postgres
// and Redis and builds the bot: the benchmark needs both fresh, since the
// fake numbers updates from the same id on every run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// config is what the flags set.
type config struct {
	Bin           string
	Users         int
	Messages      int
	PacedMessages int
	Think         time.Duration
	Convs         int
	Batch         int
	ReplyTimeout  time.Duration
	Timeout       time.Duration
	Settle        time.Duration
	Outbox        int
	Offers        int
	OfferGroup    int
	Events        int
	BotLog        string
	Strict        bool
}

// errUsage: the flag package has told the user what is wrong already.
var errUsage = errors.New("usage")

// parseFlags reads args; it returns an error for unknown or invalid flags.
func parseFlags(args []string, errOut io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&c.Bin, "bin", "./miglobe-bot", "the bot binary (go build -o miglobe-bot .)")
	fs.IntVar(&c.Users, "users", 100, "simulated users of the warm-up and measured phases")
	fs.IntVar(&c.Messages, "messages", 200, "messages per user in the saturation phase (no think time)")
	fs.IntVar(&c.PacedMessages, "paced-messages", 100, "messages per user in the paced phase")
	fs.DurationVar(&c.Think, "think", 50*time.Millisecond, "mean think time between a reply and the next message in the paced phase (drawn from 0.5x to 1.5x)")
	fs.IntVar(&c.Convs, "convs", 10000, "further users with a live conversation for the RSS reading")
	fs.IntVar(&c.Batch, "batch", 100, "users starting conversations at a time")
	fs.DurationVar(&c.ReplyTimeout, "reply-timeout", 10*time.Second, "longest wait for one reply")
	fs.DurationVar(&c.Timeout, "timeout", 20*time.Minute, "longest run in all")
	fs.DurationVar(&c.Settle, "settle", 2*time.Second, "pause before reading the RSS")
	fs.IntVar(&c.Outbox, "outbox", 3000, "notifications to as many chats in the outbox phase, at Telegram's limits (about 100 s for 3000; 0 skips it)")
	fs.IntVar(&c.Offers, "offers", 200, "advisors who tap Annehmen at once in the offer phase, one offer each (0 skips it)")
	fs.IntVar(&c.OfferGroup, "offer-group", 4, "advisors each request of the offer phase goes to; -offers must be a multiple")
	fs.IntVar(&c.Events, "events", 3000, "association members invited to one event in the event phase, the bot killed half way (about 4 minutes for 3000; 0 skips it)")
	fs.StringVar(&c.BotLog, "botlog", "", "file to write the bot's log to (default: kept in memory, shown on failure)")
	fs.BoolVar(&c.Strict, "strict", false, "exit 3 when a target is missed")
	if err := fs.Parse(args); err != nil {
		return c, fmt.Errorf("%w: %w", errUsage, err)
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	case c.Users < 1 || c.Messages < 1 || c.PacedMessages < 1:
		return c, errors.New("-users, -messages and -paced-messages must be at least 1")
	case c.Think <= 0:
		return c, errors.New("-think must be positive")
	case c.Convs < 0 || c.Batch < 1:
		return c, errors.New("-convs must not be negative and -batch must be at least 1")
	case c.Outbox < 0 || c.Events < 0:
		return c, errors.New("-outbox and -events must not be negative")
	case c.Offers < 0 || c.OfferGroup < 2 || c.Offers%c.OfferGroup != 0:
		return c, errNoOffers
	case c.ReplyTimeout <= 0 || c.Timeout <= 0 || c.Settle < 0:
		return c, errors.New("-reply-timeout and -timeout must be positive, -settle not negative")
	}
	return c, nil
}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
		}
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, cfg, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the benchmark, prints the report and returns the exit code.
func run(ctx context.Context, cfg config, stdout, stderr io.Writer) int {
	res, err := runBench(ctx, cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	pass, err := writeReport(stdout, res)
	if err != nil {
		fmt.Fprintln(stderr, "loadtest: write report:", err)
		return 1
	}
	if res.Rejected > 0 || res.TooMany > 0 {
		fmt.Fprintln(stderr, "loadtest: the fake Bot API refused calls of the bot (see above)")
		return 1
	}
	if !pass && cfg.Strict {
		return 3
	}
	return 0
}
