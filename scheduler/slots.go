package scheduler

import (
	"time"

	"github.com/robfig/cron/v3"
)

// every is "@every d" in a form every instance shares: it fires at the
// multiples of d since the zero time (for d dividing a day: on the minute,
// on the hour, ...), not d after each instance happened to start, so a
// slot names the same tick on every instance.
type every time.Duration

// Next returns the first multiple of d after t.
func (e every) Next(t time.Time) time.Time {
	d := time.Duration(e)
	return t.Truncate(d).Add(d)
}

// schedule parses spec; "@every d" becomes every(d), and so does every
// spec when override is not 0 (the spec must parse all the same).
func schedule(spec string, override time.Duration) (cron.Schedule, error) {
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, err
	}
	if override > 0 {
		return every(max(override, time.Second)), nil
	}
	if c, ok := sched.(cron.ConstantDelaySchedule); ok {
		return every(c.Delay), nil
	}
	return sched, nil
}

// slotLookback bounds how late after its time a run may start and still
// be given that time as its slot.
const slotLookback = time.Minute

// slotOf is the time the schedule gave for the run starting at now: the
// last activation at or before now.
func slotOf(sched cron.Schedule, now time.Time) time.Time {
	if e, ok := sched.(every); ok {
		return now.Truncate(time.Duration(e))
	}
	var last time.Time
	for t := sched.Next(now.Add(-slotLookback)); !t.After(now); t = sched.Next(t) {
		last = t
	}
	if last.IsZero() {
		return now.Truncate(time.Second)
	}
	return last
}
