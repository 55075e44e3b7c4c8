package front

import (
	"strings"
	"time"
)

// executeRequest is the part of an execute_request the front reads.
type executeRequest struct {
	Code         string `json:"code"`
	Silent       bool   `json:"silent"`
	StoreHistory *bool  `json:"store_history"`
	StopOnError  *bool  `json:"stop_on_error"`
}

// executeReply is the part of an execute_reply the front reads.
type executeReply struct {
	Status         string `json:"status"`
	ExecutionCount int    `json:"execution_count"`
}

// runQueue sends the queued shell requests to GoNB one at a time, waiting
// for each reply, and aborts the waiting executions after a failed one.
func (f *front) runQueue() {
	for {
		m, ok := f.queue.pop()
		if !ok {
			return
		}
		f.safely("queue", func() { f.runRequest(m) })
	}
}

func (f *front) runRequest(m *Message) {
	if m.Head.MsgType == "inspect_request" {
		f.answerInspect(m)
		return
	}
	if m.Head.MsgType == "execute_request" {
		var req executeRequest
		if m.DecodeContent(&req) == nil {
			if sym := helpSymbol(req.Code); sym != "" {
				f.answerHelp(m, req.Code, sym)
				return
			}
			if isExitCell(req.Code) {
				f.answerExit(m, req.Code)
				return
			}
		}
	}
	if m.Head.MsgType == "complete_request" {
		m = f.rewriteComplete(m)
	}
	ch := f.addWaiter(m.Head.MsgID)
	idle := f.expectIdle(m.Head.MsgID)
	f.mu.Lock()
	f.inflight[m.Head.MsgID] = m
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.inflight, m.Head.MsgID)
		f.mu.Unlock()
	}()
	out := m
	if m.Head.MsgType == "execute_request" {
		out = f.rewriteRequest(m)
	}
	if err := f.gShell.send(out.Encode(f.gsign)); err != nil {
		f.dropWaiter(m.Head.MsgID)
		f.dropIdle(m.Head.MsgID)
		f.logf("forwarding %s: %v", m.Head.MsgType, err)
		return
	}
	select {
	case <-ch:
	case <-f.stopping:
		f.dropIdle(m.Head.MsgID)
		return
	case <-f.b.exited:
		f.dropIdle(m.Head.MsgID)
		return
	}
	if f.o.replyDelay > 0 {
		time.Sleep(f.o.replyDelay)
	}
	// The cells to abort are those queued when the reply came (relayReply
	// took them before passing the reply on), as with ipykernel, which
	// aborts before its idle: a cell sent after the client saw the error
	// runs. Their aborted replies, like the next request, wait for GoNB's
	// idle for this one: see idle.go.
	f.mu.Lock()
	aborted := f.aborts[m.Head.MsgID]
	delete(f.aborts, m.Head.MsgID)
	f.mu.Unlock()
	f.awaitIdle(m, idle)
	for _, a := range aborted {
		f.abort(a)
	}
}

// abortedBy takes from the queue the execute requests that a failed
// execute request m, answered by reply, aborts under stop_on_error.
func (f *front) abortedBy(m, reply *Message) []*Message {
	if m.Head.MsgType != "execute_request" {
		return nil
	}
	var req executeRequest
	var rep executeReply
	if m.DecodeContent(&req) != nil || reply.DecodeContent(&rep) != nil {
		return nil
	}
	if rep.Status == "error" && (req.StopOnError == nil || *req.StopOnError) {
		return f.queue.takeExecutes()
	}
	return nil
}

// recordExecution notes a finished cell — its execution count and, unless
// the request said otherwise, its history entry — before its reply goes to
// the client, so a history_request sent after the reply finds it.
func (f *front) recordExecution(m, reply *Message) {
	var req executeRequest
	var rep executeReply
	if m.DecodeContent(&req) != nil || reply.DecodeContent(&rep) != nil {
		return
	}
	if rep.ExecutionCount > 0 {
		f.mu.Lock()
		f.count = rep.ExecutionCount
		f.mu.Unlock()
	}
	store := req.StoreHistory == nil || *req.StoreHistory
	if store && !req.Silent && rep.ExecutionCount > 0 {
		if err := f.hist.Add(rep.ExecutionCount, req.Code, nil); err != nil {
			f.logf("%v", err)
		}
	}
}

// lastCount is the execution count of the latest executed cell.
func (f *front) lastCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.count
}

// abort answers an execute request that will not run because an earlier
// cell failed, as ipykernel does with stop_on_error.
func (f *front) abort(m *Message) {
	f.logf("aborting execute_request %s after an error", m.Head.MsgID)
	f.publishStatus(m, "busy")
	f.sendReply(f.shell, m, "execute_reply", map[string]any{"status": "aborted"},
		map[string]any{"status": "aborted"})
	f.publishStatus(m, "idle")
}

// isExitCell reports whether code asks a console to quit, as exit and quit
// do in IPython: GoNB would try to compile them.
func isExitCell(code string) bool {
	switch strings.TrimSpace(code) {
	case "exit", "quit", "exit()", "quit()":
		return true
	}
	return false
}

// answerExit replies with the ask_exit payload; jupyter console then
// closes and shuts the kernel down.
func (f *front) answerExit(m *Message, code string) {
	f.publishStatus(m, "busy")
	f.publish(m, "execute_input", map[string]any{"code": code, "execution_count": f.lastCount()})
	f.sendReply(f.shell, m, "execute_reply", map[string]any{
		"status": "ok", "execution_count": f.lastCount(), "user_expressions": map[string]any{},
		"payload": []any{map[string]any{"source": "ask_exit", "keepkernel": false}},
	}, nil)
	f.publishStatus(m, "idle")
}
