package dl_test

import (
	"slices"

	"github.com/gendl/gendl/dl"
)

// nd is the reference tests' own n-dimensional array: float64 values in
// row-major order with index arithmetic written here, independently of the
// library's strides and broadcasting code, so a shared bug cannot hide.
type nd struct {
	shape []int
	v     []float64
}

func ndOf(t *dl.Tensor) nd { return nd{t.Shape(), t.Floats()} }

func newND(shape ...int) nd {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return nd{slices.Clone(shape), make([]float64, n)}
}

// off is the row-major offset of idx.
func (a nd) off(idx []int) int {
	o := 0
	for i, x := range idx {
		o = o*a.shape[i] + x
	}
	return o
}

func (a nd) at(idx ...int) float64     { return a.v[a.off(idx)] }
func (a nd) set(v float64, idx ...int) { a.v[a.off(idx)] = v }

// bat reads a at the index idx of a larger broadcast shape: idx is aligned
// at its last axis and size-1 axes of a read position 0.
func (a nd) bat(idx []int) float64 {
	sub := make([]int, len(a.shape))
	for i := range sub {
		j := len(idx) - len(a.shape) + i
		if a.shape[i] != 1 {
			sub[i] = idx[j]
		}
	}
	return a.at(sub...)
}

// each calls f with every index of shape in row-major order (f must not
// keep idx).
func each(shape []int, f func(idx []int)) {
	for _, d := range shape {
		if d == 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		f(idx)
		k := len(shape) - 1
		for ; k >= 0; k-- {
			idx[k]++
			if idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			return
		}
	}
}

// bshape is numpy's broadcast shape of the given shapes (assumed valid).
func bshape(shapes ...[]int) []int {
	r := 0
	for _, s := range shapes {
		r = max(r, len(s))
	}
	out := make([]int, r)
	for i := range out {
		out[i] = 1
	}
	for _, s := range shapes {
		for i, d := range s {
			if d != 1 {
				out[r-len(s)+i] = d
			}
		}
	}
	return out
}

func mapND(a nd, f func(v float64) float64) nd {
	out := newND(a.shape...)
	for i, v := range a.v {
		out.v[i] = f(v)
	}
	return out
}

func zipND(a, b nd, f func(x, y float64) float64) nd {
	out := newND(bshape(a.shape, b.shape)...)
	each(out.shape, func(idx []int) { out.set(f(a.bat(idx), b.bat(idx)), idx...) })
	return out
}

// reduceND folds a over axes (all when none) starting from init; keepdim
// keeps the reduced axes with size 1. fin maps (accumulator, count) to the
// result, e.g. a mean divides by the count.
func reduceND(a nd, keepdim bool, axes []int, init float64, f func(acc, v float64) float64, fin func(acc float64, n int) float64) nd {
	red := make([]bool, len(a.shape))
	for _, ax := range axes {
		if ax < 0 {
			ax += len(a.shape)
		}
		red[ax] = true
	}
	if len(axes) == 0 {
		for i := range red {
			red[i] = true
		}
	}
	keep := slices.Clone(a.shape)
	var drop []int
	n := 1
	for i, r := range red {
		if r {
			keep[i] = 1
			n *= a.shape[i]
		} else {
			drop = append(drop, a.shape[i])
		}
	}
	acc := newND(keep...)
	for i := range acc.v {
		acc.v[i] = init
	}
	each(a.shape, func(idx []int) {
		k := make([]int, len(idx))
		for i, x := range idx {
			if !red[i] {
				k[i] = x
			}
		}
		acc.set(f(acc.at(k...), a.at(idx...)), k...)
	})
	for i := range acc.v {
		acc.v[i] = fin(acc.v[i], n)
	}
	if !keepdim {
		acc.shape = drop
		if acc.shape == nil {
			acc.shape = []int{}
		}
	}
	return acc
}

// alongAxis calls f once per 1-D line of a along axis with the index of the
// line's first element and the line's values; f returns the new values.
func alongAxis(a nd, axis int, f func(line []float64) []float64) nd {
	if axis < 0 {
		axis += len(a.shape)
	}
	out := newND(a.shape...)
	lineShape := slices.Clone(a.shape)
	lineShape[axis] = 1
	each(lineShape, func(idx []int) {
		idx = slices.Clone(idx)
		line := make([]float64, a.shape[axis])
		for j := range line {
			idx[axis] = j
			line[j] = a.at(idx...)
		}
		for j, v := range f(line) {
			idx[axis] = j
			out.set(v, idx...)
		}
	})
	return out
}
