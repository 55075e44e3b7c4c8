package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// The recurrent layers follow PyTorch's nn.RNN, nn.LSTM and nn.GRU with
// batch_first=True: input [B, T, C], output [B, T, H] (the last layer's
// hidden state at every step), and states [L, B, H] for L stacked layers.
// Parameters carry PyTorch's names and layouts — weight_ih_l0 [gH, C],
// weight_hh_l0 [gH, H], bias_ih_l0 and bias_hh_l0 [gH], with g = 1, 4
// (i, f, g, o) or 3 (r, z, n) — so a PyTorch state_dict loads as is.
//
// Each layer computes the input projections of all steps in one product
// and runs the recurrence as one fused op (dl.RNNScan, dl.LSTMScan,
// dl.GRUScan). For truncated backpropagation through time, pass the
// returned states, Detach()ed, into the next batch's Forward.

// stack holds the per-layer weights shared by the three kinds.
type stack struct {
	gates, hidden int
	WeightIH      []*dl.Tensor
	WeightHH      []*dl.Tensor
	BiasIH        []*dl.Tensor // nil entries with NoBias
	BiasHH        []*dl.Tensor
}

// newStack draws every weight from U(-1/√H, 1/√H), PyTorch's default.
func newStack(r *rand.Rand, gates, in, hidden, layers int, opts []Option) stack {
	if layers < 1 || in < 1 || hidden < 1 {
		panic(fmt.Sprintf("nn: recurrent layer with in=%d hidden=%d layers=%d", in, hidden, layers))
	}
	o := build(opts)
	bound := 1 / math.Sqrt(float64(hidden))
	s := stack{gates: gates, hidden: hidden}
	for l := range layers {
		width := in
		if l > 0 {
			width = hidden
		}
		s.WeightIH = append(s.WeightIH, param(uniform(r, o.dtype, bound, gates*hidden, width), fmt.Sprintf("weight_ih_l%d", l)))
		s.WeightHH = append(s.WeightHH, param(uniform(r, o.dtype, bound, gates*hidden, hidden), fmt.Sprintf("weight_hh_l%d", l)))
		var bih, bhh *dl.Tensor
		if !o.noBias {
			bih = param(uniform(r, o.dtype, bound, gates*hidden), fmt.Sprintf("bias_ih_l%d", l))
			bhh = param(uniform(r, o.dtype, bound, gates*hidden), fmt.Sprintf("bias_hh_l%d", l))
		}
		s.BiasIH, s.BiasHH = append(s.BiasIH, bih), append(s.BiasHH, bhh)
	}
	return s
}

// Parameters lists, per layer, weight_ih, weight_hh, bias_ih, bias_hh, the
// order of PyTorch's state_dict.
func (s *stack) Parameters() []Param {
	var ps []Param
	for l := range s.WeightIH {
		for _, t := range []*dl.Tensor{s.WeightIH[l], s.WeightHH[l], s.BiasIH[l], s.BiasHH[l]} {
			if t != nil {
				ps = append(ps, Param{t.Name(), t})
			}
		}
	}
	return ps
}

// SetTraining does nothing: the layers have no dropout between them.
func (s *stack) SetTraining(bool) {}

// layerState returns layer l's [B, H] slice of a [L, B, H] state, or zeros.
func (s *stack) layerState(op string, st *dl.Tensor, l, b int, like *dl.Tensor) *dl.Tensor {
	if st == nil {
		return dl.ZerosOf(like.DType(), b, s.hidden)
	}
	if want := []int{len(s.WeightIH), b, s.hidden}; st.Rank() != 3 || st.Dim(0) != want[0] || st.Dim(1) != b || st.Dim(2) != s.hidden {
		panic(&dl.ShapeError{Op: op, Shapes: [][]int{like.Shape(), st.Shape()}, Msg: fmt.Sprintf("state must be [L, B, H] = %v", want)})
	}
	if len(s.WeightIH) == 1 {
		return dl.Reshape(st, b, s.hidden)
	}
	return dl.Reshape(dl.Slice(st, 0, l, l+1), b, s.hidden)
}

func (s *stack) checkInput(op string, x *dl.Tensor) (b, t int) {
	if x.Rank() != 3 || x.Dim(2) != s.WeightIH[0].Dim(1) {
		panic(&dl.ShapeError{Op: op, Shapes: [][]int{x.Shape(), s.WeightIH[0].Shape()}, Msg: fmt.Sprintf("input must be [B, T, %d]", s.WeightIH[0].Dim(1))})
	}
	return x.Dim(0), x.Dim(1)
}

