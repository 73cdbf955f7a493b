package storage

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisOptions configures OpenRedis. Zero durations take the defaults.
type RedisOptions struct {
	Prefix     string        // put before every key, e.g. "miglobe:"; "" for none
	Lease      time.Duration // how long Begin's claim of an update lasts; default 30s
	DoneTTL    time.Duration // how long a handled update id is remembered; default 24h
	SessionTTL time.Duration // how long an idle session is kept; default 8 days, at most MaxSessionTTL
	Log        *slog.Logger  // warnings (an undecodable session); nil discards them
	// Dial opens the connections to Redis (TLS, for rediss://, goes on top
	// of it); nil: go-redis's own. The bot passes one whose sockets skip
	// the runtime's system-call bookkeeping (bot.Dial).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Defaults of RedisOptions.
const (
	DefaultLease      = 3 * time.Second // short: a dead process holds nobody up for long; KeepAlive renews it
	DefaultDoneTTL    = 24 * time.Hour
	DefaultSessionTTL = 8 * 24 * time.Hour
	// MaxSessionTTL caps SessionTTL: a conversation idle for 30 days, with
	// the answers of an unfinished request in it, is deleted (issue 15).
	MaxSessionTTL = 30 * 24 * time.Hour
)

// Redis keeps conversation state, update claims and chat locks in Redis. It
// implements flows.Conversations and is safe for concurrent use.
type Redis struct {
	client *redis.Client
	opt    RedisOptions
	log    *slog.Logger
	trips  atomic.Uint64

	instance string        // random, makes claim tokens unique across processes
	seq      atomic.Uint64 // makes claim tokens unique within this process

	mu     sync.Mutex
	claims map[int64]claim    // update id -> this process's claim, see conversations.go
	locks  map[int64]heldLock // chat id -> this process's chat lock, see lockchat.go
}

// OpenRedis connects to redisURL (redis:// or rediss://), checks the
// connection and loads the Lua scripts. It returns an error when the URL is
// invalid or Redis does not answer; nothing stays open then.
func OpenRedis(ctx context.Context, redisURL string, opt RedisOptions) (*Redis, error) {
	ro, err := redis.ParseURL(redisURL)
	if err != nil {
		return nil, fmt.Errorf("storage: parse redis url: %w", err)
	}
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	if opt.DoneTTL <= 0 {
		opt.DoneTTL = DefaultDoneTTL
	}
	if opt.SessionTTL <= 0 {
		opt.SessionTTL = DefaultSessionTTL
	}
	opt.SessionTTL = min(opt.SessionTTL, MaxSessionTTL)
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Dial != nil {
		ro.Dialer = dialer(opt.Dial, ro.TLSConfig)
	}
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, fmt.Errorf("storage: redis instance id: %w", err)
	}
	r := &Redis{
		client:   redis.NewClient(ro),
		opt:      opt,
		log:      opt.Log,
		instance: hex.EncodeToString(id[:]),
		claims:   make(map[int64]claim),
		locks:    make(map[int64]heldLock),
	}
	r.client.AddHook(tripHook{n: &r.trips})
	if err := r.client.Ping(ctx).Err(); err != nil {
		_ = r.client.Close()
		return nil, fmt.Errorf("storage: ping redis: %w", err)
	}
	if err := r.loadScripts(ctx); err != nil {
		_ = r.client.Close()
		return nil, err
	}
	return r, nil
}

// loadScripts puts the Lua scripts into Redis's script cache, so that each
// call is one EVALSHA.
func (r *Redis) loadScripts(ctx context.Context) error {
	for _, s := range scripts {
		if err := s.Load(ctx, r.client).Err(); err != nil {
			return fmt.Errorf("storage: load redis script: %w", err)
		}
	}
	return nil
}

// Close closes the connections; it returns the client's close error.
func (r *Redis) Close() error {
	if err := r.client.Close(); err != nil {
		return fmt.Errorf("storage: close redis: %w", err)
	}
	return nil
}

// Ping checks that Redis answers; it returns the connection error otherwise.
func (r *Redis) Ping(ctx context.Context) error {
	if err := r.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("storage: ping redis: %w", err)
	}
	return nil
}

// Client returns the underlying client (for rate limits). Its commands are
// counted by RoundTrips too.
func (r *Redis) Client() *redis.Client { return r.client }

// Options returns the options in effect, defaults filled in.
func (r *Redis) Options() RedisOptions { return r.opt }

// RoundTrips returns how many round trips this client has made to Redis: one
// per command and one per pipeline, including the commands go-redis sends
// when it opens a connection.
func (r *Redis) RoundTrips() uint64 { return r.trips.Load() }

// token returns a claim or lock token unique across processes.
func (r *Redis) token() string {
	return r.instance + "-" + strconv.FormatUint(r.seq.Add(1), 36)
}

// tripHook counts round trips.
type tripHook struct{ n *atomic.Uint64 }

func (h tripHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h tripHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h tripHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

// dialer is dial, with TLS on top when conf is set.
func dialer(dial func(ctx context.Context, network, addr string) (net.Conn, error), conf *tls.Config) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil || conf == nil {
			return c, err
		}
		tc := tls.Client(c, conf)
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, err
		}
		return tc, nil
	}
}
