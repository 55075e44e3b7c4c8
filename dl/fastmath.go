package dl

import (
	"math"
	"unsafe"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// The float32 elementary functions live in internal/vecmath, scalar and
// over whole rows (AVX2); the activation, recurrence and softmax kernels
// call the row versions.

// is32 reports whether T is float32; it is a constant in each generic
// instantiation, so the branches it guards cost nothing.
func is32[T float]() bool {
	var v T
	return unsafe.Sizeof(v) == 4
}

// tanhOf is tanh for either dtype: vecmath.Tanh for float32, math.Tanh
// for float64.
func tanhOf[T float](v T) T {
	if is32[T]() {
		return T(vecmath.Tanh(float32(v)))
	}
	return T(math.Tanh(float64(v)))
}
