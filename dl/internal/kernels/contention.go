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
// lateRunLimit such products in a row,
// products run on the calling goroutine alone for serialPeriod, then try
// helpers again. This changes speed only: results do not depend on how the
// work is split.

const (
	lateStart    = 100 * time.Microsecond // slack for the caller's wait at the end
	lateRunLimit = 3
	serialPeriod = 20 * time.Millisecond
)

var contention struct {
	lateRun     atomic.Int32
	serialUntil atomic.Int64 // UnixNano
}

// oversubscribed reports whether products should not use helpers now.
func oversubscribed() bool {
	until := contention.serialUntil.Load()
	return until != 0 && time.Now().UnixNano() < until
}

// noteHelper records whether the helpers of a product were late.
func noteHelper(late bool) {
	if !late {
		contention.lateRun.Store(0)
		return
	}
	if contention.lateRun.Add(1) >= lateRunLimit {
		contention.lateRun.Store(0)
		contention.serialUntil.Store(time.Now().Add(serialPeriod).UnixNano())
	}
}
