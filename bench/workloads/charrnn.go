package main

import (
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/lm"
	"github.com/gendl/gendl/dl/optim"
)

// charRNN builds the workloads' CharRNN: Embedding(65, 64) → RNN or LSTM
// with 256 hidden units → Linear(256, 65), PyTorch's CharRNN.
func charRNN(r *rand.Rand, kind string) *lm.CharRNN {
	return lm.NewCharRNN(r, lm.CharRNNConfig{Kind: kind, Vocab: vocab, Embed: 64, Hidden: 256})
}

// newCharRNN is W2 (kind "rnn") and W3 ("lstm"): one Adam(2e-3) step on
// a [32, 64] batch of random characters predicting the next ones, cycling
// through 16 prepared batches.
func newCharRNN(r *rand.Rand, kind string) *workload {
	const b, t = 32, 64
	model := charRNN(r, kind)
	opt := optim.NewAdam(model.Parameters(), 2e-3)
	xs, ys := batches(r, b, t)
	var i int
	var loss *dl.Tensor
	return &workload{
		step: func() {
			j := i % 16
			i++
			loss = dl.CrossEntropy(model.Forward(xs[j]), ys[j], -1) // [B, T, V] against [B, T]
			opt.ZeroGrad()
			loss.Backward()
			opt.Step()
		},
		tokens: b * t,
		unit:   "steps",
		loss:   func() float64 { return loss.Item() },
	}
}

// batches draws 16 random sequences [B, T+1] and splits each into inputs
// (the first T characters) and targets (the last T).
func batches(r *rand.Rand, b, t int) (xs, ys []*dl.Ints) {
	for range 16 {
		x, y := make([]int, 0, b*t), make([]int, 0, b*t)
		for range b {
			seq := make([]int, t+1)
			for k := range seq {
				seq[k] = r.IntN(vocab)
			}
			x, y = append(x, seq[:t]...), append(y, seq[1:]...)
		}
		xs, ys = append(xs, dl.NewInts(x, b, t)), append(ys, dl.NewInts(y, b, t))
	}
	return xs, ys
}

// newSampling is W6: generate 1000 characters, batch 1, from W2's RNN
// (random weights) with multinomial sampling, starting from character 0.
// One run is the whole 1000 characters.
func newSampling(r *rand.Rand) *workload {
	const n = 1000
	model := charRNN(r, "rnn")
	return &workload{
		step: func() {
			lm.Generate(r, model.Stepper(), []int{0}, lm.GenerateConfig{MaxTokens: n})
		},
		tokens: n,
		per:    "chars",
		unit:   "runs",
		extra:  []field{{"note", "W2 RNN (random weights), batch 1, 1000 chars per run, multinomial sampling (lm.Generate with a CharRNN Stepper)"}},
		loss:   func() float64 { return math.NaN() },
	}
}
