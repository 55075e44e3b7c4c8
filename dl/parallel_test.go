package dl

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
)

// parallelFor must hand every index to exactly one chunk, whatever the
// size and cost.
func TestParallelForCoversOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 3, 100, 1 << 14, 1<<15 + 1, 100003} {
		for _, cost := range []int{0, 1, 64} {
			hits := make([]atomic.Int32, n)
			parallelFor(n, cost, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("n=%d cost=%d: index %d visited %d times", n, cost, i, h)
				}
			}
		}
	}
}

// LayerNorm's row-parallel backward (per-chunk weight and bias sums) must
// match one serial pass over all rows.
func TestLayerNormParallelMatchesSerial(t *testing.T) {
	t.Parallel()
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs GOMAXPROCS >= 2 for the parallel path")
	}
	const rows, c = 1024, 256 // large enough for parallelFor to split
	r := rand.New(rand.NewPCG(5, 6))
	fill := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = r.NormFloat64()
		}
		return x
	}
	x, w, b, g := fill(rows*c), fill(c), fill(c), fill(rows*c)
	out, mean, rstd := make([]float64, rows*c), make([]float64, rows), make([]float64, rows)
	layerNormForward(x, w, b, out, mean, rstd, c, 1e-5)
	out1, mean1, rstd1 := make([]float64, rows*c), make([]float64, rows), make([]float64, rows)
	layerNormRows(x, w, b, out1, mean1, rstd1, c, 1e-5, 0, rows)
	gx, gw, gb := make([]float64, rows*c), make([]float64, c), make([]float64, c)
	layerNormBackward(x, w, g, gx, gw, gb, mean, rstd, c)
	gx1, gw1, gb1 := make([]float64, rows*c), make([]float64, c), make([]float64, c)
	layerNormBackwardRows(x, w, g, gx1, gw1, gb1, mean, rstd, c, 0, rows)
	for name, pair := range map[string][2][]float64{"out": {out, out1}, "gx": {gx, gx1}, "gw": {gw, gw1}, "gb": {gb, gb1}} {
		for i := range pair[0] {
			if d := math.Abs(pair[0][i] - pair[1][i]); d > 1e-12*(1+math.Abs(pair[1][i])) {
				t.Fatalf("%s[%d]: parallel %v, serial %v", name, i, pair[0][i], pair[1][i])
			}
		}
	}
}
