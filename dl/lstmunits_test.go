package dl

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The unit-split recurrence (lstmunits.go) against the row-block one on
// the same float32 inputs, for 2 and 3 parts whatever the machine's CPU
// count (LSTMScan picks the split only where every CPU gets a part): the
// outputs, saved activations and every gradient must agree within float32
// rounding. H = 48 gives parts of 24 and 16 units, with and without b_hh.
func TestLSTMUnitsMatchRows(t *testing.T) {
	t.Parallel()
	const b, steps, h = 6, 5, 48
	r := rand.New(rand.NewPCG(7, 7))
	fill := func(n int, scale float64) []float32 {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(r.NormFloat64() * scale)
		}
		return x
	}
	xp, h0, c0 := fill(b*steps*4*h, 0.5), fill(b*h, 0.5), fill(b*h, 0.5)
	whh, gy := fill(4*h*h, 0.1), fill(b*steps*2*h, 1)
	for _, bhh := range [][]float32{fill(4*h, 0.5), nil} {
		y, acts := make([]float32, b*steps*2*h), make([]float32, steps*b*5*h)
		lstmForwardRows(xp, h0, c0, whh, bhh, y, acts, b, steps, h)
		ldp := 4*h + cacheLine[float32]()
		dps, dh, dc := make([]float32, steps*b*ldp), make([]float32, b*h), make([]float32, b*h)
		lstmBackwardRows(gy, y, acts, c0, whh, dps, dh, dc, b, steps, h, ldp)
		for _, parts := range []int{2, 3} {
			y2, acts2 := make([]float32, len(y)), make([]float32, len(acts))
			lstmForwardUnits(xp, h0, c0, whh, bhh, y2, acts2, b, steps, h, parts)
			dps2, dh2, dc2 := make([]float32, len(dps)), make([]float32, len(dh)), make([]float32, len(dc))
			lstmBackwardUnits(gy, y2, acts2, c0, whh, dps2, dh2, dc2, b, steps, h, ldp, parts)
			for _, c := range []struct {
				name      string
				got, want []float32
			}{{"y", y2, y}, {"acts", acts2, acts}, {"gate gradients", dps2, dps}, {"dh0", dh2, dh}, {"dc0", dc2, dc}} {
				for i, w := range c.want {
					if d := math.Abs(float64(c.got[i] - w)); d > 1e-5*(1+math.Abs(float64(w))) {
						t.Fatalf("parts %d, bias %t: %s[%d] = %v, rows give %v", parts, bhh != nil, c.name, i, c.got[i], w)
					}
				}
			}
		}
	}
}
