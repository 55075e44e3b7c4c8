package front

import (
	"encoding/json"
	"time"
)

// idleWait bounds how long the queue waits for GoNB's idle status after a
// reply. GoNB publishes it right after the reply; the bound only matters if
// GoNB never sends it, and then the queue carries on.
const idleWait = 30 * time.Second

// GoNB sends a request's execute_reply on shell and then its idle status on
// iopub. The front receives the two on different sockets, so the reply can
// reach the queue before the idle reaches the client. Anything the front
// publishes next — the busy, aborted reply and idle of a cell aborted after
// an error, or the next request's busy — must come after that idle, as it
// does from ipykernel: clients such as jupyter_client's execute_interactive
// read iopub up to their request's idle and discard other requests'
// messages on the way. So the queue waits for each forwarded request's idle.

// expectIdle registers a wait for the idle status whose parent is msgID.
func (f *front) expectIdle(msgID string) chan struct{} {
	ch := make(chan struct{})
	f.mu.Lock()
	f.idle[msgID] = ch
	f.mu.Unlock()
	return ch
}

// dropIdle forgets the wait for msgID's idle status.
func (f *front) dropIdle(msgID string) {
	f.mu.Lock()
	delete(f.idle, msgID)
	f.mu.Unlock()
}

// sawIdle is called after an iopub message from GoNB has been relayed (or
// dropped): if it is the idle status a request waits for, the wait ends.
func (f *front) sawIdle(m *Message) {
	if m.Head.MsgType != "status" {
		return
	}
	var s struct {
		State string `json:"execution_state"`
	}
	if json.Unmarshal(m.Content, &s) != nil || s.State != "idle" {
		return
	}
	f.mu.Lock()
	ch := f.idle[m.Parent.MsgID]
	delete(f.idle, m.Parent.MsgID)
	f.mu.Unlock()
	if ch != nil {
		close(ch)
	}
}

// awaitIdle waits until GoNB's idle status for m has been relayed, GoNB is
// gone, the front stops, or idleWait passes.
func (f *front) awaitIdle(m *Message, ch chan struct{}) {
	select {
	case <-ch:
		return
	case <-f.stopping:
	case <-f.b.exited:
	case <-time.After(idleWait):
		f.logf("no idle status from GoNB for %s %s within %v: carrying on", m.Head.MsgType, m.Head.MsgID, idleWait)
	}
	f.dropIdle(m.Head.MsgID)
}
