package main

import (
	"context"
	"fmt"
	"time"
)

// warmUp onboards cfg.Users users as municipal contacts, all at once.
func (b *bench) warmUp() error {
	start := time.Now()
	err := runUsers(b.cfg.Users, b.cfg.Users, func(i int) error {
		u := simUser(firstUserID + int64(i))
		for _, a := range b.sim.onboarding(u) {
			if _, err := b.sim.do(u, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	b.progress("warm-up: %d users onboarded in %s", b.cfg.Users, time.Since(start).Round(time.Millisecond))
	return nil
}

// measure makes every warm-up user send cfg.Messages texts at the main menu
// and records the latency of each, the bot's CPU time and Redis round trips.
func (b *bench) measure(ctx context.Context, res *results) error {
	before, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	cpu0, err := procCPU(b.bot.pid)
	if err != nil {
		return err
	}
	gen0, err := procCPU("self")
	if err != nil {
		return err
	}
	lat := make([][]time.Duration, b.cfg.Users)
	start := time.Now()
	err = runUsers(b.cfg.Users, b.cfg.Users, func(i int) error {
		u := simUser(firstUserID + int64(i))
		lat[i] = make([]time.Duration, 0, b.cfg.Messages)
		a := b.sim.chatter()
		for range b.cfg.Messages {
			d, err := b.sim.do(u, a)
			if err != nil {
				return err
			}
			lat[i] = append(lat[i], d)
		}
		return nil
	})
	res.Elapsed = time.Since(start)
	if err != nil {
		return fmt.Errorf("measured phase: %w", err)
	}
	cpu1, err := procCPU(b.bot.pid)
	if err != nil {
		return err
	}
	gen1, err := procCPU("self")
	if err != nil {
		return err
	}
	after, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	if _, ok := after[metricRedisTrips]; !ok {
		return fmt.Errorf("measured phase: the bot's /metrics has no %s", metricRedisTrips)
	}
	for _, l := range lat {
		res.Latencies = append(res.Latencies, l...)
	}
	res.Updates = len(res.Latencies)
	res.BotCPU, res.GenCPU = cpu1-cpu0, gen1-gen0
	res.RedisTrips = after[metricRedisTrips] - before[metricRedisTrips]
	b.progress("measured: %d updates in %s", res.Updates, res.Elapsed.Round(time.Millisecond))
	return nil
}

// conversations makes cfg.Convs further users send /start, cfg.Batch at a
// time, so that each has a live conversation at the language prompt; after
// a settle and a GET of /metrics it reads the bot's resident set size.
func (b *bench) conversations(ctx context.Context, res *results) error {
	start := time.Now()
	err := runUsers(b.cfg.Convs, b.cfg.Batch, func(i int) error {
		u := simUser(firstConvID + int64(i))
		_, err := b.sim.do(u, b.sim.start(u))
		return err
	})
	if err != nil {
		return fmt.Errorf("conversation phase: %w", err)
	}
	b.progress("conversations: %d started in %s", b.cfg.Convs, time.Since(start).Round(time.Millisecond))
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-time.After(b.cfg.Settle):
	}
	if _, err := scrape(ctx, b.bot.addr); err != nil {
		return err
	}
	res.RSSBytes, err = procRSS(b.bot.pid)
	return err
}
