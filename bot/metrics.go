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

	// The counters of every update, looked up once: WithLabelValues hashes
	// its labels on every call.
	callsOK map[string]prometheus.Counter // by method
	byKind  map[string]prometheus.Counter // updates handled, by kind
}

// hotMethods are the Bot API methods called for nearly every update.
var hotMethods = []string{"getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"}

// callOK counts a successful call of method.
func (m *metrics) callOK(method string) {
	if c, ok := m.callsOK[method]; ok {
		c.Inc()
		return
	}
	m.apiCalls.WithLabelValues(method, "ok").Inc()
}

// handled counts an update of kind.
func (m *metrics) handled(kind string) {
	if c, ok := m.byKind[kind]; ok {
		c.Inc()
		return
	}
	m.updates.WithLabelValues(kind).Inc()
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
	m.callsOK, m.byKind = map[string]prometheus.Counter{}, map[string]prometheus.Counter{}
	for _, method := range hotMethods {
		m.callsOK[method] = m.apiCalls.WithLabelValues(method, "ok")
	}
	for _, kind := range []string{"text", "command", "button", "other", "ignored", "duplicate"} {
		m.byKind[kind] = m.updates.WithLabelValues(kind)
	}
	return m
}
