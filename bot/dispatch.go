package bot

import "sync"

// dispatcher runs jobs so that one chat's jobs run one after another in the
// order they were submitted, while different chats run concurrently on at
// most `workers` goroutines.
type dispatcher struct {
	sem   chan struct{}
	mu    sync.Mutex
	chats map[int64][]func() // pending jobs of chats that have a runner
	wg    sync.WaitGroup
}

func newDispatcher(workers int) *dispatcher {
	return &dispatcher{sem: make(chan struct{}, workers), chats: make(map[int64][]func())}
}

// submit queues job behind the chat's earlier jobs.
func (d *dispatcher) submit(chat int64, job func()) {
	d.wg.Add(1)
	d.mu.Lock()
	queue, running := d.chats[chat]
	d.chats[chat] = append(queue, job)
	d.mu.Unlock()
	if !running {
		go d.run(chat)
	}
}

// run drains one chat's queue while holding a worker slot.
func (d *dispatcher) run(chat int64) {
	d.sem <- struct{}{}
	defer func() { <-d.sem }()
	for {
		d.mu.Lock()
		queue := d.chats[chat]
		if len(queue) == 0 {
			delete(d.chats, chat)
			d.mu.Unlock()
			return
		}
		job := queue[0]
		queue[0] = nil
		d.chats[chat] = queue[1:]
		d.mu.Unlock()
		job()
		d.wg.Done()
	}
}

// wait returns when every submitted job has run.
func (d *dispatcher) wait() { d.wg.Wait() }
