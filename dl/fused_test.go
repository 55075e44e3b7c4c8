package dl_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

// The fused ops (LayerNorm, MSE, BCEWithLogits) must give the values of the
// same formula composed from primitive ops.
func TestFusedOpsMatchComposition(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	x := dl.RandnOf(r, dl.Float64, 3, 4, 6)
	w, b := dl.RandnOf(r, dl.Float64, 6), dl.RandnOf(r, dl.Float64, 6)
	y := dl.RandOf(r, dl.Float64, 3, 4, 6)
	eps := 1e-5
	norm := dl.Div(dl.Sub(x, dl.MeanAxes(x, true, -1)), dl.Sqrt(dl.AddScalar(dl.VarAxes(x, 0, true, -1), eps)))
	cases := []struct {
		name      string
		got, want *dl.Tensor
	}{
		{"LayerNorm", dl.LayerNorm(x, w, b, eps), dl.Add(dl.Mul(norm, w), b)},
		{"LayerNorm/no-affine", dl.LayerNorm(x, nil, nil, eps), norm},
		{"MSE", dl.MSE(x, y), dl.Mean(dl.Square(dl.Sub(x, y)))},
		{"BCEWithLogits", dl.BCEWithLogits(x, y), dl.Neg(dl.Mean(dl.Add(
			dl.Mul(y, dl.Log(dl.Sigmoid(x))),
			dl.Mul(dl.AddScalar(dl.Neg(y), 1), dl.Log(dl.AddScalar(dl.Neg(dl.Sigmoid(x)), 1))))))},
	}
	for _, c := range cases {
		g, want := c.got.Floats(), c.want.Floats()
		if len(g) != len(want) {
			t.Fatalf("%s: %d values, want %d", c.name, len(g), len(want))
		}
		for i := range g {
			if math.Abs(g[i]-want[i]) > 1e-9*(1+math.Abs(want[i])) {
				t.Fatalf("%s: element %d = %v, want %v", c.name, i, g[i], want[i])
			}
		}
	}
}

// BCEWithLogits stays finite where sigmoid rounds to 0 or 1.
func TestBCEWithLogitsExtremeLogits(t *testing.T) {
	t.Parallel()
	x := dl.FromFloat32([]float32{-200, 200, 0}, 3).SetRequiresGrad(true)
	y := dl.FromFloat32([]float32{1, 0, 1}, 3)
	l := dl.BCEWithLogits(x, y)
	want := (200 + 200 + math.Log(2)) / 3
	if math.Abs(l.Item()-want) > 1e-4 {
		t.Fatalf("loss %v, want %v", l.Item(), want)
	}
	l.Backward()
	for i, g := range x.Grad().Floats() {
		if math.IsNaN(g) || math.IsInf(g, 0) {
			t.Fatalf("grad[%d] = %v", i, g)
		}
	}
}

// LayerNorm of a float32 input with a large offset keeps unit variance:
// the statistics are accumulated in float64.
func TestLayerNormLargeOffsetFloat32(t *testing.T) {
	t.Parallel()
	data := []float32{1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1}
	out := dl.LayerNorm(dl.FromFloat32(data, 1, 4), nil, nil, 0).Floats()
	for i, v := range out {
		if want := float64(2*((i+1)%2) - 1); math.Abs(v-want) > 1e-5 {
			t.Fatalf("out[%d] = %v, want %v", i, v, want)
		}
	}
}
