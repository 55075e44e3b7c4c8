package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Helper goroutines for the parallel product.
//
// A goroutine started with `go` on a machine whose other cores are idle
// begins running only after the runtime wakes a sleeping OS thread: 50 to
// 250 microseconds on a virtual machine, as long as a whole 256x256x256
// product on one core. So the helpers persist: after a task a helper spins
// (yielding with runtime.Gosched, so other goroutines still run) for
// helperSpin before it parks, and the next product, usually a few
// microseconds later in a training step, finds it awake. This is what
// OpenBLAS does with its threads. The helpers are an implementation detail
// with no setting: nothing about them is observable except speed.

// helperSpin is how long an idle helper stays awake waiting for work.
const helperSpin = 300 * time.Microsecond

// maxHelpers bounds the helper goroutines ever started.
const maxHelpers = 64

// idleWaitTries is how many times startHelpers yields waiting for a busy
// helper to become idle (up to about ten microseconds). Measured on
// back-to-back 64x784x256 products: without the wait 43% of them found no
// idle helper, with 20 tries 17%, with 100 tries 13%.
const idleWaitTries = 50

type helper struct {
	task   atomic.Pointer[func()] // set by the submitter, cleared by the helper
	parked atomic.Bool
	wake   chan struct{} // capacity 1
}

var helpers struct {
	mu    sync.Mutex
	idle  []*helper
	count int
}

// startHelpers hands *f to up to n idle helpers (starting new ones while
// fewer than GOMAXPROCS-1 exist) and returns how many got it. *f must be
// safe to run concurrently and to run after the caller has moved on.
func startHelpers(n int, f *func()) int {
	limit := min(runtime.GOMAXPROCS(0)-1, maxHelpers)
	started := 0
	for started < n {
		var h *helper
		// A helper that has just finished the previous product's last task
		// is back in the idle list a moment later: back-to-back products
		// (a training step) would otherwise find none and run alone every
		// other time. So wait for one briefly when all exist and none is idle.
		for tries := 0; ; tries++ {
			helpers.mu.Lock()
			if k := len(helpers.idle); k > 0 {
				h = helpers.idle[k-1]
				helpers.idle = helpers.idle[:k-1]
			} else if helpers.count < limit {
				helpers.count++
				h = &helper{wake: make(chan struct{}, 1)}
				go h.loop()
			}
			full := helpers.count >= limit
			helpers.mu.Unlock()
			if h != nil || !full || tries == idleWaitTries {
				break
			}
			runtime.Gosched()
		}
		if h == nil {
			break
		}
		h.task.Store(f)
		// The helper sets parked before its last look at task, and we set
		// task before looking at parked: one of us sees the other.
		if h.parked.Load() {
			select {
			case h.wake <- struct{}{}:
			default:
			}
		}
		started++
	}
	return started
}

func (h *helper) loop() {
	for {
		deadline := time.Now().Add(helperSpin)
		for spins := 0; spins&63 != 0 || time.Now().Before(deadline); spins++ {
			if f := h.task.Load(); f != nil {
				(*f)()
				h.task.Store(nil)
				helpers.mu.Lock()
				helpers.idle = append(helpers.idle, h)
				helpers.mu.Unlock()
				deadline = time.Now().Add(helperSpin)
				continue
			}
			if spins&15 == 15 {
				runtime.Gosched()
			} else {
				spinPause()
			}
		}
		h.parked.Store(true)
		if h.task.Load() == nil {
			<-h.wake
		}
		h.parked.Store(false)
	}
}

// spinPause waits about a hundred nanoseconds without entering the
// scheduler: yielding on every look at the task word made an idle helper
// take the scheduler's locks a million times a second, and on two cores
// those locks (lock2, schedule, findRunnable) cost a fifth of a training
// step's time.
func spinPause() {
	for range 64 {
		if spinSink.Load() != 0 {
			return
		}
	}
}

// spinSink is never set; loading it keeps spinPause's loop from being
// optimized away.
var spinSink atomic.Int32
