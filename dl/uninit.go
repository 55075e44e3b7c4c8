package dl

import (
	"math"
	"slices"
	"unsafe"
)

// Storage that is not zeroed first. Go zeroes every allocation on the
// allocating goroutine, one pass over memory that is usually not in cache;
// for an op that writes every element of its output anyway that pass is
// wasted, and it is serial: on two cores a parallel op's output was
// cleared by one core before both wrote it. runtime.mallocgc with needzero
// false is the allocator without the clearing; the runtime keeps it
// callable by linkname for exactly this use (its source lists the
// libraries that do). The memory holds no pointers, so the garbage
// collector never reads it.
//
// Only code that writes every element before anything reads one may use
// it. The package's tests fill this memory with NaN (poisonUninit), so an
// op that reads an element it did not write fails its tests.

//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer

// poisonUninit, set by the package's tests, fills uninitialized storage
// with NaN.
var poisonUninit bool

// uninit returns n elements of T whose contents are unspecified.
func uninit[T float](n int) []T {
	if n == 0 {
		return []T{}
	}
	var zero T
	p := mallocgc(uintptr(n)*unsafe.Sizeof(zero), nil, false)
	s := unsafe.Slice((*T)(p), n)
	if poisonUninit {
		nan := T(math.NaN())
		for i := range s {
			s[i] = nan
		}
	}
	return s
}

// emptyUninit is empty without the zeroing: for outputs the caller writes
// whole.
func emptyUninit(dtype DType, shape []int) *Tensor {
	n := numel("empty", shape)
	t := &Tensor{shape: slices.Clone(shape), dtype: dtype}
	if dtype == Float64 {
		t.f64 = uninit[float64](n)
	} else {
		t.f32 = uninit[float32](n)
	}
	return t
}
