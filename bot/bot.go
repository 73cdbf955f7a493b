package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/miglobe/miglobe-bot/bot/outbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// ConvStore is what the bot needs of Redis: the conversations with update
// claims, and a per-chat lock for webhook mode with several instances.
type ConvStore interface {
	domain.Conversations
	// LockChat takes chatID's lock for at most ttl; ErrBusy while another holds it.
	LockChat(ctx context.Context, chatID int64, ttl time.Duration) (unlock func(context.Context) error, err error)
	// KeepAlive renews chatID's lock and the leases of updateIDs, as far as
	// this process holds them, in one round trip; it returns Redis's error.
	KeepAlive(ctx context.Context, chatID int64, updateIDs []int64) error
	// SettleThenBegin does SettleAll for items and then BeginAll for claims
	// in one round trip, in that order.
	SettleThenBegin(ctx context.Context, items []domain.Settle, claims []domain.Claim) ([]error, []domain.Claimed)
}

// Engine is what the bot needs of the conversation engine (engine.Engine);
// tests of the transport put a simpler one in its place.
type Engine interface {
	// Handle answers u and changes *sess in place (see engine.Engine.Handle);
	// after a panic *sess is as it was before u. For a pressed button it
	// answers u.QueryID through the Messenger before its other sends.
	Handle(ctx context.Context, u engine.Update, sess *domain.Session) (toast string, err error)
	// Texts returns the translations.
	Texts() *engine.Texts
	// DefaultMenu returns the command menu in lang of the chats without a
	// menu of their own (the engine publishes those through the Messenger).
	DefaultMenu(lang string) []engine.BotCommand
}

// BuildEngine builds the engine around the Messenger the bot sends with;
// main passes flows.New here.
type BuildEngine func(m engine.Messenger) (Engine, error)

// Store is what the bot needs of Postgres: readiness, and the outbox
// (outbox.Store) when it implements it.
type Store interface {
	Ping(ctx context.Context) error
}

// Bot is the running Telegram transport around the flows engine.
type Bot struct {
	cfg      Config
	log      *slog.Logger
	store    Store
	conv     ConvStore
	engine   Engine
	client   *client
	http     *http.Client
	metrics  *metrics
	dispatch *dispatcher    // per-chat order of webhook requests
	outbox   *outbox.Sender // nil when store or conv cannot run the outbox

	unblocker    ChatUnblocker // nil when the store cannot undo blocks
	blocked      blockedChats  // the chats known to have blocked the bot
	blockedEvery time.Duration // how often blocked is read again

	draining atomic.Bool // set when Run's context ends: /readyz answers 503

	claimWait       time.Duration // how long to wait for a chat lock held elsewhere
	handleTimeout   time.Duration // how long one update may take
	unavailableTold notices       // when each chat last heard "briefly unavailable"
}

// New wires the bot: Bot API client, the engine that build makes around
// it, and intake. It calls no network; Run does. It returns an error for a
// configuration without token or an engine that cannot be built.
func New(cfg Config, store Store, conv ConvStore, build BuildEngine) (*Bot, error) {
	cfg = cfg.withDefaults()
	if cfg.Token == "" {
		return nil, errors.New("bot: no token")
	}
	m := newMetrics(cfg.Registry)
	reg := cfg.Registry
	if reg == nil {
		reg = m.gatherer.(prometheus.Registerer)
	}
	if rt, ok := conv.(interface{ RoundTrips() uint64 }); ok {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "miglobe_redis_roundtrips_total", Help: "Round trips to Redis (a pipeline or script counts once).",
		}, func() float64 { return float64(rt.RoundTrips()) }))
	}
	hc := newHTTPClient(cfg.Workers)
	cl, err := newClient(cfg, m, hc)
	if err != nil {
		return nil, err
	}
	eng, err := build(cl)
	if err != nil {
		return nil, fmt.Errorf("bot: engine: %w", err)
	}
	b := &Bot{cfg: cfg, log: cfg.Log, store: store, conv: conv, engine: eng, client: cl, http: hc,
		metrics: m, dispatch: newDispatcher(cfg.Workers), claimWait: 35 * time.Second,
		handleTimeout: 25 * time.Second, blockedEvery: blockedReload}
	b.unblocker, _ = store.(ChatUnblocker)
	// The outbox runs when the store and Redis can carry it (storage.Store
	// and storage.Redis can; some test doubles cannot).
	ob, okStore := store.(outbox.Store)
	lim, okLimit := conv.(outbox.Limiter)
	if okStore && okLimit {
		oc := cfg.outboxConfig()
		oc.OnBlocked = b.blocked.add
		b.outbox = outbox.New(ob, lim, outboxAPI{cl}, oc, reg)
	}
	return b, nil
}

// Run takes updates until ctx ends, then drains: it stops taking updates,
// finishes and confirms those in hand, stops the outbox sender (which
// finishes the messages in hand) and returns. The ops endpoint and the
// outbox sender run alongside.
func (b *Bot) Run(ctx context.Context) error {
	var opsLn net.Listener // first: a port in use stops the bot before anything else
	if b.cfg.HTTPAddr != "" {
		ln, err := listen("HTTP_ADDR", b.cfg.HTTPAddr)
		if err != nil {
			return err
		}
		opsLn = ln
	}
	if err := b.client.setCommands(ctx, b.engine.Texts().Langs(), b.engine.DefaultMenu, b.cfg.DefaultLang); err != nil {
		b.log.Warn("publish commands", slog.String("err", err.Error()))
	}
	opsDone := make(chan error, 1)
	opsCtx, stopOps := context.WithCancel(context.WithoutCancel(ctx))
	defer stopOps()
	if opsLn != nil {
		srv := &http.Server{Handler: b.OpsHandler(), ReadHeaderTimeout: readHeaderTimeout}
		go func() { opsDone <- b.serveUntil(opsCtx, srv, opsLn, nil) }()
	} else {
		opsDone <- nil
	}
	stopDraining := context.AfterFunc(ctx, func() { b.draining.Store(true) })
	defer stopDraining()
	outboxDone := make(chan struct{})
	outboxCtx, stopOutbox := context.WithCancel(context.WithoutCancel(ctx))
	defer stopOutbox()
	if b.outbox != nil {
		go func() { defer close(outboxDone); b.outbox.Run(outboxCtx) }()
	} else {
		close(outboxDone)
	}
	if b.unblocker != nil {
		b.readBlocked(ctx) // before the first update: it may come from a blocked chat
		go b.watchBlocked(outboxCtx, b.blockedEvery)
	}
	var err error
	switch b.cfg.Mode {
	case "webhook":
		b.log.Info("taking updates by webhook", slog.String("listen", b.cfg.WebhookListenAddr))
		err = b.serveWebhook(ctx)
	default:
		if derr := b.client.deleteWebhook(ctx); derr != nil {
			b.log.Warn("delete webhook", slog.String("err", derr.Error()))
		}
		b.log.Info("taking updates by long polling")
		err = b.poll(ctx)
	}
	b.dispatch.wait()
	stopOutbox() // after the intake: it finishes the messages in hand
	<-outboxDone
	stopOps()
	if operr := <-opsDone; operr != nil && err == nil {
		err = fmt.Errorf("bot: ops endpoint: %w", operr)
	}
	b.client.closeIdle()
	b.log.Info("bot stopped")
	return err
}
