package outbox

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/miglobe/miglobe-bot/bot/internal/pause"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Store is what the sender needs of Postgres; storage.Store satisfies it.
// Its methods return the database error on failure.
type Store interface {
	// ClaimOutbox leases up to limit due messages for lease from the
	// store's now, at most one per chat and only the oldest pending one of
	// a chat; none of a chat that blocked the bot. Each message's Lease is
	// the lease's end in the store's clock.
	ClaimOutbox(ctx context.Context, limit int, lease time.Duration) ([]domain.Outgoing, error)
	// MarkOutboxSent records the delivery, as message msgID of the chat (0:
	// unknown), and holds the chat's next message back for chatPause; a
	// message about a record goes on record as shown there. It, RetryOutbox and FailOutbox record only for the
	// holder of m's claim (m.Lease): domain.ErrConflict, and no change, when
	// the lease ran out and another sender took the message over.
	MarkOutboxSent(ctx context.Context, m domain.Outgoing, msgID int, chatPause time.Duration) error
	// RetryOutbox gives m back for a new attempt after the wait.
	RetryOutbox(ctx context.Context, m domain.Outgoing, after time.Duration, attempts int, reason string) error
	// FailOutbox gives up on m with a record; blockChat gives up on the whole chat.
	FailOutbox(ctx context.Context, m domain.Outgoing, reason string, blockChat bool) error
	// PendingOutbox counts the messages not yet sent or given up.
	PendingOutbox(ctx context.Context) (int, error)
	// ListenOutbox wakes the caller when new messages were committed, until ctx ends.
	ListenOutbox(ctx context.Context) <-chan struct{}
}

// Limiter is a rate limit shared by every instance; storage.Redis
// satisfies it. ReserveSend books a send under key, where booked sends are
// every apart: when the next free slot is at most ahead-1 slots away it books
// it and returns ok and how long until the slot (the caller sends then);
// otherwise it books nothing and returns how long to wait before asking
// again. It returns the limiter's error on failure.
type Limiter interface {
	ReserveSend(ctx context.Context, key string, every time.Duration, ahead int) (wait time.Duration, ok bool, err error)
}

// API is the Bot API as the sender uses it; package bot implements it with
// its client.
type API interface {
	// SendMessage makes one sendMessage call, without retrying (the sender
	// retries): text is Telegram HTML of at most tgmsg.MaxTextLength
	// characters, shown without a link preview; markup (nil: none) goes
	// under it. It returns go-telegram/bot's errors, by which the sender
	// tells the outcomes apart: *bot.TooManyRequestsError for a 429, and
	// errors wrapping bot.ErrorForbidden (403), bot.ErrorBadRequest (400)
	// and bot.ErrorNotFound (404).
	// It returns the new message's id.
	SendMessage(ctx context.Context, chatID int64, text string, markup *models.InlineKeyboardMarkup) (int, error)
	// EditMarkup makes one editMessageReplyMarkup call, without retrying:
	// markup (nil: none) becomes the keyboard of message msgID. Its errors
	// are those of SendMessage; Telegram's "message is not modified",
	// "message to edit not found" and "message can't be edited" (400s)
	// count as done.
	EditMarkup(ctx context.Context, chatID int64, msgID int, markup *models.InlineKeyboardMarkup) error
	// EditText makes one editMessageText call, without retrying: text
	// (Telegram HTML of at most tgmsg.MaxTextLength characters, shown
	// without a link preview) becomes the text of message msgID and markup
	// (nil: none) its keyboard. Its errors are those of EditMarkup, and so
	// are the ones that count as done.
	EditText(ctx context.Context, chatID int64, msgID int, text string, markup *models.InlineKeyboardMarkup) error
	// SendDocument makes one sendDocument call, without retrying: doc's
	// content uploaded under its name, its caption as Telegram HTML, markup
	// (nil: none) under it. Its errors are those of SendMessage; it returns
	// the new message's id.
	SendDocument(ctx context.Context, chatID int64, doc domain.Document, markup *models.InlineKeyboardMarkup) (int, error)
}

// Config is the sender's configuration.
type Config struct {
	GlobalPerSecond int           // sends per second, all instances together (OUTBOX_GLOBAL_PER_SECOND); <1: 30
	ChatPerSecond   int           // sends per second to one chat (OUTBOX_CHAT_PER_SECOND); <1: 1
	Poll            time.Duration // how often to look for due messages when no NOTIFY comes; <=0: 3s
	Log             *slog.Logger  // nil: slog.Default()
	// OnBlocked, when set, is told of a chat recorded as blocked (a 403),
	// after the record; the intake then unblocks it at its next update.
	OnBlocked func(chatID int64)
}

// Sender defaults.
const (
	defaultGlobal     = 30                    // Telegram's global limit per second
	defaultPerChat    = 1                     // Telegram's limit per chat and second
	outboxWorkers     = 16                    // messages in hand at once
	globalAhead       = 4                     // global slots booked ahead, so that none passes unused while workers wait
	outboxLease       = 2 * time.Minute       // a claim lasts this long; a dead sender's message is due again after it
	outboxPoll        = 3 * time.Second       // fallback when no NOTIFY arrives
	outboxMaxAttempts = 10                    // failed attempts (not 429s) before giving up
	outboxBackoffCap  = 5 * time.Minute       // the longest wait between two failed attempts
	globalSlack       = 10 * time.Millisecond // added to the limits' one-second window against network jitter
	chatSlack         = 50 * time.Millisecond
	maxLate           = 3 * time.Millisecond // while the limit is shared, a worker may wake this long after its global slot
	sharedFor         = 2 * time.Second      // the limit counts as shared this long after another instance's booking
	windowMargin      = 2 * time.Millisecond // added to the send window's second against clock rounding
	heldRetryMax      = 10 * time.Second     // a 429 asking for at most this long is waited out in the worker (while the lease allows)
)

