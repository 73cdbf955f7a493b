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

// measure is the saturation phase: every warm-up user sends cfg.Messages
// texts at the main menu without think time. Besides latency and CPU time it
// records the bot's Redis round trips.
func (b *bench) measure(ctx context.Context, res *results) error {
	before, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	res.Saturation, err = b.drive("saturation", b.cfg.Messages, 0)
	if err != nil {
		return err
	}
	after, err := scrape(ctx, b.bot.addr)
	if err != nil {
		return err
	}
	if _, ok := after[metricRedisTrips]; !ok {
		return fmt.Errorf("saturation phase: the bot's /metrics has no %s", metricRedisTrips)
	}
	res.RedisTrips = after[metricRedisTrips] - before[metricRedisTrips]
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
