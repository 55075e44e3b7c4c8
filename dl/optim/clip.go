package optim

import (
	"math"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// ClipGradNorm rescales the gradients of params in place so that their
// joint L2 norm (all gradients seen as one vector) is at most maxNorm, and
// returns the norm before clipping, like PyTorch's
// torch.nn.utils.clip_grad_norm_: each gradient is multiplied by
// maxNorm/(norm + 1e-6) when that factor is below one. Parameters without a
// gradient are skipped. Log the returned norm to spot exploding gradients.
func ClipGradNorm(params []nn.Param, maxNorm float64) float64 {
	var ss float64
	for _, p := range params {
		if g := p.Tensor.Grad(); g != nil {
			if g.DType() == dl.Float64 {
				ss += sumSquares(g.Float64s())
			} else {
				ss += sumSquares(g.Float32s())
			}
		}
	}
	norm := math.Sqrt(ss)
	coef := maxNorm / (norm + 1e-6)
	if coef >= 1 {
		return norm
	}
	for _, p := range params {
		if g := p.Tensor.Grad(); g != nil {
			if g.DType() == dl.Float64 {
				scale(g.Float64s(), coef)
			} else {
				scale(g.Float32s(), coef)
			}
		}
	}
	return norm
}

func sumSquares[T float](x []T) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return s
}

func scale[T float](x []T, c float64) {
	k := T(c)
	for i := range x {
		x[i] *= k
	}
}
