package main

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// vocab is the character vocabulary size of the language workloads
// (Tiny Shakespeare's 65 characters).
const vocab = 65

// newMLP is W1, the lecture's MLP: Linear(784, 256) → Sigmoid →
// Linear(256, 10), cross-entropy, SGD(0.1), batches of 64 random images
// cycling through 16 prepared ones.
func newMLP(r *rand.Rand) *workload {
	model := nn.NewSequential(nn.NewLinear(r, 784, 256), nn.Sigmoid{}, nn.NewLinear(r, 256, 10))
	opt := optim.NewSGD(model.Parameters(), 0.1)
	xs, ys := make([]*dl.Tensor, 16), make([]*dl.Ints, 16)
	for j := range xs {
		xs[j] = dl.Rand(r, 64, 784)
		ys[j] = randInts(r, 10, 64)
	}
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
		tokens: 64,
		unit:   "steps",
		extra:  []field{{"note", "tokens=samples"}},
		loss:   func() float64 { return loss.Item() },
	}
}

// randInts returns uniform IDs in [0, n) shaped shape.
func randInts(r *rand.Rand, n int, shape ...int) *dl.Ints {
	size := 1
	for _, d := range shape {
		size *= d
	}
	ids := make([]int, size)
	for i := range ids {
		ids[i] = r.IntN(n)
	}
	return dl.NewInts(ids, shape...)
}
