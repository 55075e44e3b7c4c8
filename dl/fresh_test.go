package dl_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

// A residual block with a shared weight sends Linear's and LayerNorm's
// freshly allocated gradients through every path of the engine that may
// take them over instead of copying: a leaf's first gradient, an
// intermediate's first contribution, and the second contribution summed
// into an aliased first one (Add passes its upstream gradient through).
func init() {
	gradCases = append(gradCases, gradCase{name: "Linear/shared-residual", shapes: [][]int{{2, 3}, {3, 3}, {3}, {3}, {3}},
		f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			h := dl.Linear(in[0], in[1], in[2])
			h = dl.Add(h, dl.Linear(dl.LayerNorm(h, in[3], in[4], 1e-5), in[1], nil))
			return dl.Add(h, dl.Linear(h, in[1], nil))
		}})
}

// TestFreshGradientsAccumulate runs backward twice without ZeroGrad: taken
// over gradients must sum like copied ones, and no two leaves may end up
// sharing a gradient's storage.
func TestFreshGradientsAccumulate(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 2))
	x := dl.Randn(r, 4, 5).SetRequiresGrad(true)
	w := dl.Randn(r, 5, 5).SetRequiresGrad(true)
	v := dl.Randn(r, 5, 5).SetRequiresGrad(true)
	loss := func() *dl.Tensor {
		h := dl.Linear(x, w, nil)
		return dl.Sum(dl.Add(h, dl.Linear(h, v, nil)))
	}
	loss().Backward()
	once := [][]float64{x.Grad().Floats(), w.Grad().Floats(), v.Grad().Floats()}
	loss().Backward()
	for i, p := range []*dl.Tensor{x, w, v} {
		for j, g := range p.Grad().Floats() {
			if math.Abs(g-2*once[i][j]) > 1e-4*(1+math.Abs(g)) {
				t.Fatalf("leaf %d: grad[%d] = %v after two passes, %v after one", i, j, g, once[i][j])
			}
		}
	}
	xg, vg := x.Grad().Float32s()[0], v.Grad().Float32s()[0]
	w.Grad().Float32s()[0] += 1
	if x.Grad().Float32s()[0] != xg || v.Grad().Float32s()[0] != vg {
		t.Fatalf("changing one leaf's gradient changed another's")
	}
}
