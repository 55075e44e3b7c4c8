package optim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// The vector kernel must give exactly adamLoop's results (same operations,
// same order), for lengths around its 8-float blocks and for Adam and
// AdamW constants.
func TestAdamVectorMatchesLoop(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 1000, 1027} {
		for _, c := range []adamCoef{
			{l2: 0.01, decay: 1, c1: 0.1, b2: 0.999, c2: 1 - float32(0.999), stepSize: 1e-3, bc2: 0.03, eps: 1e-8},
			{l2: 0, decay: 1 - 3e-5, c1: 0.5, b2: 0.99, c2: 1 - float32(0.99), stepSize: 2e-4 / 0.5, bc2: 0.1, eps: 1e-8},
		} {
			fill := func() []float32 {
				x := make([]float32, n)
				for i := range x {
					x[i] = float32(r.NormFloat64())
				}
				return x
			}
			p, g, m, v := fill(), fill(), fill(), fill()
			for i := range v {
				v[i] = v[i] * v[i] // second moments are non-negative
			}
			p2, g2, m2, v2 := clone(p), clone(g), clone(m), clone(v)
			k := adamVector(p, g, m, v, &c)
			adamLoop(p[k:], g[k:], m[k:], v[k:], c.l2, c.decay, c.c1, c.b2, c.c2, c.stepSize, c.bc2, c.eps)
			adamLoop(p2, g2, m2, v2, c.l2, c.decay, c.c1, c.b2, c.c2, c.stepSize, c.bc2, c.eps)
			for i := range p {
				if math.Float32bits(p[i]) != math.Float32bits(p2[i]) || m[i] != m2[i] || v[i] != v2[i] {
					t.Fatalf("n=%d element %d: vector (p %v, m %v, v %v), loop (p %v, m %v, v %v)", n, i, p[i], m[i], v[i], p2[i], m2[i], v2[i])
				}
			}
		}
	}
}

func clone(x []float32) []float32 { return append([]float32(nil), x...) }

// Plain SGD's vector kernel against its loop, bit for bit.
func TestSGDVectorMatchesLoop(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 33, 1000, 1027} {
		for _, wd := range []float32{0, 1e-4} {
			p, g := make([]float32, n), make([]float32, n)
			for i := range p {
				p[i], g[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
			}
			p2 := clone(p)
			k := sgdVector(p, g, 0.1, wd)
			for i := k; i < n; i++ {
				p[i] -= 0.1 * (g[i] + wd*p[i])
			}
			for i := range p2 {
				p2[i] -= 0.1 * (g[i] + wd*p2[i])
			}
			for i := range p {
				if math.Float32bits(p[i]) != math.Float32bits(p2[i]) {
					t.Fatalf("n=%d wd=%v element %d: vector %v, loop %v", n, wd, i, p[i], p2[i])
				}
			}
		}
	}
}

// A large parameter is updated in chunks on several goroutines (split.go);
// the result must be the loop's, bit for bit, whatever the split.
func TestSplitUpdateMatchesLoop(t *testing.T) {
	t.Parallel()
	const n = 4*splitMin + 37
	r := rand.New(rand.NewPCG(11, 12))
	p, g := make([]float32, n), make([]float32, n)
	for i := range p {
		p[i], g[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
	}
	w := dl.FromFloat32(clone(p), n).SetRequiresGrad(true)
	w.SetGrad(dl.FromFloat32(g, n))
	a := NewAdamW([]nn.Param{{Name: "w", Tensor: w}}, 1e-3)
	a.Step()
	m, v := make([]float32, n), make([]float32, n)
	c := 1 - float32(a.Beta2)
	adamLoop(p, g, m, v, 0, float32(1-a.LR*a.WeightDecay), 1-float32(a.Beta1), float32(a.Beta2), c,
		float32(a.LR/(1-a.Beta1)), float32(math.Sqrt(1-a.Beta2)), float32(a.Eps))
	for i, got := range w.Float32s() {
		if math.Float32bits(got) != math.Float32bits(p[i]) {
			t.Fatalf("element %d: split update %v, loop %v", i, got, p[i])
		}
	}
}
