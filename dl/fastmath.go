package dl

import (
	"math"
	"unsafe"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// The scalar functions live in internal/vecmath beside their AVX2 slice
// versions, which the activation, recurrence and softmax kernels call on
// whole rows; these short names keep the scalar call sites readable.

func exp32(x float32) float32     { return vecmath.Exp(x) }
func tanh32(x float32) float32    { return vecmath.Tanh(x) }
func sigmoid32(x float32) float32 { return vecmath.Sigmoid(x) }
func normCDF32(x float32) float32 { return vecmath.NormCDF(x) }

// is32 reports whether T is float32; it is a constant in each generic
// instantiation, so the branches it guards cost nothing.
func is32[T float]() bool {
	var v T
	return unsafe.Sizeof(v) == 4
}

// tanhOf is tanh for either dtype: tanh32 for float32, math.Tanh for
// float64.
func tanhOf[T float](v T) T {
	if is32[T]() {
		return T(tanh32(float32(v)))
	}
	return T(math.Tanh(float64(v)))
}
