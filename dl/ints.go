package dl

import (
	"fmt"
	"slices"
)

// Ints is an integer tensor of class or token IDs, such as a [B, T] batch of
// characters or the [B] labels of an image batch. It carries no gradient;
// ops that take IDs (Embedding lookups, CrossEntropy targets, Gather) read
// it. Data is row-major and exported so loaders can fill it directly.
type Ints struct {
	Data  []int
	shape []int
}

// NewInts wraps data (without copying) with the given shape; with no shape
// it is 1-D. It panics if the shape does not hold len(data) elements.
func NewInts(data []int, shape ...int) *Ints {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	if n := numel("NewInts", shape); n != len(data) {
		panic(&ShapeError{Op: "NewInts", Shapes: [][]int{slices.Clone(shape)}, Msg: sizeMsg(n, len(data))})
	}
	return &Ints{Data: data, shape: slices.Clone(shape)}
}

// Shape returns a copy of the dimensions.
func (x *Ints) Shape() []int { return slices.Clone(x.shape) }

// Size is the number of IDs.
func (x *Ints) Size() int { return len(x.Data) }

// Rank is the number of dimensions.
func (x *Ints) Rank() int { return len(x.shape) }

// At returns the ID at the given index.
func (x *Ints) At(idx ...int) int {
	if len(idx) != len(x.shape) {
		panic(&ShapeError{Op: "Ints.At", Shapes: [][]int{x.Shape()}, Msg: fmt.Sprintf("%d indices for rank %d", len(idx), len(x.shape))})
	}
	off := 0
	for i, v := range idx {
		if v < 0 || v >= x.shape[i] {
			panic(&ShapeError{Op: "Ints.At", Shapes: [][]int{x.Shape()}, Msg: fmt.Sprintf("index %v out of range on axis %d", idx, i)})
		}
		off = off*x.shape[i] + v
	}
	return x.Data[off]
}

// Reshape returns the same IDs viewed with a new shape of equal size.
func (x *Ints) Reshape(shape ...int) *Ints {
	shape = inferShape("Ints.Reshape", x.shape, shape)
	return &Ints{Data: x.Data, shape: shape}
}

// String prints the shape and the IDs (abbreviated when long).
func (x *Ints) String() string {
	if len(x.Data) <= 16 {
		return fmt.Sprintf("Ints%v %v", x.shape, x.Data)
	}
	return fmt.Sprintf("Ints%v %v ... %v", x.shape, x.Data[:8], x.Data[len(x.Data)-4:])
}
