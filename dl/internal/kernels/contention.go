package kernels

import (
	"sync/atomic"
	"time"
)

// Helpers pay off only when they run as soon as they are handed work. On an
// oversubscribed machine (more runnable threads than cores: shared servers,
// CI running several test binaries) a helper's OS thread waits for a time
// slice, the caller finishes its share and then waits for the helper's, and
// a product on two goroutines takes longer than on one. So the caller notes
// when its helpers ran few of the tasks or kept it waiting at the end; after
// lateRunLimit such products in a row, the next serialProducts products run
// on their calling goroutines alone, and then helpers are tried again. This
// changes speed only: results do not depend on how the work is split.
//
// Counting products rather than time keeps the cost of trying again (a few
// slow products) a small fraction of the serial stretch whatever the size of
// the products, and the stretch doubles (up to maxSerialProducts) each time
// the helpers are late again right after one, so a machine that stays busy
// costs ever fewer slow products.

const (
	lateStart         = 100 * time.Microsecond // slack for the caller's wait at the end
	lateRunLimit      = 3
	serialProducts    = 32
	maxSerialProducts = 4096
)

var contention struct {
	lateRun    atomic.Int32
	serialLeft atomic.Int32
	stretch    atomic.Int32 // length of the last serial stretch, 0 after helpers were on time
}

// oversubscribed reports whether this product should not use helpers, and
// counts it against the serial stretch.
func oversubscribed() bool {
	if contention.serialLeft.Load() <= 0 {
		return false
	}
	return contention.serialLeft.Add(-1) >= 0
}

// noteHelper records whether the helpers of a product were late.
func noteHelper(late bool) {
	if !late {
		contention.lateRun.Store(0)
		contention.stretch.Store(0)
		return
	}
	if contention.lateRun.Add(1) >= lateRunLimit {
		contention.lateRun.Store(0)
		n := min(max(2*contention.stretch.Load(), serialProducts), maxSerialProducts)
		contention.stretch.Store(n)
		contention.serialLeft.Store(n)
	}
}
