package main

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// phase is what one measured phase recorded: every warm-up user sends
// Messages texts at the main menu, each after the reply to the one before
// and, when Think > 0, a think time.
type phase struct {
	Name            string
	Users, Messages int
	Think           time.Duration   // mean think time after each reply; 0 for none
	Updates         int             // messages answered
	Elapsed         time.Duration   // wall time of the phase
	Latencies       []time.Duration // send-to-reply, one per message, any order
	BotCPU          time.Duration   // utime+stime of the bot over the phase
	GenCPU          time.Duration   // the load generator's own CPU over the phase
}

// thinkTime draws a think time uniformly from [mean/2, 3·mean/2), so that
// its mean is mean and users answered in the same polling batch do not stay
// in step; 0 when mean is not positive.
func thinkTime(mean time.Duration) time.Duration {
	if mean <= 0 {
		return 0
	}
	return mean/2 + rand.N(mean)
}

// stagger is how long user i of n waits before its first message: the
// starts spread evenly over one mean think time, so that the paced phase
// does not open with a burst of n messages; 0 without think time.
func stagger(i, n int, think time.Duration) time.Duration {
	if think <= 0 || n <= 0 {
		return 0
	}
	return think * time.Duration(i) / time.Duration(n)
}

// drive runs one measured phase: cfg.Users warm-up users send messages texts
// each, with think time think (0: the next message as soon as the reply is
// there). It records every latency and the CPU time of the bot and of this
// process. It returns an error when a reply is missing or wrong or /proc
// cannot be read.
func (b *bench) drive(name string, messages int, think time.Duration) (phase, error) {
	p := phase{Name: name, Users: b.cfg.Users, Messages: messages, Think: think}
	cpu0, err := procCPU(b.bot.pid)
	if err != nil {
		return p, err
	}
	gen0, err := procCPU("self")
	if err != nil {
		return p, err
	}
	lat := make([][]time.Duration, p.Users)
	start := time.Now()
	err = runUsers(p.Users, p.Users, func(i int) error {
		u := simUser(firstUserID + int64(i))
		a := b.sim.chatter()
		lat[i] = make([]time.Duration, 0, messages)
		time.Sleep(stagger(i, p.Users, think))
		for n := range messages {
			if n > 0 {
				time.Sleep(thinkTime(think))
			}
			d, err := b.sim.do(u, a)
			if err != nil {
				return err
			}
			lat[i] = append(lat[i], d)
		}
		return nil
	})
	p.Elapsed = time.Since(start)
	if err != nil {
		return p, fmt.Errorf("%s phase: %w", name, err)
	}
	cpu1, err := procCPU(b.bot.pid)
	if err != nil {
		return p, err
	}
	gen1, err := procCPU("self")
	if err != nil {
		return p, err
	}
	for _, l := range lat {
		p.Latencies = append(p.Latencies, l...)
	}
	p.Updates = len(p.Latencies)
	p.BotCPU, p.GenCPU = cpu1-cpu0, gen1-gen0
	b.progress("%s: %d updates in %s", name, p.Updates, p.Elapsed.Round(time.Millisecond))
	return p, nil
}

// paced runs the paced phase: the warm-up users with cfg.Think between a
// reply and the next message, cfg.PacedMessages each, so that the bot is
// loaded but not saturated. The p99 latency target applies here.
func (b *bench) paced(res *results) error {
	p, err := b.drive("paced", b.cfg.PacedMessages, b.cfg.Think)
	res.Paced = p
	return err
}
