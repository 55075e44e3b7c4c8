package checkpoint

import (
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"time"
)

// KillDeadline is how long GoNB waits after sending SIGINT to a cell's
// program before it sends SIGKILL (GoNB's jpyexec.WaitToKill). The step
// that is running when the user interrupts, plus the final save, must fit
// in it: keep steps well under a second.
const KillDeadline = 5 * time.Second

// Interrupt turns the first SIGINT (Jupyter's interrupt button, or Ctrl+C
// in a terminal) into a flag a training loop polls between steps, instead
// of killing the program mid-step. After that first signal the default
// action is restored, so a second Ctrl+C exits at once. The zero Interrupt
// catches no signal; only Trigger sets it.
type Interrupt struct {
	ch      chan os.Signal
	done    chan struct{}
	hit     atomic.Bool
	release sync.Once
}

// CatchInterrupt starts catching SIGINT. Call Release (usually deferred)
// when the loop ends, to give SIGINT back its default action.
func CatchInterrupt() *Interrupt {
	i := &Interrupt{ch: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(i.ch, os.Interrupt)
	go func() {
		select {
		case <-i.ch:
			i.hit.Store(true)
			signal.Stop(i.ch)
		case <-i.done:
		}
	}()
	return i
}

// Requested reports whether SIGINT has arrived since CatchInterrupt, or
// Trigger was called.
func (i *Interrupt) Requested() bool { return i.hit.Load() }

// Trigger has the same effect as a SIGINT: a training loop polling
// Requested stops after its current step. Another goroutine (a stopping
// rule, a widget) may call it.
func (i *Interrupt) Trigger() { i.hit.Store(true) }

// Release stops catching SIGINT. It is safe to call more than once, and
// on the zero Interrupt (which only Trigger sets).
func (i *Interrupt) Release() {
	i.release.Do(func() {
		if i.ch != nil {
			signal.Stop(i.ch)
			close(i.done)
		}
	})
}
