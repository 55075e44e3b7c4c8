package front

import "sync"

// requestQueue holds shell requests waiting for GoNB, in arrival order. The
// front sends GoNB one request at a time so that, when a cell fails, the
// execute requests still waiting here can be aborted as ipykernel does.
type requestQueue struct {
	mu     sync.Mutex
	items  []*Message
	ready  chan struct{} // has a value while items is not empty
	closed chan struct{}
	once   sync.Once
}

func newRequestQueue() *requestQueue {
	return &requestQueue{ready: make(chan struct{}, 1), closed: make(chan struct{})}
}

// push appends m.
func (q *requestQueue) push(m *Message) {
	q.mu.Lock()
	q.items = append(q.items, m)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// pop waits for the oldest request; ok is false once the queue is closed.
func (q *requestQueue) pop() (m *Message, ok bool) {
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			m = q.items[0]
			q.items = q.items[1:]
			more := len(q.items) > 0
			q.mu.Unlock()
			if more {
				select {
				case q.ready <- struct{}{}:
				default:
				}
			}
			return m, true
		}
		q.mu.Unlock()
		select {
		case <-q.ready:
		case <-q.closed:
			return nil, false
		}
	}
}

// takeExecutes removes and returns the queued execute requests, leaving
// the other requests (completion, inspection) in place.
func (q *requestQueue) takeExecutes() []*Message {
	q.mu.Lock()
	defer q.mu.Unlock()
	var taken, kept []*Message
	for _, m := range q.items {
		if m.Head.MsgType == "execute_request" {
			taken = append(taken, m)
		} else {
			kept = append(kept, m)
		}
	}
	q.items = kept
	return taken
}

// close wakes pop for good.
func (q *requestQueue) close() { q.once.Do(func() { close(q.closed) }) }
