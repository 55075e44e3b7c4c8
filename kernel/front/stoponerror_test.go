package front

import (
	"fmt"
	"testing"
	"time"
)

// TestAbortedCellsFollowTheFailedCellsIdle queues three cells back to back
// behind a failing one and checks iopub as a client sees it: each cell's
// messages run from its busy to its idle, in the order the cells were
// sent, so a client that reads up to its request's idle (and skips other
// requests' messages on the way, as jupyter_client does) finds every idle.
// GoNB's iopub messages are held back a little (iopubDelay), as on a
// loaded machine, so that GoNB's execute_reply for the failed cell always
// reaches the front before its idle status does: without the queue waiting
// for that idle, the aborted cells' status messages go out first.
func TestAbortedCellsFollowTheFailedCellsIdle(t *testing.T) {
	k := startKernel(t, "GENDL_FRONT_TEST_IOPUB_DELAY=300ms")
	k.drainIOPub()
	var ids []string
	for _, code := range []string{"%%\nnoSuchFunction()", "%%\nfmt.Println(1)", "%%\nfmt.Println(2)"} {
		m := k.message("execute_request", map[string]any{"code": code, "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
		k.send(k.shell, m)
		ids = append(ids, m.Head.MsgID)
	}
	index := map[string]int{}
	for i, id := range ids {
		index[id] = i
	}

	// The iopub messages of the three cells, in arrival order, up to the
	// last cell's idle.
	var seen []string // "cell/type[/state]"
	deadline := time.After(180 * time.Second)
	for done := false; !done; {
		select {
		case m := <-k.iopubC:
			i, ok := index[m.Parent.MsgID]
			if !ok {
				continue
			}
			entry := fmt.Sprintf("%d/%s", i, m.Head.MsgType)
			if m.Head.MsgType == "status" {
				var c struct {
					State string `json:"execution_state"`
				}
				m.DecodeContent(&c)
				entry += "/" + c.State
				done = i == len(ids)-1 && c.State == "idle"
			}
			seen = append(seen, entry)
		case <-deadline:
			t.Fatalf("no idle status for the last cell within 180 s; iopub so far: %v", seen)
		}
	}

	// Cells in order, each one's messages from its busy to its idle.
	cell, open := 0, false
	for _, e := range seen {
		var i int
		var rest string
		fmt.Sscanf(e, "%d/%s", &i, &rest)
		switch {
		case i != cell:
			t.Fatalf("%q arrived while cell %d's messages were expected; iopub: %v", e, cell, seen)
		case rest == "status/busy":
			if open {
				t.Fatalf("second busy for cell %d; iopub: %v", cell, seen)
			}
			open = true
		case !open:
			t.Fatalf("%q before the cell's busy; iopub: %v", e, seen)
		case rest == "status/idle":
			cell, open = cell+1, false
		}
	}
	if cell != len(ids) {
		t.Fatalf("%d of %d cells ended with idle; iopub: %v", cell, len(ids), seen)
	}

	for i, want := range []string{"error", "aborted", "aborted"} {
		var c map[string]any
		k.reply(k.shell, ids[i], 30*time.Second).DecodeContent(&c)
		if c["status"] != want {
			t.Errorf("cell %d: status %v, want %s", i, c["status"], want)
		}
	}
}
