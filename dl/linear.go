package dl

import (
	"runtime"
	"slices"

	"github.com/gendl/gendl/dl/internal/kernels"
)

// Linear returns x·weightᵀ + bias, PyTorch's F.linear: x is [..., in],
// weight is [out, in] (PyTorch's layout, so checkpoints interoperate) and
// bias is [out] or nil. It is one fused op: the product reads the weight
// transposed in place, and backward needs no transposed copies either.
func Linear(x, weight, bias *Tensor) *Tensor {
	if bias != nil {
		sameDType("Linear", x, weight, bias)
	} else {
		sameDType("Linear", x, weight)
	}
	if weight.Rank() != 2 || x.Rank() < 1 || x.shape[x.Rank()-1] != weight.shape[1] {
		panicf("Linear", []*Tensor{x, weight}, "input's last axis must equal weight's in-features (weight is [out, in])")
	}
	if bias != nil && (bias.Rank() != 1 || bias.shape[0] != weight.shape[0]) {
		panicf("Linear", []*Tensor{x, weight, bias}, "bias must be [out]")
	}
	in, outF := weight.shape[1], weight.shape[0]
	rows := x.Size() / max(in, 1)
	shape := append(slices.Clone(x.shape[:x.Rank()-1]), outF)
	out := emptyUninit(x.dtype, shape) // written whole by the product
	switch {
	case bias != nil && x.dtype == Float32: // the bias is folded into the product's stores
		kernels.SgemmBias(runtime.GOMAXPROCS(0), false, true, rows, outF, in, 1, x.f32, in, weight.f32, in, bias.f32, out.f32, outF)
	case bias != nil: // float64: start from the bias, then accumulate the product
		for r := range rows {
			copy(out.f64[r*outF:], bias.f64)
		}
		dispatchGemm(x, weight, out, false, true, rows, outF, in, [][3]int{{0, 0, 0}}, 1)
	default:
		dispatchGemm(x, weight, out, false, true, rows, outF, in, [][3]int{{0, 0, 0}}, 0)
	}
	if !recording(x, weight, bias) {
		return out
	}
	pair := [][3]int{{0, 0, 0}}
	inputs := []*Tensor{x, weight}
	if bias != nil {
		inputs = append(inputs, bias)
	}
	xd, wd := x.Detach(), weight.Detach()
	return record("Linear", out, inputs, func(g *Tensor) []*Tensor {
		grads := make([]*Tensor, len(inputs))
		if x.needsGrad() { // dx = g·W
			grads[0] = freshGrad(emptyUninit(xd.dtype, xd.shape)) // beta 0: the product's tasks clear it
			dispatchGemm(g, wd, grads[0], false, false, rows, in, outF, pair, 0)
		}
		if weight.needsGrad() { // dW = gᵀ·x
			grads[1] = freshGrad(emptyUninit(wd.dtype, wd.shape))
			dispatchGemm(g, xd, grads[1], true, false, outF, in, rows, pair, 0)
		}
		if bias != nil && bias.needsGrad() { // db = Σ_rows g
			grads[2] = reduceTo(&Tensor{shape: []int{rows, outF}, dtype: g.dtype, f32: g.f32, f64: g.f64}, []int{1, outF})
			grads[2].shape = []int{outF}
		}
		return grads
	})
}
