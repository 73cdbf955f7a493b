package telegramfake

import "sync"

// Event is a change in a chat, for the sandbox's live view.
type Event struct {
	Kind    string  // "message", "edit", "delete", "answer"
	Message Message // the message concerned (for "answer", the pressed one if known)
	Answer  *CallbackAnswer
}

// subscriber forwards a chat's events, in order and without blocking the
// server, to its channel.
type subscriber struct {
	mu     sync.Mutex
	queue  []Event
	signal chan struct{} // capacity 1: the queue has grown
	done   chan struct{}
	once   sync.Once
	out    chan Event
}

// Subscribe returns the events of the chat from now on, in order. No event is
// dropped; a slow reader only delays its own channel. cancel (safe to call
// twice) and Close end the subscription and close the channel.
func (s *Server) Subscribe(chatID int64) (events <-chan Event, cancel func()) {
	sub := &subscriber{signal: make(chan struct{}, 1), done: make(chan struct{}), out: make(chan Event)}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		sub.stop()
		go sub.run()
		return sub.out, func() {}
	}
	if s.subs[chatID] == nil {
		s.subs[chatID] = make(map[*subscriber]struct{})
	}
	s.subs[chatID][sub] = struct{}{}
	s.mu.Unlock()
	go sub.run()
	return sub.out, func() {
		s.mu.Lock()
		delete(s.subs[chatID], sub)
		if len(s.subs[chatID]) == 0 {
			delete(s.subs, chatID)
		}
		s.mu.Unlock()
		sub.stop()
	}
}

// publishLocked queues ev for every subscriber of the chat.
func (s *Server) publishLocked(c *chat, ev Event) {
	for sub := range s.subs[c.user.ID] {
		sub.push(ev)
	}
}

func (sub *subscriber) push(ev Event) {
	sub.mu.Lock()
	sub.queue = append(sub.queue, ev)
	sub.mu.Unlock()
	select {
	case sub.signal <- struct{}{}:
	default:
	}
}

func (sub *subscriber) stop() { sub.once.Do(func() { close(sub.done) }) }

// run forwards queued events until stopped, then closes the channel.
func (sub *subscriber) run() {
	defer close(sub.out)
	for {
		sub.mu.Lock()
		if len(sub.queue) == 0 {
			sub.mu.Unlock()
			select {
			case <-sub.signal:
				continue
			case <-sub.done:
				return
			}
		}
		ev := sub.queue[0]
		sub.queue = sub.queue[1:]
		sub.mu.Unlock()
		select {
		case sub.out <- ev:
		case <-sub.done:
			return
		}
	}
}
