package bot

import "time"

// The intake's bookkeeping of the updates it has seen: which are in hand,
// which are done, and the offset that confirms them.

// untilRepoll is how long to wait for the updates in hand before asking
// for new ones: until the oldest has been in hand for slowAfter, and
// repollEvery once it has.
func (in *intake) untilRepoll() time.Duration {
	oldest := time.Now()
	for _, at := range in.taken {
		if at.Before(oldest) {
			oldest = at
		}
	}
	return max(slowAfter-time.Since(oldest), repollEvery)
}

// drainResults records the results that are ready.
func (in *intake) drainResults() {
	for {
		select {
		case res := <-in.results:
			in.record(res)
		default:
			return
		}
	}
}

// record notes how updates ended.
func (in *intake) record(res []itemResult) {
	for _, r := range res {
		if in.states[r.id] == stateRunning {
			in.addRunning(-1)
			delete(in.taken, r.id)
		}
		if r.retry {
			in.states[r.id] = stateRetry
		} else {
			in.states[r.id] = stateDone
		}
	}
}

// addRunning changes the count of updates in hand, which the settler reads
// too.
func (in *intake) addRunning(d int) {
	in.running += d
	in.settler.inHand.Store(int64(in.running))
}

// next returns the offset to confirm: the oldest update not done, or the
// one after the newest seen; it forgets the updates below it.
func (in *intake) next() int64 {
	next := in.maxSeen + 1
	for id, st := range in.states {
		if st != stateDone && id < next {
			next = id
		}
	}
	for id := range in.states {
		if id < next {
			delete(in.states, id)
		}
	}
	in.offset = max(in.offset, next)
	if in.maxSeen == 0 {
		return 0
	}
	return in.offset
}

func (in *intake) hasRetries() bool {
	for _, st := range in.states {
		if st == stateRetry {
			return true
		}
	}
	return false
}
