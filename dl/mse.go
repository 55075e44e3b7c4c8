package dl

import "slices"

// MSE is the mean squared error mean((pred - target)²) over all elements,
// PyTorch's F.mse_loss with reduction "mean". pred and target must have the
// same shape and dtype; gradients flow to both. It is one fused op: no
// difference tensor is kept on the tape.
func MSE(pred, target *Tensor) *Tensor {
	sameDType("MSE", pred, target)
	if !slices.Equal(pred.shape, target.shape) {
		panicf("MSE", []*Tensor{pred, target}, "prediction and target must have the same shape")
	}
	n := pred.Size()
	var s float64
	for i := range n {
		d := pred.at(i) - target.at(i)
		s += d * d
	}
	out := FullOf(pred.dtype, s/float64(max(n, 1)))
	pd, td := pred.Detach(), target.Detach()
	return record("MSE", out, []*Tensor{pred, target}, func(g *Tensor) []*Tensor {
		k := 2 * g.Item() / float64(max(n, 1))
		gp := empty(pred.dtype, pred.shape)
		for i := range n {
			gp.set(i, k*(pd.at(i)-td.at(i)))
		}
		var gt *Tensor
		if target.needsGrad() {
			gt = Neg(gp)
		}
		return []*Tensor{gp, gt}
	})
}
