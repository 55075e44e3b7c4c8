package front

import "time"

// GoNB passes an interrupt on to the running cell's process only once it
// has subscribed that process to interrupts, which it does just after
// starting it. A SIGINT that reaches GoNB before then (on a loaded machine
// the cell can already have printed its first line) sets GoNB's flag but
// stops nothing, and the cell runs on. So the front repeats the interrupt
// while the cell it interrupted is still the one running. A repeat cannot
// hurt a cell that received the first: GoNB signals a cell's process at
// most once (and kills it 5 s later if it has not exited).
const (
	reinterruptEvery = 2 * time.Second
	reinterruptTimes = 15
)

// runningExecute returns the msg_id of the execute request GoNB is
// running, or "".
func (f *front) runningExecute() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, m := range f.inflight {
		if m.Head.MsgType == "execute_request" {
			return id
		}
	}
	return ""
}

// interruptCell interrupts the running cell, repeating the signal in the
// background while that same cell is still running.
func (f *front) interruptCell() error {
	id := f.runningExecute()
	if err := f.b.interrupt(); err != nil {
		return err
	}
	if id == "" {
		return nil
	}
	go func() {
		for range reinterruptTimes {
			select {
			case <-time.After(reinterruptEvery):
			case <-f.stopping:
				return
			}
			if f.runningExecute() != id {
				return
			}
			f.logf("cell %s still running after an interrupt: interrupting again", id)
			if f.b.interrupt() != nil {
				return
			}
		}
	}()
	return nil
}
