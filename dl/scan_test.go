package dl_test

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gendl/gendl/dl"
)

// The recurrences join the gradient table from here, so the table in
// grad_test.go stays about the elementwise and shape ops.
func init() {
	gradCases = append(gradCases,
		gradCase{name: "RNNScan", shapes: [][]int{{2, 4, 3}, {2, 3}, {3, 3}, {3}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.RNNScan(in[0], in[1], in[2], in[3])
		}},
		gradCase{name: "RNNScan/no-bias", shapes: [][]int{{1, 3, 2}, {1, 2}, {2, 2}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.RNNScan(in[0], in[1], in[2], nil)
		}},
		gradCase{name: "LSTMScan", shapes: [][]int{{2, 3, 12}, {2, 3}, {2, 3}, {12, 3}, {12}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.LSTMScan(in[0], in[1], in[2], in[3], in[4])
		}},
		gradCase{name: "GRUScan", shapes: [][]int{{2, 3, 9}, {2, 3}, {9, 3}, {9}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.GRUScan(in[0], in[1], in[2], in[3])
		}},
	)
}

// naiveCell recomputes one step of each recurrence with plain loops over
// float64 slices, written from the equations in the PyTorch documentation.
func naiveScan(kind string, xp, h0, c0, whh, bhh []float64, b, t, h int) (hs, cs []float64) {
	g := map[string]int{"rnn": 1, "lstm": 4, "gru": 3}[kind]
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	hs, cs = make([]float64, b*t*h), make([]float64, b*t*h)
	for i := range b {
		hp := append([]float64(nil), h0[i*h:(i+1)*h]...)
		var cp []float64
		if c0 != nil {
			cp = append([]float64(nil), c0[i*h:(i+1)*h]...)
		}
		for s := range t {
			q := make([]float64, g*h) // h_{t-1}·Whhᵀ + bhh
			for r := range g * h {
				q[r] = bhh[r]
				for k := range h {
					q[r] += whh[r*h+k] * hp[k]
				}
			}
			x := xp[(i*t+s)*g*h:]
			next := make([]float64, h)
			for j := range h {
				switch kind {
				case "rnn":
					next[j] = math.Tanh(x[j] + q[j])
				case "lstm":
					ig, fg := sig(x[j]+q[j]), sig(x[h+j]+q[h+j])
					gg, og := math.Tanh(x[2*h+j]+q[2*h+j]), sig(x[3*h+j]+q[3*h+j])
					cp[j] = fg*cp[j] + ig*gg
					next[j] = og * math.Tanh(cp[j])
					cs[(i*t+s)*h+j] = cp[j]
				case "gru":
					r := sig(x[j] + q[j])
					z := sig(x[h+j] + q[h+j])
					n := math.Tanh(x[2*h+j] + r*q[2*h+j])
					next[j] = (1-z)*n + z*hp[j]
				}
			}
			hp = next
			copy(hs[(i*t+s)*h:], next)
		}
	}
	return hs, cs
}

