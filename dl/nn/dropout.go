package nn

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Dropout zeroes each element with probability P while training and scales
// the rest by 1/(1-P); in evaluation mode it passes its input through. Its
// masks come from the *rand.Rand it was built with, so seeded runs repeat.
type Dropout struct {
	P    float64
	rng  *rand.Rand
	eval bool
}

// NewDropout returns a Dropout in training mode (PyTorch's default) drawing
// masks from r. It panics if p is outside [0, 1).
func NewDropout(r *rand.Rand, p float64) *Dropout {
	if p < 0 || p >= 1 {
		panic(&dl.ShapeError{Op: "nn.Dropout", Msg: "p outside [0, 1)"})
	}
	return &Dropout{P: p, rng: r}
}

// Forward applies dropout in training mode and is the identity in
// evaluation mode.
func (d *Dropout) Forward(x *dl.Tensor) *dl.Tensor {
	if d.eval {
		return x
	}
	return dl.Dropout(d.rng, x, d.P)
}

// Parameters returns nil: Dropout has none.
func (d *Dropout) Parameters() []Param { return nil }

// SetTraining switches between training (dropping) and evaluation (identity).
func (d *Dropout) SetTraining(training bool) { d.eval = !training }

// Training reports whether d is in training mode.
func (d *Dropout) Training() bool { return !d.eval }
