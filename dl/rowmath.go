package dl

import (
	"unsafe"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// Row kernels for the recurrences, attention and the bias gradients: whole
// rows of sigmoid, tanh or a sum, through internal/vecmath's AVX2 slice
// functions for float32 (eight lanes at a time) and plain loops or the math
// package for float64. dst and src may be the same row.

// addRow does dst += src.
func addRow[T float](dst, src []T) {
	if is32[T]() {
		vecmath.AddTo(as32(dst), as32(src[:len(dst)]))
		return
	}
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] += x
	}
}

func sigmoidRow[T float](dst, src []T) {
	if is32[T]() {
		vecmath.SigmoidTo(as32(dst), as32(src))
		return
	}
	for j, v := range src {
		dst[j] = sigmoid(v)
	}
}

func tanhRow[T float](dst, src []T) {
	if is32[T]() {
		vecmath.TanhTo(as32(dst), as32(src))
		return
	}
	for j, v := range src {
		dst[j] = tanhOf(v)
	}
}

// as32 views a []T that is a []float32 as one, without the allocation a
// conversion through an interface would cost on every row.
func as32[T float](s []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

// prefetchRows starts loading the first n elements of rows rows of p,
// stride apart, into the caches (vecmath.PrefetchRows) and returns.
func prefetchRows[T float](p []T, rows, stride, n int) {
	if rows <= 0 || n <= 0 {
		return
	}
	if is32[T]() {
		vecmath.PrefetchRows(as32(p), rows, stride, n)
		return
	}
	p32 := unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(p))), 2*len(p))
	vecmath.PrefetchRows(p32, rows, 2*stride, 2*n)
}
