package vecmath

import "testing"

// The slice functions on 4096 values in [-8, 8), AVX2 against the scalar
// loop (the speed-up is the point of this package).
func BenchmarkSlices(b *testing.B) {
	x := make([]float32, 4096)
	for i := range x {
		x[i] = float32(i-2048) / 256
	}
	dst, cdf := make([]float32, len(x)), make([]float32, len(x))
	for _, vector := range []bool{false, true} {
		if vector && !hasVector {
			continue
		}
		for _, c := range []struct {
			name string
			f    func()
		}{
			{"Exp", func() { ExpTo(dst, x) }},
			{"Tanh", func() { TanhTo(dst, x) }},
			{"Sigmoid", func() { SigmoidTo(dst, x) }},
			{"GELU", func() { GELUTo(dst, cdf, x) }},
			{"GELUGrad", func() { GELUGradTo(dst, x, x, cdf) }},
		} {
			b.Run(pathName(vector)+"/"+c.name, func(b *testing.B) {
				useVector = vector
				defer func() { useVector = hasVector }()
				b.SetBytes(int64(4 * len(x)))
				for b.Loop() {
					c.f()
				}
			})
		}
	}
}
