package lm

import (
	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// Model is the contract every language model here follows: [B, T] token
// IDs in, [B, T, V] next-token logits out.
type Model interface {
	nn.Module
	Forward(ids *dl.Ints) *dl.Tensor
}

// Loss is the mean next-token cross-entropy (nats per token) of m on inputs
// x and targets y, both [B, T].
func Loss(m Model, x, y *dl.Ints) *dl.Tensor {
	return dl.CrossEntropy(m.Forward(x), y, -1)
}

// EvalLoss averages Loss over n batches drawn by batch(i), without
// recording gradients and with m in evaluation mode (restored to training
// afterwards): the validation loss of a training loop.
func EvalLoss(m Model, n int, batch func(i int) (x, y *dl.Ints)) float64 {
	m.SetTraining(false)
	defer m.SetTraining(true)
	total := 0.0
	dl.NoGrad(func() {
		for i := range n {
			x, y := batch(i)
			total += Loss(m, x, y).Item()
		}
	})
	return total / float64(max(n, 1))
}
