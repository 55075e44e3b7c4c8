package dl

import (
	"fmt"
	"slices"
)

// inferShape resolves one -1 in shape so it holds as many elements as from,
// and panics naming op when that is impossible.
func inferShape(op string, from, shape []int) []int {
	shape = slices.Clone(shape)
	total := numel(op, from)
	known, free := 1, -1
	for i, d := range shape {
		switch {
		case d == -1 && free < 0:
			free = i
		case d < 0:
			panic(&ShapeError{Op: op, Shapes: [][]int{slices.Clone(from), shape}, Msg: "at most one -1 and no other negative size"})
		default:
			known *= d
		}
	}
	if free >= 0 {
		if known == 0 || total%known != 0 {
			panic(&ShapeError{Op: op, Shapes: [][]int{slices.Clone(from), shape}, Msg: fmt.Sprintf("cannot infer -1: %d elements", total)})
		}
		shape[free] = total / known
	} else if known != total {
		panic(&ShapeError{Op: op, Shapes: [][]int{slices.Clone(from), shape}, Msg: fmt.Sprintf("%d elements cannot take %d", total, known)})
	}
	return shape
}

// Reshape returns x with a new shape holding the same elements, sharing its
// storage. One size may be -1 to be inferred.
func Reshape(x *Tensor, shape ...int) *Tensor {
	shape = inferShape("Reshape", x.shape, shape)
	out := &Tensor{shape: shape, dtype: x.dtype, f32: x.f32, f64: x.f64}
	if !recording(x) {
		return out
	}
	from := x.shape
	return record("Reshape", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{{shape: from, dtype: g.dtype, f32: g.f32, f64: g.f64}}
	})
}

// Reshape is the method form of the package function Reshape.
func (t *Tensor) Reshape(shape ...int) *Tensor { return Reshape(t, shape...) }

// Flatten reshapes x to [x.Dim(0), rest], the usual input of a Linear layer.
func Flatten(x *Tensor) *Tensor {
	if x.Rank() < 1 {
		panicf("Flatten", []*Tensor{x}, "needs rank >= 1")
	}
	return Reshape(x, x.shape[0], -1)
}

// Transpose swaps axes a and b (negative counts from the end). The result is
// a contiguous copy; matmul reads transposed operands in place instead, so
// the common transposes in forward and backward passes copy nothing.
func Transpose(x *Tensor, a, b int) *Tensor {
	a, b = x.axis("Transpose", a), x.axis("Transpose", b)
	perm := make([]int, x.Rank())
	for i := range perm {
		perm[i] = i
	}
	perm[a], perm[b] = perm[b], perm[a]
	return permute("Transpose", x, perm)
}

// Permute reorders the axes: output axis i is input axis perm[i].
func Permute(x *Tensor, perm ...int) *Tensor {
	if len(perm) != x.Rank() {
		panicf("Permute", []*Tensor{x}, "perm %v has %d axes, tensor has %d", perm, len(perm), x.Rank())
	}
	perm = slices.Clone(perm) // normalised below; the caller's slice stays as it was
	seen := make([]bool, len(perm))
	for i, p := range perm {
		p = x.axis("Permute", p)
		if seen[p] {
			panicf("Permute", []*Tensor{x}, "perm %v repeats axis %d", perm, p)
		}
		seen[p] = true
		perm[i] = p
	}
	return permute("Permute", x, perm)
}

func permute(op string, x *Tensor, perm []int) *Tensor {
	r := x.Rank()
	shape := make([]int, r)
	for i, p := range perm {
		shape[i] = x.shape[p]
	}
	// strides of x read in output axis order
	xs := contiguousStrides(x.shape)
	st := make([]int, r)
	for i, p := range perm {
		st[i] = xs[p]
	}
	out := emptyUninit(x.dtype, shape)
	if r > 0 {
		if x.dtype == Float64 {
			permuteInto(out.f64, x.f64, shape, st)
		} else {
			permuteInto(out.f32, x.f32, shape, st)
		}
	} else {
		out.CopyFrom(x)
	}
	inv := make([]int, r)
	for i, p := range perm {
		inv[p] = i
	}
	return record(op, out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{permute(op, g, inv)}
	})
}

// permuteInto fills dst, contiguous with shape, from src read with
// strides st (one per axis of shape). When the last axis keeps stride 1,
// as in the [B, T, H, D] <-> [B, H, T, D] moves of attention heads, whole
// rows are copied; otherwise element by element.
func permuteInto[T float](dst, src []T, shape, st []int) {
	r := len(shape)
	inner := shape[r-1]
	if len(dst) == 0 {
		return
	}
	if st[r-1] != 1 {
		zero := make([]int, r)
		broadcastIndex(shape, st, zero, func(o, i, _ int) { dst[o] = src[i] })
		return
	}
	idx := make([]int, r)
	off := 0
	for o := 0; o < len(dst); o += inner {
		copy(dst[o:o+inner], src[off:off+inner])
		for ax := r - 2; ax >= 0; ax-- { // advance the outer axes like an odometer
			idx[ax]++
			off += st[ax]
			if idx[ax] < shape[ax] {
				break
			}
			off -= st[ax] * shape[ax]
			idx[ax] = 0
		}
	}
}

// contiguousStrides returns row-major strides (in elements) for shape.
func contiguousStrides(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		s *= shape[i]
	}
	return st
}
