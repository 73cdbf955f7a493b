package bot

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The settler saves the conversations of polling mode. Each conversation's
// runner asks it to settle its run when the run ends; the runs that end
// while a round trip is under way are settled together in the next one, so
// that many conversations finishing at once cost one round trip to Redis,
// and a lone one costs no waiting.

// settleReq is one conversation's request to settle its run.
type settleReq struct {
	items []domain.Settle
	reply chan []error
}

// settler runs settle requests, merging those that queue up. While other
// runs are still being handled (handling counts them), it waits up to
// gatherFor for their requests too, so that the conversations of one
// getUpdates batch are saved in one round trip, as they finish together.
type settler struct {
	conv     ConvStore
	reqs     chan settleReq
	done     chan struct{}
	handling atomic.Int64 // runs being handled that will ask to be settled
}

// gatherFor is the longest the settler waits for more runs to finish.
const gatherFor = 2 * time.Millisecond

func newSettler(conv ConvStore) *settler {
	s := &settler{conv: conv, reqs: make(chan settleReq, 256), done: make(chan struct{})}
	go s.run()
	return s
}

// settle settles items in the next round trip and returns their errors.
func (s *settler) settle(items []domain.Settle) []error {
	reply := make(chan []error, 1)
	s.reqs <- settleReq{items: items, reply: reply}
	return <-reply
}

// stop ends the settler once the requests in hand are settled; settle
// must not be called after it.
func (s *settler) stop() {
	close(s.reqs)
	<-s.done
}

func (s *settler) run() {
	defer close(s.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for req := range s.reqs {
		batch := s.gather(req, timer)
		var items []domain.Settle
		for _, r := range batch {
			items = append(items, r.items...)
		}
		ctx, cancel := context.WithTimeout(context.Background(), settleTimeout)
		errs := s.conv.SettleAll(ctx, items)
		cancel()
		for _, r := range batch {
			r.reply <- errs[:len(r.items)]
			errs = errs[len(r.items):]
		}
	}
}

// gather returns first with the requests queued behind it and, while runs
// are still being handled, those that come within gatherFor.
func (s *settler) gather(first settleReq, timer *time.Timer) []settleReq {
	batch := []settleReq{first}
	timer.Reset(gatherFor)
	defer timer.Stop() // since Go 1.23 a stopped timer delivers nothing stale
	for len(batch) < cap(s.reqs) {
		if s.handling.Load() == 0 { // nobody else will ask soon: take what waits
			select {
			case r, ok := <-s.reqs:
				if !ok {
					return batch
				}
				batch = append(batch, r)
				continue
			default:
				return batch
			}
		}
		select {
		case r, ok := <-s.reqs:
			if !ok {
				return batch
			}
			batch = append(batch, r)
		case <-timer.C:
			return batch
		}
	}
	return batch
}
