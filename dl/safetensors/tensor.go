package safetensors

import (
	"fmt"
	"math"
	"slices"

	"github.com/gendl/gendl/dl"
)

// DType is an element type as the safetensors header names it.
type DType string

// The element types Read understands. Write produces F32, F64 and I64.
const (
	F16  DType = "F16"
	BF16 DType = "BF16"
	F32  DType = "F32"
	F64  DType = "F64"
	I8   DType = "I8"
	I16  DType = "I16"
	I32  DType = "I32"
	I64  DType = "I64"
	U8   DType = "U8"
	U16  DType = "U16"
	U32  DType = "U32"
	U64  DType = "U64"
	Bool DType = "BOOL"
)

// Size is the number of bytes of one element, or 0 for a dtype this package
// does not read (such as the 8-bit floats).
func (d DType) Size() int {
	switch d {
	case I8, U8, Bool:
		return 1
	case F16, BF16, I16, U16:
		return 2
	case F32, I32, U32:
		return 4
	case F64, I64, U64:
		return 8
	}
	return 0
}

// Tensor is one named array of a file, in C (row-major) order. Exactly one
// data slice holds the elements, chosen by DType: Float32 for F16, BF16 and
// F32 (half precision widened), Float64 for F64, Int64 for the integer types
// and BOOL (false=0, true=1).
type Tensor struct {
	DType   DType
	Shape   []int
	Float32 []float32
	Float64 []float64
	Int64   []int64
}

// FromFloat32 wraps data (not copied) as an F32 tensor; an empty shape is a
// scalar. It panics with a *dl.ShapeError if the shape does not hold
// len(data) elements.
func FromFloat32(data []float32, shape ...int) *Tensor {
	shape = checkLen("FromFloat32", len(data), shape)
	return &Tensor{DType: F32, Shape: shape, Float32: data}
}

// FromFloat64 wraps data (not copied) as an F64 tensor; see FromFloat32.
func FromFloat64(data []float64, shape ...int) *Tensor {
	shape = checkLen("FromFloat64", len(data), shape)
	return &Tensor{DType: F64, Shape: shape, Float64: data}
}

// FromInt64 wraps data (not copied) as an I64 tensor; see FromFloat32.
func FromInt64(data []int64, shape ...int) *Tensor {
	shape = checkLen("FromInt64", len(data), shape)
	return &Tensor{DType: I64, Shape: shape, Int64: data}
}

// checkLen panics with a *dl.ShapeError unless shape holds n elements, and
// returns a copy of shape that is never nil.
func checkLen(op string, n int, shape []int) []int {
	size, err := numElements(shape)
	if err != nil || size != n {
		panic(&dl.ShapeError{Op: "safetensors." + op, Shapes: [][]int{shape}, Msg: fmt.Sprintf("does not hold %d elements", n)})
	}
	return append([]int{}, shape...)
}

// Floats returns a copy of the elements as float64, whatever the DType.
func (t *Tensor) Floats() []float64 {
	switch {
	case t.Float32 != nil:
		out := make([]float64, len(t.Float32))
		for i, v := range t.Float32 {
			out[i] = float64(v)
		}
		return out
	case t.Float64 != nil:
		return slices.Clone(t.Float64)
	}
	out := make([]float64, len(t.Int64))
	for i, v := range t.Int64 {
		out[i] = float64(v)
	}
	return out
}

// numElements is the product of shape, with an error on a negative
// dimension or an overflowing product.
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
