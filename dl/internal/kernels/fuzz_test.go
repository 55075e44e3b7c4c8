package kernels

import (
	"math/rand/v2"
	"testing"
)

// FuzzSgemm compares every float32 implementation this CPU runs with the
// naive loop, on odd shapes (up to 80x80 by depth 149), all transpose
// combinations, padded rows and beta in {-1, 0, 1}.
func FuzzSgemm(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(1), false, false, uint8(0), uint64(1))
	f.Add(uint8(13), uint8(33), uint8(7), true, false, uint8(2), uint64(2))
	f.Add(uint8(65), uint8(17), uint8(63), false, true, uint8(1), uint64(3))
	f.Add(uint8(25), uint8(49), uint8(129), true, true, uint8(0), uint64(4))
	f.Fuzz(func(t *testing.T, m, n, k uint8, transA, transB bool, pad uint8, seed uint64) {
		tc := gemmCase{transA: transA, transB: transB,
			m: int(m%80) + 1, n: int(n%80) + 1, k: int(k) % 150, pad: int(pad % 4),
			alpha: 1, beta: float64(seed%3) - 1}
		r := rand.New(rand.NewPCG(seed, 9))
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		for _, g := range supportedGeometries32() {
			tc.check32(t, g.name, tc.run32(g, 1+int(seed%2), a, b, c), want)
		}
	})
}
