package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Series of the bot's /metrics that the benchmark reads.
const (
	metricRedisTrips = "miglobe_redis_roundtrips_total"
	metricErrors     = "miglobe_handler_errors_total"
	seriesDuplicate  = `miglobe_updates_handled_total{kind="duplicate"}`
)

// metricSet maps a series as the text format writes it (name and labels,
// e.g. `x_total{kind="text"}`) to its value.
type metricSet map[string]float64

// sum adds up every series of the metric name, whatever its labels.
func (m metricSet) sum(name string) float64 {
	var total float64
	for series, v := range m {
		if n, _, _ := strings.Cut(series, "{"); n == name {
			total += v
		}
	}
	return total
}

// parseMetrics reads the Prometheus text format. Comments, blank lines and
// lines whose value does not parse are skipped; a trailing timestamp is
// ignored. Label values holding spaces are not supported (the bot has none).
func parseMetrics(body string) metricSet {
	m := metricSet{}
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		m[f[0]] = v
	}
	return m
}

// scrape fetches and parses http://addr/metrics; it returns an error when
// the endpoint does not answer 200 within five seconds.
func scrape(ctx context.Context, addr string) (metricSet, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		return nil, fmt.Errorf("scrape metrics: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("scrape metrics: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("scrape metrics: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("scrape metrics: HTTP %d", resp.StatusCode)
	}
	return parseMetrics(string(body)), nil
}
