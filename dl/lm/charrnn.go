package lm

import (
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// CharRNN is the character-level recurrent language model of the course
// (and of Karpathy's char-rnn): embedding → RNN, LSTM or GRU → linear head.
// It follows the model contract: [B, T] IDs in, [B, T, V] logits out.
// Parameter names match a PyTorch module with attributes emb, rnn and head
// ("emb.weight", "rnn.weight_ih_l0", "head.bias"), the workloads' CharRNN.
type CharRNN struct {
	Kind string // "rnn", "lstm" or "gru"
	Emb  *nn.Embedding
	RNN  *nn.RNN  // set when Kind is "rnn"
	LSTM *nn.LSTM // set when Kind is "lstm"
	GRU  *nn.GRU  // set when Kind is "gru"
	Head *nn.Linear
}

// CharRNNConfig sizes a CharRNN.
type CharRNNConfig struct {
	Kind   string // "rnn", "lstm" or "gru"
	Vocab  int    // V
	Embed  int    // embedding width
	Hidden int    // H
	Layers int    // stacked recurrent layers; 0 means 1
}

// NewCharRNN builds a model with PyTorch's default initialisation, drawing
// from r. It panics on an unknown kind or non-positive sizes.
func NewCharRNN(r *rand.Rand, cfg CharRNNConfig, opts ...nn.Option) *CharRNN {
	if cfg.Vocab < 1 || cfg.Embed < 1 || cfg.Hidden < 1 {
		panic(fmt.Sprintf("lm: NewCharRNN: sizes must be positive, got %+v", cfg))
	}
	layers := max(cfg.Layers, 1)
	m := &CharRNN{Kind: cfg.Kind, Emb: nn.NewEmbedding(r, cfg.Vocab, cfg.Embed, opts...)}
	switch cfg.Kind {
	case "rnn":
		m.RNN = nn.NewRNN(r, cfg.Embed, cfg.Hidden, layers, opts...)
	case "lstm":
		m.LSTM = nn.NewLSTM(r, cfg.Embed, cfg.Hidden, layers, opts...)
	case "gru":
		m.GRU = nn.NewGRU(r, cfg.Embed, cfg.Hidden, layers, opts...)
	default:
		panic(fmt.Sprintf("lm: NewCharRNN: kind %q is not rnn, lstm or gru", cfg.Kind))
	}
	m.Head = nn.NewLinear(r, cfg.Hidden, cfg.Vocab, opts...)
	return m
}

// State is the recurrent state carried between calls: H (and C for an
// LSTM), each [L, B, H]. The zero State means zeros.
type State struct{ H, C *dl.Tensor }

// Detach cuts the state from the graph, for truncated backpropagation
// through time: the next batch starts from these values, but gradients
// stop at the batch boundary.
func (s State) Detach() State {
	if s.H != nil {
		s.H = s.H.Detach()
	}
	if s.C != nil {
		s.C = s.C.Detach()
	}
	return s
}

// Forward maps ids [B, T] to logits [B, T, V] from a zero state.
func (m *CharRNN) Forward(ids *dl.Ints) *dl.Tensor {
	logits, _ := m.ForwardState(ids, State{})
	return logits
}

// ForwardState maps ids [B, T] to logits [B, T, V] starting from st, and
// returns the state after the last step.
func (m *CharRNN) ForwardState(ids *dl.Ints, st State) (*dl.Tensor, State) {
	x := m.Emb.Forward(ids) // [B, T, E]
	var out *dl.Tensor      // [B, T, H]
	var next State
	switch {
	case m.LSTM != nil:
		out, next.H, next.C = m.LSTM.Forward(x, st.H, st.C)
	case m.GRU != nil:
		out, next.H = m.GRU.Forward(x, st.H)
	default:
		out, next.H = m.RNN.Forward(x, st.H)
	}
	return m.Head.Forward(out), next // [B, T, V]
}

func (m *CharRNN) recurrent() nn.Module {
	switch {
	case m.LSTM != nil:
		return m.LSTM
	case m.GRU != nil:
		return m.GRU
	}
	return m.RNN
}

// Parameters returns emb.*, rnn.* and head.* in that order.
func (m *CharRNN) Parameters() []nn.Param {
	ps := nn.Child("emb", m.Emb)
	ps = append(ps, nn.Child("rnn", m.recurrent())...)
	return append(ps, nn.Child("head", m.Head)...)
}

// SetTraining does nothing: the model has no dropout.
func (m *CharRNN) SetTraining(bool) {}

// Stepper returns a Step for Generate that feeds only the tokens it has not
// seen yet, carrying the recurrent state, so sampling n tokens costs n
// single-step forwards rather than n² (and records no graph). A Stepper
// follows one growing context: use a new one for each generation.
func (m *CharRNN) Stepper() Step {
	var st State
	seen := 0
	return func(ctx []int) []float32 {
		if len(ctx) < seen {
			panic("lm: CharRNN stepper: context shrank; use a new Stepper per generation")
		}
		var logits *dl.Tensor
		dl.NoGrad(func() {
			logits, st = m.ForwardState(dl.NewInts(ctx[seen:], 1, len(ctx)-seen), st)
		})
		seen = len(ctx)
		v := logits.Dim(2)
		row := logits.To(dl.Float32).Float32s()
		return row[len(row)-v:]
	}
}