// Sender drains the outbox: claim, wait for the shared rate limits and this
// instance's send window, send, record the outcome. Run it with Run; it
// returns when ctx ends and the messages in hand are settled.
type Sender struct {
	store   Store
	limit   Limiter
	api     API
	log     *slog.Logger
	metrics *metrics

	globalEvery time.Duration // one send in all per globalEvery
	chatEvery   time.Duration // one send per chat per chatEvery
	workers     int
	lease       time.Duration
	poll        time.Duration
	backoff     time.Duration // first wait after a failure; doubles
	onBlocked   func(chatID int64)

	globalMu sync.Mutex    // one worker of this instance at a time queues for the global limit
	shares   sharing       // whether other instances book global slots too; under globalMu
	window   *sendWindow   // this instance's sends as the Bot API counts them
	kick     chan struct{} // wakes the claim loop (a chat's pause or a retry ran out)
}

// New returns a sender that claims from store, spaces its sends with
// limiter and sends through api. It registers the miglobe_outbox_* metrics
// on reg and panics, as prometheus.MustRegister does, when they are
// registered there already.
func New(store Store, limiter Limiter, api API, cfg Config, reg prometheus.Registerer) *Sender {
	if cfg.GlobalPerSecond < 1 {
		cfg.GlobalPerSecond = defaultGlobal
	}
	if cfg.ChatPerSecond < 1 {
		cfg.ChatPerSecond = defaultPerChat
	}
	if cfg.Poll <= 0 {
		cfg.Poll = outboxPoll
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	globalEvery := (time.Second + globalSlack) / time.Duration(cfg.GlobalPerSecond)
	return &Sender{store: store, limit: limiter, api: api, log: cfg.Log, metrics: newMetrics(reg),
		globalEvery: globalEvery,
		chatEvery:   (time.Second + chatSlack) / time.Duration(cfg.ChatPerSecond),
		shares:      sharing{every: globalEvery},
		window:      newSendWindow(cfg.GlobalPerSecond, time.Second+windowMargin),
		workers:     outboxWorkers, lease: outboxLease, poll: cfg.Poll, backoff: time.Second,
		onBlocked: cfg.OnBlocked, kick: make(chan struct{}, 1)}
}

// Run claims and delivers messages until ctx ends, then waits for the
// messages in hand: a send under way is finished and recorded, a message
// still waiting for its turn is given back. Claimed messages wait in a queue
// of one message per worker, refilled when half of it is gone; their leases
// count from the claim, also while they wait there (see claim).
func (s *Sender) Run(ctx context.Context) {
	lctx, stopListen := context.WithCancel(ctx)
	defer stopListen()
	wake := s.store.ListenOutbox(lctx)
	queue := make(chan claim, s.workers)
	taken := make(chan struct{}, 1) // a worker took a message from the queue
	var wg sync.WaitGroup
	for range s.workers {
		wg.Go(func() {
			for c := range queue {
				select {
				case taken <- struct{}{}:
				default:
				}
				s.deliver(ctx, c)
			}
		})
	}
	defer wg.Wait()
	defer close(queue)
	poll := time.NewTimer(s.poll)
	defer poll.Stop()
	full := false // the last claim filled the queue: more may be due
	var counted time.Time
	for ctx.Err() == nil {
		if time.Since(counted) >= s.poll {
			s.updatePending(ctx)
			counted = time.Now()
		}
		if space := cap(queue) - len(queue); space >= (cap(queue)+1)/2 {
			asked := time.Now() // the lease runs from the claim, which comes later
			msgs, err := s.store.ClaimOutbox(ctx, space, s.lease)
			if err != nil && ctx.Err() == nil {
				s.log.Warn("outbox: claim", slog.String("err", err.Error()))
			}
			for _, m := range msgs {
				queue <- claim{Outgoing: m, until: asked.Add(s.lease)}
			}
			full = err == nil && len(msgs) == space
		}
		var more <-chan struct{}
		if full {
			more = taken
		}
		if !poll.Stop() {
			select {
			case <-poll.C:
			default:
			}
		}
		poll.Reset(s.poll)
		select {
		case <-ctx.Done():
		case <-wake:
		case <-s.kick:
		case <-more:
		case <-poll.C:
		}
	}
}

// kickAfter wakes the claim loop after d.
func (s *Sender) kickAfter(d time.Duration) {
	time.AfterFunc(d, func() {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	})
}

// updatePending refreshes the pending gauge (at most once per poll interval).
func (s *Sender) updatePending(ctx context.Context) {
	n, err := s.store.PendingOutbox(ctx)
	if err == nil {
		s.metrics.pending.Set(float64(n))
	}
}

// sleep waits d; it reports false when ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool { return pause.For(ctx, d) }
