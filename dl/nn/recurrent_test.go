package nn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

func init() {
	moduleCases = append(moduleCases,
		moduleCase{"RNN", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			m := nn.NewRNN(r, 3, 4, 2, f64)
			x, h0 := randn(r, 2, 3, 3), randn(r, 2, 2, 4)
			return func() *dl.Tensor { out, h := m.Forward(x, h0); return dl.Add(dl.Sum(out), dl.Sum(dl.Square(h))) },
				append([]*dl.Tensor{x, h0}, tensors(m)...)
		}},
		moduleCase{"GRU", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			m := nn.NewGRU(r, 3, 2, 2, f64)
			x, h0 := randn(r, 2, 4, 3), randn(r, 2, 2, 2)
			return func() *dl.Tensor { out, h := m.Forward(x, h0); return dl.Add(dl.Sum(out), dl.Sum(dl.Square(h))) },
				append([]*dl.Tensor{x, h0}, tensors(m)...)
		}},
		moduleCase{"LSTM", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			m := nn.NewLSTM(r, 3, 2, 2, f64)
			x, h0, c0 := randn(r, 2, 3, 3), randn(r, 2, 2, 2), randn(r, 2, 2, 2)
			return func() *dl.Tensor {
					out, h, c := m.Forward(x, h0, c0)
					return dl.Add(dl.Add(dl.Sum(out), dl.Sum(dl.Square(h))), dl.Sum(dl.Square(c)))
				},
				append([]*dl.Tensor{x, h0, c0}, tensors(m)...)
		}},
		// 16 or more B·T rows: b_hh goes into the input product's bias.
		moduleCase{"LSTM/folded-bias", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			m := nn.NewLSTM(r, 3, 2, 1, f64)
			x := randn(r, 2, 8, 3)
			return func() *dl.Tensor { out, _, _ := m.Forward(x, nil, nil); return out }, append([]*dl.Tensor{x}, tensors(m)...)
		}},
		moduleCase{"RNN/folded-bias", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			m := nn.NewRNN(r, 3, 2, 1, f64)
			x := randn(r, 4, 4, 3)
			return func() *dl.Tensor { out, _ := m.Forward(x, nil); return out }, append([]*dl.Tensor{x}, tensors(m)...)
		}},
		moduleCase{"LSTM/no-bias-zero-state", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			m := nn.NewLSTM(r, 2, 3, 1, f64, nn.NoBias())
			x := randn(r, 1, 4, 2)
			return func() *dl.Tensor { out, _, _ := m.Forward(x, nil, nil); return out }, append([]*dl.Tensor{x}, tensors(m)...)
		}},
	)
}

func TestRecurrentParameterNamesMatchPyTorch(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	m := nn.NewLSTM(r, 5, 7, 2)
	want := []struct {
		name  string
		shape []int
	}{
		{"weight_ih_l0", []int{28, 5}}, {"weight_hh_l0", []int{28, 7}}, {"bias_ih_l0", []int{28}}, {"bias_hh_l0", []int{28}},
		{"weight_ih_l1", []int{28, 7}}, {"weight_hh_l1", []int{28, 7}}, {"bias_ih_l1", []int{28}}, {"bias_hh_l1", []int{28}},
	}
	ps := m.Parameters()
	if len(ps) != len(want) {
		t.Fatalf("%d parameters, want %d", len(ps), len(want))
	}
	for i, w := range want {
		if ps[i].Name != w.name || !equalInts(ps[i].Tensor.Shape(), w.shape) {
			t.Errorf("param %d = %s %v, want %s %v", i, ps[i].Name, ps[i].Tensor.Shape(), w.name, w.shape)
		}
	}
}

func TestRecurrentBadInputNamesShapes(t *testing.T) {
	t.Parallel()
	m := nn.NewGRU(rand.New(rand.NewPCG(1, 1)), 4, 3, 1)
	err := dl.Try(func() { m.Forward(dl.Zeros(2, 5, 6), nil) })
	if err == nil || err.Error() != "dl: GRU: shapes [2 5 6] and [9 4]: input must be [B, T, 4]" {
		t.Fatalf("err = %v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// With 16 or more B·T rows the RNN and LSTM add b_ih + b_hh in the input
// product instead of b_hh in the scan; the outputs must be what each
// sequence gives alone (8 rows: no fold), in float64.
func TestFoldedBiasMatchesUnfolded(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	rnn, lstm := nn.NewRNN(r, 3, 5, 2, f64), nn.NewLSTM(r, 3, 5, 2, f64)
	x := randn(r, 4, 8, 3)
	for name, run := range map[string]func(*dl.Tensor) *dl.Tensor{
		"RNN":  func(x *dl.Tensor) *dl.Tensor { out, _ := rnn.Forward(x, nil); return out },
		"LSTM": func(x *dl.Tensor) *dl.Tensor { out, _, _ := lstm.Forward(x, nil, nil); return out },
	} {
		all := run(x)
		for i := range 4 {
			want := run(dl.Slice(x, 0, i, i+1)).Float64s()
			for j, v := range dl.Slice(all, 0, i, i+1).Float64s() {
				if d := v - want[j]; d > 1e-12 || d < -1e-12 {
					t.Fatalf("%s sequence %d element %d: %v batched, %v alone", name, i, j, v, want[j])
				}
			}
		}
	}
}
