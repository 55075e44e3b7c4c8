package nn

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Embedding maps integer IDs to learned vectors, PyTorch's nn.Embedding:
// Weight is [V, C], and IDs of shape S give [S..., C].
type Embedding struct {
	Weight *dl.Tensor
}

// NewEmbedding draws a [num, dim] table from N(0, 1), PyTorch's default,
// using r.
func NewEmbedding(r *rand.Rand, num, dim int, opts ...Option) *Embedding {
	o := build(opts)
	return &Embedding{Weight: param(dl.RandnOf(r, o.dtype, num, dim), "weight")}
}

// Forward looks up the rows of ids. It panics if an ID is outside [0, V).
func (e *Embedding) Forward(ids *dl.Ints) *dl.Tensor { return dl.Embedding(e.Weight, ids) }

// Parameters returns "weight".
func (e *Embedding) Parameters() []Param { return []Param{{"weight", e.Weight}} }

// SetTraining does nothing: Embedding behaves the same in both modes.
func (e *Embedding) SetTraining(bool) {}
