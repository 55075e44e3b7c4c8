package nn

import "github.com/gendl/gendl/dl"

// LayerNorm normalises the last axis of its input to zero mean and unit
// variance, then scales by Weight and shifts by Bias (both [C]), like
// PyTorch's nn.LayerNorm(C). It runs the fused dl.LayerNorm op.
type LayerNorm struct {
	Weight, Bias *dl.Tensor // Bias is nil with NoBias
	Eps          float64
}

// NewLayerNorm returns a LayerNorm over a last axis of size dim with weight
// ones, bias zeros and eps 1e-5, PyTorch's defaults.
func NewLayerNorm(dim int, opts ...Option) *LayerNorm {
	o := build(opts)
	ln := &LayerNorm{Weight: param(dl.FullOf(o.dtype, 1, dim), "weight"), Eps: 1e-5}
	if !o.noBias {
		ln.Bias = param(dl.ZerosOf(o.dtype, dim), "bias")
	}
	return ln
}

// Forward normalises x [..., C].
func (ln *LayerNorm) Forward(x *dl.Tensor) *dl.Tensor {
	return dl.LayerNorm(x, ln.Weight, ln.Bias, ln.Eps)
}

// Parameters returns "weight" and, unless built with NoBias, "bias".
func (ln *LayerNorm) Parameters() []Param {
	ps := []Param{{"weight", ln.Weight}}
	if ln.Bias != nil {
		ps = append(ps, Param{"bias", ln.Bias})
	}
	return ps
}

// SetTraining does nothing: LayerNorm behaves the same in both modes.
func (ln *LayerNorm) SetTraining(bool) {}
