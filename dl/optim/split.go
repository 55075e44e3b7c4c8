package optim

import (
	"runtime"

	"github.com/gendl/gendl/dl/internal/chunks"
)

// splitMin is the fewest elements of one parameter worth another goroutine
// in an update: an element costs about a nanosecond (the update is bound by
// memory), and handing a chunk to a goroutine costs a few microseconds.
const splitMin = 1 << 16

// split calls f over [0, n) in contiguous chunks, one per CPU when every
// chunk gets at least splitMin elements, else f(0, n). Chunk bounds are
// multiples of 16, so the vector kernels see the same blocks whichever way
// the work is cut; the updates are elementwise, so results never depend
// on the split.
func split(n int, f func(lo, hi int)) {
	chunks.Run(n, min(runtime.GOMAXPROCS(0), n/splitMin), 16, f)
}

// splits reports whether split would use more than one goroutine for n
// elements, so callers can skip making a closure when it would not.
func splits(n int) bool { return min(runtime.GOMAXPROCS(0), n/splitMin) > 1 }
