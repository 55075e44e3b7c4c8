package nn

import (
	"fmt"
	"math"
	"slices"

	"github.com/gendl/gendl/dl"
)

// CrossEntropy is the classification loss on logits, PyTorch's
// nn.CrossEntropyLoss with class-index targets and mean reduction. It runs
// the fused, stable dl.CrossEntropy (log-softmax and negative
// log-likelihood in one op, gradient softmax - onehot).
//
// The zero value ignores no target. With Ignore set, targets equal to
// IgnoreIndex (padding) add neither loss nor gradient and are left out of
// the mean.
type CrossEntropy struct {
	stateless
	Ignore      bool
	IgnoreIndex int
}

// Forward returns the mean loss of logits [N, C] (or [B, T, C]) against
// targets [N] (or [B, T]). It panics if a target is outside [0, C) and not
// ignored.
func (c *CrossEntropy) Forward(logits *dl.Tensor, targets *dl.Ints) *dl.Tensor {
	ignore := math.MinInt // no ID is ignored: a negative target panics
	if c.Ignore {
		ignore = c.IgnoreIndex
	}
	return dl.CrossEntropy(logits, targets, ignore)
}

// ProbCrossEntropy is the lecture's CrossEntropy: it takes probabilities,
// the output of an explicit Softmax, and returns -mean(log p[target]). It
// equals CrossEntropy on the logits, but is less stable: a probability that
// rounds to 0 gives an infinite loss, which the fused form never does.
// Prefer Linear → CrossEntropy in real models; this one exists so the
// lecture's network (… → Softmax → CrossEntropy) can be written as taught.
type ProbCrossEntropy struct{ stateless }

// Forward returns the mean negative log-probability of targets [N] under
// probs [N, C] (or [B, T] under [B, T, C]).
func (ProbCrossEntropy) Forward(probs *dl.Tensor, targets *dl.Ints) *dl.Tensor {
	if probs.Rank() < 2 || !slices.Equal(probs.Shape()[:probs.Rank()-1], targets.Shape()) {
		panic(&dl.ShapeError{Op: "nn.ProbCrossEntropy", Shapes: [][]int{probs.Shape(), targets.Shape()},
			Msg: "targets must have the probabilities' shape without the class axis"})
	}
	c := probs.Dim(-1)
	n := targets.Size()
	p := probs.Floats()
	var loss float64
	for r, y := range targets.Data {
		if y < 0 || y >= c {
			panic(&dl.ShapeError{Op: "nn.ProbCrossEntropy", Shapes: [][]int{probs.Shape(), targets.Shape()},
				Msg: fmt.Sprintf("target %d at row %d outside [0, %d)", y, r, c)})
		}
		loss -= math.Log(p[r*c+y])
	}
	ys := slices.Clone(targets.Data)
	out := dl.FullOf(probs.DType(), loss/float64(n))
	return dl.Func("ProbCrossEntropy", out, []*dl.Tensor{probs}, func(g *dl.Tensor) []*dl.Tensor {
		// d/dp[r, y] of -Σ log p[r, y] / n is -1 / (n p[r, y]); zero elsewhere.
		gp := make([]float64, len(p))
		k := g.Item() / float64(n)
		for r, y := range ys {
			gp[r*c+y] = -k / p[r*c+y]
		}
		return []*dl.Tensor{dl.FromFloat64(gp, probs.Shape()...).To(probs.DType())}
	})
}

// MSE is the mean squared error loss, PyTorch's nn.MSELoss.
type MSE struct{ stateless }

// Forward returns mean((pred - target)²); the shapes must match.
func (MSE) Forward(pred, target *dl.Tensor) *dl.Tensor { return dl.MSE(pred, target) }

// BCEWithLogits is binary cross-entropy on logits, PyTorch's
// nn.BCEWithLogitsLoss: stable for any logit, targets in [0, 1].
type BCEWithLogits struct{ stateless }

// Forward returns the mean binary cross-entropy of targets under
// sigmoid(logits); the shapes must match.
func (BCEWithLogits) Forward(logits, targets *dl.Tensor) *dl.Tensor {
	return dl.BCEWithLogits(logits, targets)
}
