package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const readHeaderTimeout = 10 * time.Second

// pinger is what /readyz asks: Postgres and Redis both have Ping.
type pinger interface {
	Ping(ctx context.Context) error
}

// OpsHandler serves /healthz (the process runs), /readyz (Postgres and Redis
// answer) and /metrics (Prometheus).
func (b *Bot) OpsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if b.draining.Load() { // a load balancer sends nothing new here
			http.Error(w, "draining", http.StatusServiceUnavailable)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		for name, p := range map[string]any{"postgres": b.store, "redis": b.conv} {
			if p, ok := p.(pinger); ok {
				if err := p.Ping(ctx); err != nil {
					b.log.Warn("not ready", slog.String("component", name), slog.String("err", err.Error()))
					http.Error(w, name+" unreachable", http.StatusServiceUnavailable)
					return
				}
			}
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(b.metrics.gatherer, promhttp.HandlerOpts{}))
	return mux
}

// listen opens addr, the value of the variable named env, with an error that
// says so: a port in use must stop the bot at start, not at its shutdown.
func listen(env, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("bot: cannot listen on %s=%s (is another process using it?): %w", env, addr, err)
	}
	return ln, nil
}

// serveUntil serves srv on ln until ctx ends, calling started once it
// listens, then shuts it down gracefully: in-flight requests finish first.
func (b *Bot) serveUntil(ctx context.Context, srv *http.Server, ln net.Listener, started func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if started != nil {
		if err := started(); err != nil {
			_ = srv.Close()
			return err
		}
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), b.handleTimeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
