package front

import (
	"bytes"
	"time"
)

// internalID marks the routing identity of requests the front itself sends
// GoNB; their replies and outputs are not relayed to clients.
const internalID = "gendl-front"

// handleShell dispatches a valid request from the client's shell socket.
func (f *front) handleShell(m *Message) {
	switch m.Head.MsgType {
	case "execute_request", "complete_request", "inspect_request":
		f.queue.push(m)
	case "comm_open", "comm_msg", "comm_close":
		// Widgets talk to a running cell: these never wait in the queue.
		f.trackComm(m)
		f.forward(f.gShell, m)
	case "comm_info_request":
		f.answerCommInfo(m)
	case "kernel_info_request":
		f.reply(f.shell, m, "kernel_info_reply", kernelInfo())
	case "is_complete_request":
		var c struct {
			Code string `json:"code"`
		}
		if err := m.DecodeContent(&c); err != nil {
			f.logf("dropped: %v", err)
			return
		}
		f.reply(f.shell, m, "is_complete_reply", IsComplete(c.Code))
	case "history_request":
		f.answerHistory(m)
	case "shutdown_request", "interrupt_request":
		f.handleControlOn(f.shell, m)
	default:
		f.logf("shell: dropped unsupported %s", m.Head.MsgType)
	}
}

// handleControl dispatches a valid request from the control socket.
func (f *front) handleControl(m *Message) { f.handleControlOn(f.control, m) }

func (f *front) handleControlOn(s *sock, m *Message) {
	switch m.Head.MsgType {
	case "kernel_info_request":
		f.reply(s, m, "kernel_info_reply", kernelInfo())
	case "interrupt_request":
		f.publishStatus(m, "busy")
		content := map[string]any{"status": "ok"}
		if err := f.interruptCell(); err != nil {
			content = map[string]any{"status": "error", "ename": "InterruptError", "evalue": err.Error(), "traceback": []string{}}
		}
		f.sendReply(s, m, "interrupt_reply", content, nil)
		f.publishStatus(m, "idle")
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		_ = m.DecodeContent(&c)
		f.reply(s, m, "shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
		f.stop()
	default:
		f.logf("%s: dropped unsupported %s", s.name, m.Head.MsgType)
	}
}

func (f *front) answerHistory(m *Message) {
	var r HistoryRequest
	if err := m.DecodeContent(&r); err != nil {
		f.logf("dropped: %v", err)
		return
	}
	hist, err := f.hist.Query(r)
	if err != nil {
		f.reply(f.shell, m, "history_reply", map[string]any{
			"status": "error", "ename": "HistoryError", "evalue": err.Error(), "traceback": []string{}, "history": []any{},
		})
		return
	}
	if hist == nil {
		hist = [][]any{}
	}
	f.reply(f.shell, m, "history_reply", map[string]any{"status": "ok", "history": hist})
}

// forward sends a client's message on to GoNB, re-signed with GoNB's key.
func (f *front) forward(s *sock, m *Message) {
	if err := s.send(m.Encode(f.gsign)); err != nil {
		f.logf("forwarding %s to %s: %v", m.Head.MsgType, s.name, err)
	}
}

func isInternal(m *Message) bool {
	return len(m.Identities) > 0 && bytes.HasPrefix(m.Identities[0], []byte(internalID))
}

// relayReply passes a GoNB shell reply to the client it is for, re-signed
// with the client's key, and wakes the queue waiting for it.
func (f *front) relayReply(r *Message) {
	if r.Head.MsgType == "complete_reply" {
		f.fixCompleteReply(r)
	}
	if r.Head.MsgType == "execute_reply" {
		f.mu.Lock()
		req := f.inflight[r.Parent.MsgID]
		f.mu.Unlock()
		if req != nil {
			f.recordExecution(req, r)
			// The cells a failed one aborts are those queued before its
			// reply reaches the client: taken now, a cell the client sends
			// once it has seen the error is not among them.
			if aborted := f.abortedBy(req, r); len(aborted) > 0 {
				f.mu.Lock()
				f.aborts[r.Parent.MsgID] = aborted
				f.mu.Unlock()
			}
		}
	}
	if !isInternal(r) && f.isServing() {
		if len(r.Identities) == 0 {
			f.logf("GoNB reply %s without a route: dropped", r.Head.MsgType)
		} else if err := f.shell.send(r.Encode(f.sign)); err != nil {
			f.logf("relaying %s: %v", r.Head.MsgType, err)
		}
	}
	f.deliver(r)
}

// relayIOPub republishes GoNB's iopub messages under the front's key.
func (f *front) relayIOPub(m *Message) {
	defer f.sawIdle(m)
	if f.o.iopubDelay > 0 {
		time.Sleep(f.o.iopubDelay)
	}
	if !f.isServing() || f.isInternalParent(m) || !f.fixOutput(m) {
		return
	}
	if m.Head.MsgType == "comm_open" || m.Head.MsgType == "comm_close" {
		f.trackComm(m)
	}
	m.Identities = [][]byte{[]byte("kernel." + f.kernelID + "." + m.Head.MsgType)}
	if err := f.iopub.send(m.Encode(f.sign)); err != nil {
		f.logf("relaying iopub %s: %v", m.Head.MsgType, err)
	}
}

// inputSettle is how long after an input_request the front holds back the
// answer. GoNB sends input_request before it registers the callback that
// takes the answer, and drops an input_reply that comes in between: a
// client that answers at once (a test, a script) could lose its input.
// No person types that fast.
const inputSettle = 100 * time.Millisecond

// relayInputRequest passes GoNB's input_request to the client's stdin.
func (f *front) relayInputRequest(m *Message) {
	if !f.isServing() || len(m.Identities) == 0 {
		return
	}
	f.mu.Lock()
	f.inputAt = time.Now()
	f.mu.Unlock()
	if err := f.stdin.send(m.Encode(f.sign)); err != nil {
		f.logf("relaying input_request: %v", err)
	}
}

// relayInputReply passes the client's input_reply to GoNB.
func (f *front) relayInputReply(m *Message) {
	if m.Head.MsgType != "input_reply" {
		f.logf("stdin: dropped %s", m.Head.MsgType)
		return
	}
	f.mu.Lock()
	wait := time.Until(f.inputAt.Add(inputSettle))
	f.mu.Unlock()
	if wait > 0 {
		time.Sleep(wait)
	}
	f.forward(f.gStdin, m)
}

// isInternalParent reports whether m answers a request the front sent GoNB
// on its own behalf.
func (f *front) isInternalParent(m *Message) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.internal[m.Parent.MsgID]
}
