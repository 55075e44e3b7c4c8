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
	if pred.dtype == Float64 {
		s = sumSquaredDiff(pred.f64, target.f64)
	} else {
		s = sumSquaredDiff(pred.f32, target.f32)
	}
	out := FullOf(pred.dtype, s/float64(max(n, 1)))
	pd, td := pred.Detach(), target.Detach()
	return record("MSE", out, []*Tensor{pred, target}, func(g *Tensor) []*Tensor {
		k := 2 * g.Item() / float64(max(n, 1))
		gp := empty(pred.dtype, pred.shape)
		if pred.dtype == Float64 {
			scaledDiff(gp.f64, pd.f64, td.f64, k)
		} else {
			scaledDiff(gp.f32, pd.f32, td.f32, float32(k))
		}
		var gt *Tensor
		if target.needsGrad() {
			gt = Neg(gp)
		}
		return []*Tensor{gp, gt}
	})
}

// sumSquaredDiff returns Σ (a-b)², accumulated in float64.
func sumSquaredDiff[T float](a, b []T) float64 {
	b = b[:len(a)]
	var s float64
	for i, v := range a {
		d := float64(v) - float64(b[i])
		s += d * d
	}
	return s
}

// scaledDiff sets dst = k·(a-b).
func scaledDiff[T float](dst, a, b []T, k T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i, v := range a {
		dst[i] = k * (v - b[i])
	}
}
