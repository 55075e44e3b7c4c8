package dl

import "slices"

// Concat, Stack, Slice and Split move blocks of values along one axis. Each
// views its tensors as [outer, n, inner] around that axis (splitAt), so the
// work is a copy of contiguous runs of n·inner values per outer index, and
// the backward of each is the other: the gradient of a concatenation is the
// slices of g, the gradient of a slice is g copied into zeros.

// Concat joins tensors along axis (negative counts from the end), like
// torch.cat. All tensors must share dtype, rank and every dimension but
// axis. Concat panics with a *ShapeError otherwise, or when ts is empty.
func Concat(axis int, ts ...*Tensor) *Tensor {
	return concat("Concat", axis, ts, nil)
}

// Stack joins same-shape tensors along a new axis inserted at position axis
// (in [-(r+1), r] for rank-r inputs), like torch.stack: stacking n tensors
// of shape [A, B] at axis 1 gives [A, n, B].
func Stack(axis int, ts ...*Tensor) *Tensor {
	if len(ts) == 0 {
		panicShapes("Stack", nil, "no tensors")
	}
	r := ts[0].Rank()
	if axis < -(r+1) || axis > r {
		panicf("Stack", ts, "axis %d out of range for stacking rank-%d tensors", axis, r)
	}
	if axis < 0 {
		axis += r + 1
	}
	views := make([]*Tensor, len(ts))
	for i, t := range ts {
		if !slices.Equal(t.shape, ts[0].shape) {
			panicf("Stack", ts, "tensor %d has shape %v, tensor 0 has %v", i, t.shape, ts[0].shape)
		}
		shape := slices.Insert(slices.Clone(t.shape), axis, 1)
		views[i] = &Tensor{shape: shape, dtype: t.dtype, f32: t.f32, f64: t.f64}
	}
	return concat("Stack", axis, ts, views)
}

// concat joins views (the tensors themselves when nil) along axis and
// records op with ts as the inputs; each input's gradient is its block of g,
// reshaped to the input's own shape.
func concat(op string, axis int, ts, views []*Tensor) *Tensor {
	if len(ts) == 0 {
		panicShapes(op, nil, "no tensors")
	}
	if views == nil {
		views = ts
	}
	first := views[0]
	axis = first.axis(op, axis)
	sameDType(op, ts...)
	ns := make([]int, len(views))
	total := 0
	for i, v := range views {
		if v.Rank() != first.Rank() {
			panicf(op, ts, "tensor %d has rank %d, tensor 0 has %d", i, v.Rank(), first.Rank())
		}
		for d := range v.shape {
			if d != axis && v.shape[d] != first.shape[d] {
				panicf(op, ts, "tensor %d differs from tensor 0 on axis %d (%d vs %d)", i, d, v.shape[d], first.shape[d])
			}
		}
		ns[i] = v.shape[axis]
		total += ns[i]
	}
	shape := slices.Clone(first.shape)
	shape[axis] = total
	out := empty(first.dtype, shape)
	outer, _, inner := splitAt(shape, axis)
	off := 0
	for i, v := range views {
		if out.dtype == Float64 {
			copyBlock(out.f64, v.f64, outer, inner, ns[i], total, off, ns[i], 0)
		} else {
			copyBlock(out.f32, v.f32, outer, inner, ns[i], total, off, ns[i], 0)
		}
		off += ns[i]
	}
	inputs := slices.Clone(ts)
	return record(op, out, inputs, func(g *Tensor) []*Tensor {
		grads := make([]*Tensor, len(inputs))
		start := 0
		for i, x := range inputs {
			if x.needsGrad() {
				gx := sliceAxis(g, axis, start, start+ns[i])
				gx.shape = slices.Clone(x.shape)
				grads[i] = gx
			}
			start += ns[i]
		}
		return grads
	})
}

// copyBlock copies, for each of outer rows, n·inner values from src (whose
// axis has length srcN; the block starts at srcOff) into dst (axis length
// dstN; the block goes to dstOff). Concat writes at an offset, Slice reads
// from one, and their backward passes do the reverse.
func copyBlock[T float](dst, src []T, outer, inner, n, dstN, dstOff, srcN, srcOff int) {
	run := n * inner
	for o := range outer {
		d := (o*dstN + dstOff) * inner
		s := (o*srcN + srcOff) * inner
		copy(dst[d:d+run], src[s:s+run])
	}
}

// sliceAxis copies x[..., start:end, ...] (along axis) into a new tensor
// without recording.
func sliceAxis(x *Tensor, axis, start, end int) *Tensor {
	shape := slices.Clone(x.shape)
	shape[axis] = end - start
	out := emptyUninit(x.dtype, shape)
	outer, n, inner := splitAt(x.shape, axis)
	if x.dtype == Float64 {
		copyBlock(out.f64, x.f64, outer, inner, end-start, end-start, 0, n, start)
	} else {
		copyBlock(out.f32, x.f32, outer, inner, end-start, end-start, 0, n, start)
	}
	return out
}

// unsliceAxis is the backward of sliceAxis: g placed at [start, end) along
// axis of zeros shaped like shape.
func unsliceAxis(g *Tensor, shape []int, axis, start int) *Tensor {
	out := empty(g.dtype, shape)
	outer, n, inner := splitAt(shape, axis)
	k := g.shape[axis]
	if g.dtype == Float64 {
		copyBlock(out.f64, g.f64, outer, inner, k, n, start, k, 0)
	} else {
		copyBlock(out.f32, g.f32, outer, inner, k, n, start, k, 0)
	}
	return out
}
