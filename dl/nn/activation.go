package nn

import "github.com/gendl/gendl/dl"

// stateless gives parameter-free modules their (empty) Module methods.
type stateless struct{}

// Parameters returns nil: the module has no parameters.
func (stateless) Parameters() []Param { return nil }

// SetTraining does nothing: the module behaves the same in both modes.
func (stateless) SetTraining(bool) {}

// Sigmoid applies 1/(1+e^-x) elementwise (the lecture's hidden activation).
type Sigmoid struct{ stateless }

// Forward returns sigmoid(x).
func (Sigmoid) Forward(x *dl.Tensor) *dl.Tensor { return dl.Sigmoid(x) }

// Tanh applies tanh elementwise.
type Tanh struct{ stateless }

// Forward returns tanh(x).
func (Tanh) Forward(x *dl.Tensor) *dl.Tensor { return dl.Tanh(x) }

// ReLU applies max(x, 0) elementwise.
type ReLU struct{ stateless }

// Forward returns max(x, 0).
func (ReLU) Forward(x *dl.Tensor) *dl.Tensor { return dl.ReLU(x) }

// GELU applies the Gaussian error linear unit elementwise, with the formula
// dl.GELU documents.
type GELU struct{ stateless }

// Forward returns GELU(x).
func (GELU) Forward(x *dl.Tensor) *dl.Tensor { return dl.GELU(x) }

// Softmax normalises along Axis so each slice sums to one, like PyTorch's
// nn.Softmax(dim). Use Axis -1 for classes on the last axis; the zero value
// normalises axis 0, which is rarely what a batch wants.
type Softmax struct {
	stateless
	Axis int
}

// NewSoftmax returns a Softmax over axis (negative counts from the end).
func NewSoftmax(axis int) *Softmax { return &Softmax{Axis: axis} }

// Forward returns softmax(x) along s.Axis.
func (s *Softmax) Forward(x *dl.Tensor) *dl.Tensor { return dl.Softmax(x, s.Axis) }

// Flatten reshapes [B, ...] to [B, rest], like PyTorch's nn.Flatten(): it
// turns a batch of images [B, 28, 28] into the [B, 784] a Linear reads.
type Flatten struct{ stateless }

// Forward returns x reshaped to [x.Dim(0), -1].
func (Flatten) Forward(x *dl.Tensor) *dl.Tensor { return dl.Flatten(x) }
