package dl

import (
	"math"
	"slices"
)

// BCEWithLogits is the mean binary cross-entropy between targets y in
// [0, 1] and the probabilities sigmoid(x) given as logits x, PyTorch's
// F.binary_cross_entropy_with_logits with reduction "mean". It never forms
// the sigmoid: each element is computed as
//
//	max(x, 0) - x·y + log(1 + e^-|x|)
//
// which is finite for any logit (a separate Sigmoid then Log gives -Inf once
// sigmoid rounds to 0 or 1). The gradient is (sigmoid(x) - y)/N for the
// logits and -x/N for the targets. logits and targets must have the same
// shape and dtype.
func BCEWithLogits(logits, targets *Tensor) *Tensor {
	sameDType("BCEWithLogits", logits, targets)
	if !slices.Equal(logits.shape, targets.shape) {
		panicf("BCEWithLogits", []*Tensor{logits, targets}, "logits and targets must have the same shape")
	}
	n := logits.Size()
	var s float64
	for i := range n {
		x, y := logits.at(i), targets.at(i)
		s += math.Max(x, 0) - x*y + math.Log1p(math.Exp(-math.Abs(x)))
	}
	out := FullOf(logits.dtype, s/float64(max(n, 1)))
	xd, yd := logits.Detach(), targets.Detach()
	return record("BCEWithLogits", out, []*Tensor{logits, targets}, func(g *Tensor) []*Tensor {
		k := g.Item() / float64(max(n, 1))
		gx := empty(logits.dtype, logits.shape)
		for i := range n {
			gx.set(i, k*(sigmoid(xd.at(i))-yd.at(i)))
		}
		var gy *Tensor
		if targets.needsGrad() {
			gy = empty(logits.dtype, logits.shape)
			for i := range n {
				gy.set(i, -k*xd.at(i))
			}
		}
		return []*Tensor{gx, gy}
	})
}
