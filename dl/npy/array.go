package npy

import (
	"fmt"
	"math"

	"github.com/gendl/gendl/dl"
)

// DType names an element type the way NumPy's descr does, without the byte
// order character.
type DType string

// The element types Read understands. Write produces Float32, Float64 and
// Int64.
const (
	Float16 DType = "f2"
	Float32 DType = "f4"
	Float64 DType = "f8"
	Int8    DType = "i1"
	Int16   DType = "i2"
	Int32   DType = "i4"
	Int64   DType = "i8"
	Uint8   DType = "u1"
	Uint16  DType = "u2"
	Uint32  DType = "u4"
	Uint64  DType = "u8"
	Bool    DType = "b1"
)

// itemSize is the number of bytes one element of d takes in a file, or 0
// when d is not a type this package reads.
func (d DType) itemSize() int {
	switch d {
	case Int8, Uint8, Bool:
		return 1
	case Float16, Int16, Uint16:
		return 2
	case Float32, Int32, Uint32:
		return 4
	case Float64, Int64, Uint64:
		return 8
	}
	return 0
}

// Array is an n-dimensional array in C (row-major) order, independent of
// dl.Tensor. Exactly one of the data slices holds the elements, chosen by
// DType: Float32 for Float16 and Float32 (half precision is widened),
// Float64 for Float64, and Int64 for every integer type and Bool (false=0,
// true=1).
type Array struct {
	Shape   []int
	DType   DType
	Float32 []float32
	Float64 []float64
	Int64   []int64
}

// FromFloat32 wraps data (not copied) as a float32 array of the given shape.
// An empty shape is a scalar. It panics with a *dl.ShapeError if the shape
// does not hold len(data) elements.
func FromFloat32(data []float32, shape ...int) *Array {
	checkLen("FromFloat32", len(data), shape)
	return &Array{Shape: shape, DType: Float32, Float32: data}
}

// FromFloat64 wraps data (not copied) as a float64 array; see FromFloat32.
func FromFloat64(data []float64, shape ...int) *Array {
	checkLen("FromFloat64", len(data), shape)
	return &Array{Shape: shape, DType: Float64, Float64: data}
}

// FromInt64 wraps data (not copied) as an int64 array; see FromFloat32.
func FromInt64(data []int64, shape ...int) *Array {
	checkLen("FromInt64", len(data), shape)
	return &Array{Shape: shape, DType: Int64, Int64: data}
}

// checkLen panics with a *dl.ShapeError unless shape holds n elements.
func checkLen(op string, n int, shape []int) {
	size, err := numElements(shape)
	if err != nil || size != n {
		panic(&dl.ShapeError{Op: "npy." + op, Shapes: [][]int{shape}, Msg: fmt.Sprintf("does not hold %d elements", n)})
	}
}

// Size is the number of elements, the product of Shape (1 for a scalar).
func (a *Array) Size() int {
	n, _ := numElements(a.Shape)
	return n
}

// Floats returns a copy of the elements as float64, whatever the DType.
func (a *Array) Floats() []float64 {
	switch {
	case a.Float32 != nil:
		out := make([]float64, len(a.Float32))
		for i, v := range a.Float32 {
			out[i] = float64(v)
		}
		return out
	case a.Float64 != nil:
		return append([]float64(nil), a.Float64...)
	}
	out := make([]float64, len(a.Int64))
	for i, v := range a.Int64 {
		out[i] = float64(v)
	}
	return out
}

// Ints returns a copy of the elements as int. It returns an error for a
// floating-point array, whose values would be truncated.
func (a *Array) Ints() ([]int, error) {
	if a.Float32 != nil || a.Float64 != nil {
		return nil, fmt.Errorf("npy: Ints of a %s array", a.DType)
	}
	out := make([]int, len(a.Int64))
	for i, v := range a.Int64 {
		if int64(int(v)) != v {
			return nil, fmt.Errorf("npy: element %d = %d overflows int", i, v)
		}
		out[i] = int(v)
	}
	return out, nil
}

// numElements is the product of shape, with an error on a negative dimension
// or an overflowing product.
func numElements(shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("negative dimension in shape %v", shape)
		}
		if d != 0 && n > math.MaxInt/d {
			return 0, fmt.Errorf("shape %v overflows the element count", shape)
		}
		n *= d
	}
	return n, nil
}
