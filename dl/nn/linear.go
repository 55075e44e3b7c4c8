package nn

import (
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Linear is the affine layer y = x·Wᵀ + b of PyTorch's nn.Linear: Weight is
// [out, in] and Bias is [out] (nil with NoBias). Input [..., in] gives
// output [..., out].
type Linear struct {
	Weight, Bias *dl.Tensor
}

// NewLinear draws the weight and bias from U(-1/√in, 1/√in), PyTorch's
// default (kaiming_uniform with a = √5 for the weight, which works out to
// the same bound as the bias's), using r.
func NewLinear(r *rand.Rand, in, out int, opts ...Option) *Linear {
	o := build(opts)
	bound := 1 / math.Sqrt(float64(in))
	l := &Linear{Weight: param(uniform(r, o.dtype, bound, out, in), "weight")}
	if !o.noBias {
		l.Bias = param(uniform(r, o.dtype, bound, out), "bias")
	}
	return l
}

// uniform draws a tensor from U(-bound, bound).
func uniform(r *rand.Rand, dtype dl.DType, bound float64, shape ...int) *dl.Tensor {
	t := dl.ZerosOf(dtype, shape...)
	if dtype == dl.Float64 {
		v := t.Float64s()
		for i := range v {
			v[i] = (2*r.Float64() - 1) * bound
		}
	} else {
		v := t.Float32s()
		for i := range v {
			v[i] = float32((2*r.Float64() - 1) * bound)
		}
	}
	return t
}

// Forward returns x·Wᵀ + b.
func (l *Linear) Forward(x *dl.Tensor) *dl.Tensor { return dl.Linear(x, l.Weight, l.Bias) }

// Parameters returns "weight" and, unless built with NoBias, "bias".
func (l *Linear) Parameters() []Param {
	ps := []Param{{"weight", l.Weight}}
	if l.Bias != nil {
		ps = append(ps, Param{"bias", l.Bias})
	}
	return ps
}

// SetTraining does nothing: Linear behaves the same in both modes.
func (l *Linear) SetTraining(bool) {}
