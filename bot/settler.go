package bot

import (
	"context"

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

// settler runs settle requests, merging those that queue up.
type settler struct {
	conv ConvStore
	reqs chan settleReq
	done chan struct{}
}

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
	for req := range s.reqs {
		batch := []settleReq{req}
	more:
		for len(batch) < cap(s.reqs) {
			select {
			case r, ok := <-s.reqs:
				if !ok {
					break more
				}
				batch = append(batch, r)
			default:
				break more
			}
		}
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
