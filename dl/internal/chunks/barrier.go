package chunks

import (
	"runtime"
	"sync/atomic"
)

// Barrier lets the goroutines of one Run meet between the steps of a
// computation that needs every part of step s before any part of step
// s+1: the LSTM scan split over hidden units, where each step's product
// reads the whole hidden state that every part wrote a piece of. A step
// there lasts tens of microseconds, so waiting spins (yielding to the
// scheduler after a few hundred checks) instead of parking: a parked
// goroutine takes longer to wake than the step.
//
// The n goroutines must all call Wait the same number of times, and all
// must be running (Run's parts are): Wait returns once all n have called it.
type Barrier struct {
	n       int32
	arrived atomic.Int32
	gen     atomic.Uint32
}

// NewBarrier returns a barrier for n goroutines.
func NewBarrier(n int) *Barrier { return &Barrier{n: int32(n)} }

// Wait blocks until all n goroutines have called it, then releases them.
func (b *Barrier) Wait() {
	g := b.gen.Load()
	if b.arrived.Add(1) == b.n {
		b.arrived.Store(0)
		b.gen.Add(1) // releases the others; the count is reset first
		return
	}
	for spins := 0; b.gen.Load() == g; spins++ {
		if spins >= 256 {
			runtime.Gosched()
		}
	}
}
