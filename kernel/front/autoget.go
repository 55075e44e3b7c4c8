package front

import (
	"fmt"
	"time"
)

// disableAutoGet sends GoNB "%noautoget" once, before any client request,
// as an execute request of the front's own: silent and without history,
// so GoNB neither publishes it nor counts it (the first cell is still
// In [1]), and its reply and outputs, answering an internal request, are
// not relayed. Without it GoNB runs `go get` before every cell, which
// costs seconds a cell, and fails for a cell importing gonbui, a path the
// module proxy refuses to list; every package a gendl notebook needs is in
// the module already. A notebook can still say %autoget.
func (f *front) disableAutoGet(timeout time.Duration) error {
	req := f.internalRequest("execute_request", map[string]any{
		"code": "%noautoget", "silent": true, "store_history": false,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": false,
	})
	ch := f.addWaiter(req.Head.MsgID)
	if err := f.gShell.send(req.Encode(f.gsign)); err != nil {
		f.dropWaiter(req.Head.MsgID)
		return fmt.Errorf("front: sending %%noautoget to GoNB: %w", err)
	}
	select {
	case reply := <-ch:
		var rep executeReply
		if err := reply.DecodeContent(&rep); err != nil || rep.Status != "ok" {
			return fmt.Errorf("front: GoNB's reply to %%noautoget: status %q, %v", rep.Status, err)
		}
		return nil
	case <-f.b.exited:
		return fmt.Errorf("front: GoNB exited while starting: %v", f.b.err)
	case <-time.After(timeout):
		f.dropWaiter(req.Head.MsgID)
		return fmt.Errorf("front: GoNB did not answer %%noautoget within %v", timeout)
	}
}
