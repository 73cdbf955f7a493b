package bot

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// waitTurn returns at the moment a send to chatID fits both shared limits,
// having booked it under both, or with ctx's or the limiter's error. It
// books the next global slot (one worker of this instance at a time) and
// waits for it, then takes the chat's turn, so that the send follows both
// bookings within a few milliseconds and every sliding one-second window
// stays within both limits. The store holds a chat's next message back for
// the chat's pause, so the chat's limit rarely refuses; when it does, the
// global slot is lost.
func (s *sender) waitTurn(ctx context.Context, chatID int64) error {
	chatKey := "chat:" + strconv.FormatInt(chatID, 10)
	for {
		wait, err := s.reserveGlobal(ctx)
		if err != nil {
			return err
		}
		slot := time.Now().Add(wait)
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
		// A send much later than its slot could crowd a later one-second
		// window; such a slot is let go and the next one booked.
		if time.Since(slot) > maxLate {
			s.metrics.lateSlots.Inc()
			continue
		}
		wait, ok, err := s.limit.ReserveSend(ctx, chatKey, s.chatEvery, 1)
		if err != nil || ok {
			return err
		}
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
	}
}

// reserveGlobal books the next global slot and returns how long until it.
func (s *sender) reserveGlobal(ctx context.Context) (time.Duration, error) {
	s.globalMu.Lock()
	defer s.globalMu.Unlock()
	for {
		wait, ok, err := s.limit.ReserveSend(ctx, "global", s.globalEvery, globalAhead)
		if err != nil || ok {
			return wait, err
		}
		if !sleep(ctx, wait) {
			return 0, ctx.Err()
		}
	}
}

// outboxMetrics are the sender's Prometheus series.
type outboxMetrics struct {
	sent      prometheus.Counter
	failed    *prometheus.CounterVec
	retried   *prometheus.CounterVec
	pending   prometheus.Gauge
	lateSlots prometheus.Counter
}

func newOutboxMetrics(reg prometheus.Registerer) *outboxMetrics {
	m := &outboxMetrics{
		sent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "miglobe_outbox_sent_total", Help: "Outbox messages delivered.",
		}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "miglobe_outbox_failed_total", Help: "Outbox messages given up, by reason (blocked, refused, attempts).",
		}, []string{"reason"}),
		retried: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "miglobe_outbox_retried_total", Help: "Outbox sends to be retried, by reason (retry_after, error).",
		}, []string{"reason"}),
		pending: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "miglobe_outbox_pending", Help: "Outbox messages not yet sent or given up (refreshed every few seconds).",
		}),
	}
	m.lateSlots = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "miglobe_outbox_late_slots_total", Help: "Global send slots let go because the sender woke too late for them.",
	})
	reg.MustRegister(m.sent, m.failed, m.retried, m.pending, m.lateSlots)
	for _, r := range []string{"blocked", "refused", "attempts"} {
		m.failed.WithLabelValues(r)
	}
	for _, r := range []string{"retry_after", "error"} {
		m.retried.WithLabelValues(r)
	}
	return m
}
