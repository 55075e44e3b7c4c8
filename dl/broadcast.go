package dl

import "slices"

// Broadcasting follows numpy: shapes are aligned at their last axis; an axis
// of size 1 (or a missing leading axis) stretches to match the other
// operand. The backward of a broadcasting op sums the gradient over the
// stretched axes (reduceTo), so each input receives a gradient of its own
// shape.

// broadcastShape returns the shape two operands broadcast to, or panics
// naming op and both shapes.
func broadcastShape(op string, a, b *Tensor) []int {
	n := max(len(a.shape), len(b.shape))
	out := make([]int, n)
	for i := range n {
		da, db := dimFromEnd(a.shape, n-1-i), dimFromEnd(b.shape, n-1-i)
		switch {
		case da == db || db == 1:
			out[i] = da
		case da == 1:
			out[i] = db
		default:
			panicf(op, []*Tensor{a, b}, "cannot broadcast: axis %d is %d vs %d", i-n, da, db)
		}
	}
	return out
}

// dimFromEnd returns shape[len-1-k], or 1 past the leading axis.
func dimFromEnd(shape []int, k int) int {
	if i := len(shape) - 1 - k; i >= 0 {
		return shape[i]
	}
	return 1
}

// broadcastStrides returns, for each axis of out, the stride of a tensor of
// the given shape when read broadcast to out: 0 on stretched axes.
func broadcastStrides(shape, out []int) []int {
	st := make([]int, len(out))
	stride := 1
	for i := len(out) - 1; i >= 0; i-- {
		j := i - (len(out) - len(shape))
		if j >= 0 && shape[j] != 1 {
			st[i] = stride
		}
		if j >= 0 {
			stride *= shape[j]
		}
	}
	return st
}

// broadcastIndex calls f(o, i, j) for every flat index o of out with the
// matching flat indices i of a and j of b. The innermost axis runs in a
// tight loop.
func broadcastIndex(out, sa, sb []int, f func(o, i, j int)) {
	if len(out) == 0 {
		f(0, 0, 0)
		return
	}
	r := len(out)
	inner := out[r-1]
	ia, ib := sa[r-1], sb[r-1]
	idx := make([]int, r)
	total := 1
	for _, d := range out {
		total *= d
	}
	o, i, j := 0, 0, 0
	for o < total {
		for k := range inner {
			f(o+k, i+k*ia, j+k*ib)
		}
		o += inner
		// advance the outer axes like an odometer
		for ax := r - 2; ax >= 0; ax-- {
			idx[ax]++
			i += sa[ax]
			j += sb[ax]
			if idx[ax] < out[ax] {
				break
			}
			i -= sa[ax] * out[ax]
			j -= sb[ax] * out[ax]
			idx[ax] = 0
		}
	}
}

// reduceTo sums g (shaped like a broadcast result) down to shape, the shape
// of the operand that was broadcast. It is the backward of broadcasting.
func reduceTo(g *Tensor, shape []int) *Tensor {
	if slices.Equal(g.shape, shape) {
		return g
	}
	out := empty(g.dtype, shape)
	if g.dtype == Float64 {
		if sumRowsOrColumns(g.f64, out.f64, g.shape, shape) {
			return out
		}
	} else if sumRowsOrColumns(g.f32, out.f32, g.shape, shape) {
		return out
	}
	st := broadcastStrides(shape, g.shape)
	zero := make([]int, len(g.shape))
	if g.dtype == Float64 {
		broadcastIndex(g.shape, st, zero, func(o, i, _ int) { out.f64[i] += g.f64[o] })
	} else {
		broadcastIndex(g.shape, st, zero, func(o, i, _ int) { out.f32[i] += g.f32[o] })
	}
	return out
}

// sameDType panics unless all tensors share a dtype.
func sameDType(op string, ts ...*Tensor) {
	for _, t := range ts[1:] {
		if t.dtype != ts[0].dtype {
			panicf(op, ts, "dtypes %v and %v differ (convert with To)", ts[0].dtype, t.dtype)
		}
	}
}

// sumRowsOrColumns is reduceTo's direct loop for a row (a bias gradient)
// or a column (a keepdim reduction over the last axis). It reports false,
// doing nothing, for other shapes.
func sumRowsOrColumns[T float](g, out []T, gs, shape []int) bool {
	if len(gs) == 0 {
		return false
	}
	w := gs[len(gs)-1]
	switch {
	case w == 0 || len(g) == 0:
		return false
	case isRow(shape, w):
		sumRows(g, out[:w])
	case isColumn(shape, gs):
		for r := range out {
			var s T
			for _, v := range g[r*w : (r+1)*w] {
				s += v
			}
			out[r] = s
		}
	default:
		return false
	}
	return true
}

// sumRows adds the rows of g (len(out) wide) into out. Large gradients
// (a bias over 2048 rows) are summed in row blocks on several goroutines,
// each into its own partial row, and the partial rows added in block
// order.
func sumRows[T float](g, out []T) {
	w := len(out)
	rows := len(g) / w
	blocks := min(rows, 16)
	if rows*w < 4*parallelMin || blocks < 2 {
		addRows(g, out)
		return
	}
	per := (rows + blocks - 1) / blocks
	part := make([]T, blocks*w)
	parallelFor(blocks, per*w, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			addRows(g[min(k*per, rows)*w:min((k+1)*per, rows)*w], part[k*w:(k+1)*w])
		}
	})
	addRows(part, out)
}

// addRows adds each len(out)-wide row of g into out.
func addRows[T float](g, out []T) {
	w := len(out)
	for o := 0; o+w <= len(g); o += w {
		addRow(out, g[o:o+w])
	}
}
