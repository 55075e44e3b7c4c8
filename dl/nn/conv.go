package nn

import (
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Conv2d is PyTorch's nn.Conv2d (no groups or dilation): input
// [N, C, H, W], Weight [O, C, k, k], Bias [O].
type Conv2d struct {
	Weight, Bias *dl.Tensor
	Stride, Pad  int
}

// NewConv2d draws weight and bias from U(-1/√fan_in, 1/√fan_in) with
// fan_in = in·k·k, PyTorch's default, using r.
func NewConv2d(r *rand.Rand, in, out, k, stride, pad int, opts ...Option) *Conv2d {
	o := build(opts)
	bound := 1 / math.Sqrt(float64(in*k*k))
	c := &Conv2d{Weight: param(uniform(r, o.dtype, bound, out, in, k, k), "weight"), Stride: stride, Pad: pad}
	if !o.noBias {
		c.Bias = param(uniform(r, o.dtype, bound, out), "bias")
	}
	return c
}

// Forward convolves x [N, C, H, W] into [N, O, OH, OW].
func (c *Conv2d) Forward(x *dl.Tensor) *dl.Tensor {
	return dl.Conv2d(x, c.Weight, c.Bias, c.Stride, c.Pad)
}

// Parameters returns "weight" and, unless built with NoBias, "bias".
func (c *Conv2d) Parameters() []Param { return weightBias(c.Weight, c.Bias) }

// SetTraining does nothing.
func (c *Conv2d) SetTraining(bool) {}

// ConvTranspose2d is PyTorch's nn.ConvTranspose2d (no groups or dilation):
// input [N, C, H, W], Weight [C, O, k, k] (PyTorch's layout), Bias [O].
type ConvTranspose2d struct {
	Weight, Bias        *dl.Tensor
	Stride, Pad, OutPad int
}

// NewConvTranspose2d draws weight and bias from U(-1/√fan, 1/√fan) with
// fan = out·k·k, as PyTorch computes it for this layout, using r.
func NewConvTranspose2d(r *rand.Rand, in, out, k, stride, pad, outPad int, opts ...Option) *ConvTranspose2d {
	o := build(opts)
	bound := 1 / math.Sqrt(float64(out*k*k))
	c := &ConvTranspose2d{Weight: param(uniform(r, o.dtype, bound, in, out, k, k), "weight"), Stride: stride, Pad: pad, OutPad: outPad}
	if !o.noBias {
		c.Bias = param(uniform(r, o.dtype, bound, out), "bias")
	}
	return c
}

// Forward upsamples x [N, C, H, W] into [N, O, OH, OW].
func (c *ConvTranspose2d) Forward(x *dl.Tensor) *dl.Tensor {
	return dl.ConvTranspose2d(x, c.Weight, c.Bias, c.Stride, c.Pad, c.OutPad)
}

// Parameters returns "weight" and, unless built with NoBias, "bias".
func (c *ConvTranspose2d) Parameters() []Param { return weightBias(c.Weight, c.Bias) }

// SetTraining does nothing.
func (c *ConvTranspose2d) SetTraining(bool) {}

func weightBias(w, b *dl.Tensor) []Param {
	ps := []Param{{"weight", w}}
	if b != nil {
		ps = append(ps, Param{"bias", b})
	}
	return ps
}

// MaxPool2d takes the maximum over K×K windows moved by Stride.
type MaxPool2d struct{ K, Stride int }

// Forward pools x [N, C, H, W].
func (p MaxPool2d) Forward(x *dl.Tensor) *dl.Tensor { return dl.MaxPool2d(x, p.K, p.Stride) }

// Parameters returns nil.
func (MaxPool2d) Parameters() []Param { return nil }

// SetTraining does nothing.
func (MaxPool2d) SetTraining(bool) {}

// AvgPool2d averages K×K windows moved by Stride.
type AvgPool2d struct{ K, Stride int }

// Forward pools x [N, C, H, W].
func (p AvgPool2d) Forward(x *dl.Tensor) *dl.Tensor { return dl.AvgPool2d(x, p.K, p.Stride) }

// Parameters returns nil.
func (AvgPool2d) Parameters() []Param { return nil }

// SetTraining does nothing.
func (AvgPool2d) SetTraining(bool) {}

// Upsample repeats pixels Scale×Scale times (nearest neighbour).
type Upsample struct{ Scale int }

// Forward upsamples x [N, C, H, W].
func (u Upsample) Forward(x *dl.Tensor) *dl.Tensor { return dl.UpsampleNearest(x, u.Scale) }

// Parameters returns nil.
func (Upsample) Parameters() []Param { return nil }

// SetTraining does nothing.
func (Upsample) SetTraining(bool) {}
