package outbox

import "github.com/prometheus/client_golang/prometheus"

// metrics are the sender's Prometheus series.
type metrics struct {
	sent      prometheus.Counter
	failed    *prometheus.CounterVec
	retried   *prometheus.CounterVec
	pending   prometheus.Gauge
	lateSlots prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
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
