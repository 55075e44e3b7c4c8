package nn

import "github.com/gendl/gendl/dl"

// LeakyReLU passes positive values and scales negative ones by Slope
// (PyTorch's nn.LeakyReLU(negative_slope); GAN discriminators use 0.2).
type LeakyReLU struct {
	stateless
	Slope float64
}

// Forward returns LeakyReLU(x).
func (l LeakyReLU) Forward(x *dl.Tensor) *dl.Tensor { return dl.LeakyReLU(x, l.Slope) }

// SiLU applies x·sigmoid(x) elementwise (swish), the activation of
// diffusion denoisers.
type SiLU struct{ stateless }

// Forward returns SiLU(x).
func (SiLU) Forward(x *dl.Tensor) *dl.Tensor { return dl.SiLU(x) }

// Unflatten reshapes [B, rest] to [B, Shape...], PyTorch's nn.Unflatten(1,
// shape): it turns a generator's Linear output into feature maps for
// transposed convolutions.
type Unflatten struct {
	stateless
	Shape []int
}

// Forward returns x reshaped to [x.Dim(0), Shape...].
func (u Unflatten) Forward(x *dl.Tensor) *dl.Tensor {
	return dl.Reshape(x, append([]int{x.Dim(0)}, u.Shape...)...)
}
