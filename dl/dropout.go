package dl

import "math/rand/v2"

// Dropout zeroes each element with probability p and scales the survivors
// by 1/(1-p), so the expected value is unchanged (inverted dropout, as in
// PyTorch). The mask is drawn from r. With p == 0 it returns x unchanged.
func Dropout(r *rand.Rand, x *Tensor, p float64) *Tensor {
	if p < 0 || p >= 1 {
		panicf("Dropout", []*Tensor{x}, "p = %v outside [0, 1)", p)
	}
	if p == 0 {
		return x
	}
	mask := empty(x.dtype, x.shape)
	keep := 1 / (1 - p)
	for i := range mask.Size() {
		if r.Float64() >= p {
			mask.set(i, keep)
		}
	}
	out := binary("Dropout", x, mask, mul[float32], mul[float64])
	return record("Dropout", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{Mul(g, mask)} })
}