func TestScanForwardMatchesNaive(t *testing.T) {
	t.Parallel()
	const b, T, h = 2, 5, 3
	for _, kind := range []string{"rnn", "lstm", "gru"} {
		r := rand.New(rand.NewPCG(9, 9))
		g := map[string]int{"rnn": 1, "lstm": 4, "gru": 3}[kind]
		xp := dl.RandnOf(r, dl.Float64, b, T, g*h)
		h0, c0 := dl.RandnOf(r, dl.Float64, b, h), dl.RandnOf(r, dl.Float64, b, h)
		whh, bhh := dl.RandnOf(r, dl.Float64, g*h, h), dl.RandnOf(r, dl.Float64, g*h)
		var got, gotC []float64
		switch kind {
		case "rnn":
			got = dl.RNNScan(xp, h0, whh, bhh).Float64s()
		case "gru":
			got = dl.GRUScan(xp, h0, whh, bhh).Float64s()
		case "lstm":
			y := dl.LSTMScan(xp, h0, c0, whh, bhh).Float64s()
			for i := range b * T {
				got = append(got, y[i*2*h:i*2*h+h]...)
				gotC = append(gotC, y[i*2*h+h:(i+1)*2*h]...)
			}
		}
		cin := []float64(nil)
		if kind == "lstm" {
			cin = c0.Float64s()
		}
		want, wantC := naiveScan(kind, xp.Float64s(), h0.Float64s(), cin, whh.Float64s(), bhh.Float64s(), b, T, h)
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Fatalf("%s: h[%d] = %v, naive %v", kind, i, got[i], want[i])
			}
			if kind == "lstm" && math.Abs(gotC[i]-wantC[i]) > 1e-12 {
				t.Fatalf("%s: c[%d] = %v, naive %v", kind, i, gotC[i], wantC[i])
			}
		}
	}
}

// With several CPUs a scan gives each goroutine a block of the batch's rows
// for the whole sequence (scanshards.go). Rows never meet, so the batch
// must give what each row gives alone: outputs and input gradients row by
// row, and the weight gradients as the sum of the rows' (float64, 1e-10).
// The shapes are large enough to be split on two or more CPUs.
func TestScanShardsMatchRowByRow(t *testing.T) {
	t.Parallel()
	if runtime.GOMAXPROCS(0) < 2 {
		t.Log("one CPU: the scans run unsplit, so this checks only the row algebra")
	}
	const b, T, h = 16, 8, 256
	for _, kind := range []string{"rnn", "lstm", "gru"} {
		r := rand.New(rand.NewPCG(3, 4))
		g := map[string]int{"rnn": 1, "lstm": 4, "gru": 3}[kind]
		xp := dl.RandnOf(r, dl.Float64, b, T, g*h)
		h0, c0 := dl.RandnOf(r, dl.Float64, b, h), dl.RandnOf(r, dl.Float64, b, h)
		whh, bhh := dl.RandnOf(r, dl.Float64, g*h, h), dl.RandnOf(r, dl.Float64, g*h)
		w := dl.RandnOf(r, dl.Float64, b, T, h*map[string]int{"rnn": 1, "lstm": 2, "gru": 1}[kind])
		run := func(x, h0, c0, w *dl.Tensor) (y, gx, gw *dl.Tensor) {
			x, whh := x.Detach().SetRequiresGrad(true), dl.Scale(whh, 0.05).Detach().SetRequiresGrad(true) // small Whh: away from saturation
			switch kind {
			case "rnn":
				y = dl.RNNScan(x, h0, whh, bhh)
			case "gru":
				y = dl.GRUScan(x, h0, whh, bhh)
			case "lstm":
				y = dl.LSTMScan(x, h0, c0, whh, bhh)
			}
			dl.Sum(dl.Mul(y, w)).Backward()
			return y, x.Grad(), whh.Grad()
		}
		y, gx, gw := run(xp, h0, c0, w)
		sumGW := make([]float64, gw.Size())
		for i := range b {
			yi, gxi, gwi := run(dl.Slice(xp, 0, i, i+1), dl.Slice(h0, 0, i, i+1), dl.Slice(c0, 0, i, i+1), dl.Slice(w, 0, i, i+1))
			same(t, kind+" y row", dl.Slice(y, 0, i, i+1).Float64s(), yi.Float64s())
			same(t, kind+" dxp row", dl.Slice(gx, 0, i, i+1).Float64s(), gxi.Float64s())
			for j, v := range gwi.Float64s() {
				sumGW[j] += v
			}
		}
		same(t, kind+" dWhh", gw.Float64s(), sumGW)
	}
}

func same(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-10*(1+math.Abs(want[i])) {
			t.Fatalf("%s: element %d = %v, row by row %v", what, i, got[i], want[i])
		}
	}
}
