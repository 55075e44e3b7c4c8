package nn

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// MLP is a multi-layer perceptron: Linear layers of the given sizes with an
// activation between them and none after the last, so its output is logits.
// It is a Sequential underneath, and its parameter names are those of the
// same PyTorch nn.Sequential: sizes [784, 128, 10] with ReLU give
// "0.weight", "0.bias", "2.weight", "2.bias".
type MLP struct {
	*Sequential
}

// NewMLP builds Linear(sizes[0]→sizes[1]), act(), Linear(sizes[1]→sizes[2]),
// … using r for the weights; act is called once per hidden layer (for
// example func() nn.Layer { return nn.ReLU{} }). It panics with fewer than
// two sizes.
func NewMLP(r *rand.Rand, sizes []int, act func() Layer, opts ...Option) *MLP {
	if len(sizes) < 2 {
		panic(&dl.ShapeError{Op: "nn.MLP", Shapes: [][]int{sizes}, Msg: "needs at least an input and an output size"})
	}
	var layers []Layer
	for i := 0; i+1 < len(sizes); i++ {
		if i > 0 {
			layers = append(layers, act())
		}
		layers = append(layers, NewLinear(r, sizes[i], sizes[i+1], opts...))
	}
	return &MLP{NewSequential(layers...)}
}
