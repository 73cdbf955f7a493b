package bot

import (
	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the bot's Prometheus series, served at /metrics.
type metrics struct {
	updates  *prometheus.CounterVec // updates handled, by kind
	latency  prometheus.Histogram   // seconds from intake to handled
	errors   *prometheus.CounterVec // handler errors, by reason
	apiCalls *prometheus.CounterVec // Bot API calls, by method and result
	inflight prometheus.Gauge       // updates being handled now
	gatherer prometheus.Gatherer    // what /metrics serves
}

func newMetrics(reg prometheus.Registerer) *metrics {
	var gatherer prometheus.Gatherer = prometheus.DefaultGatherer
	if reg == nil {
		r := prometheus.NewRegistry()
		reg, gatherer = r, r
	} else if g, ok := reg.(prometheus.Gatherer); ok {
		gatherer = g
	}
	m := &metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "miglobe_updates_handled_total",
			Help: "Updates handled, by kind (text, command, button, other, ignored, duplicate).",
		}, []string{"kind"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "miglobe_update_handling_seconds",
			Help:    "Time from receiving an update to having handled it.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "miglobe_handler_errors_total",
			Help: "Errors while handling updates, by reason (panic, flow, redis, conflict).",
		}, []string{"reason"}),
		apiCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "miglobe_botapi_calls_total",
			Help: "Bot API calls, by method and result (ok, retry_after, error).",
		}, []string{"method", "result"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "miglobe_updates_in_flight",
			Help: "Updates being handled right now.",
		}),
		gatherer: gatherer,
	}
	reg.MustRegister(m.updates, m.latency, m.errors, m.apiCalls, m.inflight)
	for _, reason := range []string{"panic", "flow", "redis", "conflict"} {
		m.errors.WithLabelValues(reason) // shown as 0 from the start
	}
	return m
}