// project computes layer l's input projections x·W_ihᵀ + b_ih for every
// step in one product and returns them with the bias the scan still has to
// add. When the recurrence adds b_hh straight onto those projections (RNN,
// LSTM: fold) and there are at least foldMinRows rows, b_ih + b_hh goes
// into the product's bias instead and the scan gets none: one add per row
// and step and one bias-gradient sum less, the same gradient for both
// biases (the Add's backward hands it to each). With a row or two (sampling
// a character at a time) the Add op would cost more than it saves. GRU
// keeps b_hh apart, since its candidate gate multiplies r by
// (h·W_hnᵀ + b_hn).
func (s *stack) project(l int, x *dl.Tensor, fold bool) (xp, bhh *dl.Tensor) {
	bih, bhh := s.BiasIH[l], s.BiasHH[l]
	if fold && bih != nil && bhh != nil && x.Size()/x.Dim(2) >= foldMinRows {
		return dl.Linear(x, s.WeightIH[l], dl.Add(bih, bhh)), nil
	}
	return dl.Linear(x, s.WeightIH[l], bih), bhh
}

// foldMinRows is the fewest B·T rows for which project folds b_hh into
// the input product's bias.
const foldMinRows = 16

// run stacks the layers of a single-state recurrence (RNN, GRU): each
// layer projects its input in one product and scans the sequence.
func (s *stack) run(op string, x, h0 *dl.Tensor, scan func(xp, h0, whh, bhh *dl.Tensor) *dl.Tensor) (out, h *dl.Tensor) {
	b, _ := s.checkInput(op, x)
	hs := make([]*dl.Tensor, len(s.WeightIH))
	for l := range s.WeightIH {
		xp, bhh := s.project(l, x, op != "GRU") // [B, T, gH]
		x = scan(xp, s.layerState(op, h0, l, b, x), s.WeightHH[l], bhh)
		hs[l] = last(x)
	}
	return x, stackLayers(hs)
}

// last returns step T-1 of a [B, T, W] sequence as [B, W]. A one-step
// sequence (sampling a token at a time) needs no slice.
func last(y *dl.Tensor) *dl.Tensor {
	t := y.Dim(1)
	if t == 1 {
		return dl.Reshape(y, y.Dim(0), y.Dim(2))
	}
	return dl.Reshape(dl.Slice(y, 1, t-1, t), y.Dim(0), y.Dim(2))
}

// stackLayers stacks per-layer [B, H] states into [L, B, H]; one layer's
// state needs no copy.
func stackLayers(states []*dl.Tensor) *dl.Tensor {
	if len(states) == 1 {
		return dl.Reshape(states[0], append([]int{1}, states[0].Shape()...)...)
	}
	return dl.Stack(0, states...)
}

// RNN is a stack of Elman layers with tanh, PyTorch's nn.RNN.
type RNN struct{ stack }

// NewRNN builds an RNN with layers stacked layers, drawing weights from r.
func NewRNN(r *rand.Rand, in, hidden, layers int, opts ...Option) *RNN {
	return &RNN{newStack(r, 1, in, hidden, layers, opts)}
}

// Forward runs x [B, T, C] from state h0 [L, B, H] (nil for zeros) and
// returns the output [B, T, H] and the final state [L, B, H].
func (m *RNN) Forward(x, h0 *dl.Tensor) (out, h *dl.Tensor) { return m.run("RNN", x, h0, dl.RNNScan) }

// GRU is a stack of gated recurrent unit layers, PyTorch's nn.GRU.
type GRU struct{ stack }

// NewGRU builds a GRU with layers stacked layers, drawing weights from r.
func NewGRU(r *rand.Rand, in, hidden, layers int, opts ...Option) *GRU {
	return &GRU{newStack(r, 3, in, hidden, layers, opts)}
}

// Forward runs x [B, T, C] from state h0 [L, B, H] (nil for zeros) and
// returns the output [B, T, H] and the final state [L, B, H].
func (m *GRU) Forward(x, h0 *dl.Tensor) (out, h *dl.Tensor) { return m.run("GRU", x, h0, dl.GRUScan) }

// LSTM is a stack of long short-term memory layers, PyTorch's nn.LSTM.
type LSTM struct{ stack }

// NewLSTM builds an LSTM with layers stacked layers, drawing weights from r.
func NewLSTM(r *rand.Rand, in, hidden, layers int, opts ...Option) *LSTM {
	return &LSTM{newStack(r, 4, in, hidden, layers, opts)}
}

// Forward runs x [B, T, C] from states h0 and c0 [L, B, H] (nil for zeros)
// and returns the output [B, T, H] and the final states h and c [L, B, H].
func (m *LSTM) Forward(x, h0, c0 *dl.Tensor) (out, h, c *dl.Tensor) {
	b, _ := m.checkInput("LSTM", x)
	var hs, cs []*dl.Tensor
	for l := range m.WeightIH {
		xp, bhh := m.project(l, x, true)
		hc := dl.LSTMScan(xp, m.layerState("LSTM", h0, l, b, x), m.layerState("LSTM", c0, l, b, x), m.WeightHH[l], bhh)
		x = dl.Slice(hc, 2, 0, m.hidden)
		hs = append(hs, last(x))
		cs = append(cs, dl.Slice(last(hc), 1, m.hidden, 2*m.hidden)) // the last step first: no copy of every c_t
	}
	return x, stackLayers(hs), stackLayers(cs)
}
