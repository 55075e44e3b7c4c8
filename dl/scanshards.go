package dl

import (
	"runtime"

	"github.com/gendl/gendl/dl/internal/chunks"
)

// Parallel recurrences. A scan's steps must run in order, and one step's
// product (a batch of 32 rows by 256 or 1024 columns) is too small to share
// between cores: splitting it per step cost more in hand-offs than the
// second core gave back, and W2 ran slower on two cores than on one. The
// rows of the batch, though, never meet: each sequence's recurrence is its
// own. So the scans cut the batch into one block of rows per CPU and each
// goroutine runs the whole sequence for its rows, multiplying on its own
// goroutine, with one hand-off per scan instead of one per step.

// scanMinRows is the fewest batch rows worth a goroutine of their own.
const scanMinRows = 8

// scanMinWork is the least work, in multiply-adds of the recurrent product
// over the whole scan, worth splitting (about 100 µs on one core).
const scanMinWork = 1 << 23

// scanShards calls f(i0, i1, threads) for blocks of the batch's rows
// [0, b). With several CPUs, at least scanMinRows rows per block and
// enough work (perRow multiply-adds per row), the blocks run concurrently,
// one per CPU, and threads is 1: f must multiply and loop on its own
// goroutine. Otherwise f(0, b, GOMAXPROCS) runs alone and may share out
// its products and loops. f must write only its rows.
func scanShards(b, perRow int, f func(i0, i1, threads int)) {
	procs := runtime.GOMAXPROCS(0)
	shards := min(procs, b/scanMinRows)
	if shards < 2 || b*perRow < scanMinWork {
		f(0, b, procs)
		return
	}
	chunks.Run(b, shards, 1, func(i0, i1 int) { f(i0, i1, 1) })
}

// rowsFor runs body over rows [i0, i1): shared out among goroutines when
// the scan runs alone with threads > 1, inline in a scan's block.
func rowsFor(i0, i1, threads, cost int, body func(lo, hi int)) {
	if threads == 1 {
		body(i0, i1)
		return
	}
	parallelFor(i1-i0, cost, func(lo, hi int) { body(i0+lo, i0+hi) })
}
