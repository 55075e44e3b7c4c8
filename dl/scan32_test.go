package dl_test

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gendl/gendl/dl"
)

// TestScanFloat32MatchesFloat64 checks the float32 scans, whose recurrent
// products run on a weight packed once per sequence, against the float64
// scans, which multiply through the plain gemm: outputs and every gradient
// must agree within float32 tolerance. H = 21 leaves a ragged last panel.
func TestScanFloat32MatchesFloat64(t *testing.T) {
	t.Parallel()
	const b, T, h = 6, 4, 21 // more than 4 rows and steps, so the weight is packed
	for _, kind := range []string{"rnn", "lstm", "gru"} {
		r := rand.New(rand.NewPCG(3, 7))
		g := map[string]int{"rnn": 1, "lstm": 4, "gru": 3}[kind]
		shapes := [][]int{{b, T, g * h}, {b, h}, {b, h}, {g * h, h}, {g * h}}
		in64 := make([]*dl.Tensor, len(shapes))
		in32 := make([]*dl.Tensor, len(shapes))
		for i, s := range shapes {
			x := dl.RandnOf(r, dl.Float64, s...)
			for j, v := range x.Float64s() {
				x.Float64s()[j] = 0.3 * v
			}
			in64[i] = x.SetRequiresGrad(true)
			in32[i] = x.To(dl.Float32).Detach().SetRequiresGrad(true)
		}
		width := h
		if kind == "lstm" {
			width = 2 * h // hidden and cell states side by side
		}
		outW := dl.RandnOf(r, dl.Float64, b, T, width)
		run := func(in []*dl.Tensor, w *dl.Tensor) *dl.Tensor {
			var y *dl.Tensor
			switch kind {
			case "rnn":
				y = dl.RNNScan(in[0], in[1], in[3], in[4])
			case "gru":
				y = dl.GRUScan(in[0], in[1], in[3], in[4])
			case "lstm":
				y = dl.LSTMScan(in[0], in[1], in[2], in[3], in[4])
			}
			dl.Sum(dl.Mul(y, w)).Backward()
			return y
		}
		y64 := run(in64, outW)
		y32 := run(in32, outW.To(dl.Float32))
		near(t, kind+" y", y32.Floats(), y64.Floats())
		for i := range in64 {
			if kind != "lstm" && i == 2 {
				continue // c0 is the LSTM's alone
			}
			near(t, kind+" "+[]string{"gxp", "gh0", "gc0", "gwhh", "gbhh"}[i], in32[i].Grad().Floats(), in64[i].Grad().Floats())
		}
	}
}

func near(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-4*(1+math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %v (float32), %v (float64)", what, i, got[i], want[i])
		}
	}
}

// With two or more CPUs and a small batch, the float32 LSTM scan splits
// the hidden units among cores, which meet at a barrier every step
// (lstmunits.go). Its outputs and gradients must match the float64 scan's
// (one block of rows, no split). H = 144 gives two parts of 72 units, a
// ragged last panel in each part's products.
func TestLSTMUnitSplitMatchesFloat64(t *testing.T) {
	t.Parallel()
	if runtime.GOMAXPROCS(0) < 2 {
		t.Log("one CPU: the scan is not split, so this checks the unsplit float32 path")
	}
	const b, T, h = 16, 24, 144 // b·T·H·4H above scanMinWork
	r := rand.New(rand.NewPCG(9, 9))
	shapes := [][]int{{b, T, 4 * h}, {b, h}, {b, h}, {4 * h, h}, {4 * h}}
	in64 := make([]*dl.Tensor, len(shapes))
	in32 := make([]*dl.Tensor, len(shapes))
	for i, s := range shapes {
		x := dl.Scale(dl.RandnOf(r, dl.Float64, s...), 0.3)
		if i == 3 {
			x = dl.Scale(x, 0.3) // W_hh: away from saturation over 24 steps
		}
		in64[i] = x.Detach().SetRequiresGrad(true)
		in32[i] = x.To(dl.Float32).Detach().SetRequiresGrad(true)
	}
	outW := dl.RandnOf(r, dl.Float64, b, T, 2*h)
	for _, bias := range []bool{true, false} { // bhh added per step, or none (nn.LSTM folds it into xp)
		bhh64, bhh32 := in64[4], in32[4]
		if !bias {
			bhh64, bhh32 = nil, nil
		}
		for _, x := range append(in64, in32...) {
			x.ZeroGrad()
		}
		y64 := dl.LSTMScan(in64[0], in64[1], in64[2], in64[3], bhh64)
		dl.Sum(dl.Mul(y64, outW)).Backward()
		y32 := dl.LSTMScan(in32[0], in32[1], in32[2], in32[3], bhh32)
		dl.Sum(dl.Mul(y32, outW.To(dl.Float32))).Backward()
		near(t, "y", y32.Floats(), y64.Floats())
		for i, name := range []string{"gxp", "gh0", "gc0", "gwhh", "gbhh"}[:4+btoi(bias)] {
			near(t, name, in32[i].Grad().Floats(), in64[i].Grad().Floats())
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
