package main

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/lm"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// gptBench is torch_workloads.py's GPT: lm.GPT's embeddings, blocks and
// final LayerNorm (biases on, learned positions), but with the untied
// Linear(128, 65, bias=False) head of the PyTorch script instead of
// lm.GPT's head tied to the token embedding, so both sides train the same
// 818,176 parameters.
type gptBench struct {
	*lm.GPT
	Head *nn.Linear
}

func newGPTBench(r *rand.Rand) *gptBench {
	g := lm.NewGPT(r, lm.GPTConfig{Vocab: vocab, Block: 64, Layers: 4, Heads: 4, Embed: 128, Bias: true})
	return &gptBench{GPT: g, Head: nn.NewLinear(r, 128, vocab, nn.NoBias())}
}

// Forward maps ids [B, T] to logits [B, T, V].
func (m *gptBench) Forward(ids *dl.Ints) *dl.Tensor {
	t := ids.Shape()[1]
	pos := make([]int, t)
	for i := range pos {
		pos[i] = i
	}
	x := dl.Add(m.WTE.Forward(ids), m.WPE.Forward(dl.NewInts(pos, t))) // [B, T, C]
	for _, b := range m.Blocks {
		x = b.Forward(x)
	}
	return m.Head.Forward(m.LNF.Forward(x)) // [B, T, V]
}

func (m *gptBench) Parameters() []nn.Param {
	return append(m.GPT.Parameters(), nn.Child("lm_head", m.Head)...)
}

// newGPT is W4: one AdamW(3e-4, weight decay 0.1) step of a 4-layer,
// 4-head, 128-wide GPT on a [32, 64] batch of random characters.
func newGPT(r *rand.Rand) *workload {
	const b, t = 32, 64
	model := newGPTBench(r)
	opt := optim.NewAdamW(model.Parameters(), 3e-4)
	opt.WeightDecay = 0.1
	xs, ys := batches(r, b, t)
	var i int
	var loss *dl.Tensor
	return &workload{
		step: func() {
			j := i % 16
			i++
			loss = dl.CrossEntropy(model.Forward(xs[j]), ys[j], -1)
			opt.ZeroGrad()
			loss.Backward()
			opt.Step()
		},
		tokens: b * t,
		unit:   "steps",
		extra: []field{{"params", nn.NumParams(model)},
			{"lm_gpt_params", nn.NumParams(model.GPT)},
			{"note", "lm.GPT (Bias, learned positions) with an untied bias-free head as in the PyTorch script; lm_gpt_params is lm.GPT alone, head tied"}},
		loss: func() float64 { return loss.Item() },
	}
}
