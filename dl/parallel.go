package dl

import (
	"runtime"

	"github.com/gendl/gendl/dl/internal/chunks"
)

// parallelMin is the least work, in element evaluations of a transcendental
// function (a few nanoseconds each), worth handing to another goroutine:
// starting one and waiting for it costs about a microsecond.
const parallelMin = 1 << 14

// parallelFor runs f over [0, n) split into contiguous chunks, one per
// CPU up to GOMAXPROCS, when n items of cost each add up to parallelMin
// per chunk; otherwise it calls f(0, n) on the calling goroutine. f must
// only write what belongs to its own range.
func parallelFor(n, cost int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n*max(cost, 1)/parallelMin, n)
	chunks.Run(n, workers, 1, f)
}
