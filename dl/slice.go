package dl

import "slices"

// Slice returns x[..., start:end, ...] along axis (negative counts from the
// end), keeping the axis: slicing [B, T, C] at axis 1 from 2 to 5 gives
// [B, 3, C]. The bounds must satisfy 0 <= start <= end <= x.Dim(axis);
// Slice panics with a *ShapeError otherwise. The result is a copy; its
// gradient is g placed back into zeros of x's shape.
func Slice(x *Tensor, axis, start, end int) *Tensor {
	axis = x.axis("Slice", axis)
	if start < 0 || start > end || end > x.shape[axis] {
		panicf("Slice", []*Tensor{x}, "range [%d, %d) outside [0, %d] on axis %d", start, end, x.shape[axis], axis)
	}
	return slice("Slice", x, axis, start, end)
}

// Split cuts x along axis into consecutive pieces of the given sizes, which
// must add up to x.Dim(axis): Split(qkv, -1, C, C, C) gives q, k and v. Each
// piece is its own op on the tape. Split panics with a *ShapeError when the
// sizes are negative or do not add up.
func Split(x *Tensor, axis int, sizes ...int) []*Tensor {
	axis = x.axis("Split", axis)
	total := 0
	for _, s := range sizes {
		if s < 0 {
			panicf("Split", []*Tensor{x}, "negative size in %v", sizes)
		}
		total += s
	}
	if total != x.shape[axis] {
		panicf("Split", []*Tensor{x}, "sizes %v add up to %d, axis %d has %d", sizes, total, axis, x.shape[axis])
	}
	out := make([]*Tensor, len(sizes))
	start := 0
	for i, s := range sizes {
		out[i] = slice("Split", x, axis, start, start+s)
		start += s
	}
	return out
}

// slice records op for a checked range.
func slice(op string, x *Tensor, axis, start, end int) *Tensor {
	out := sliceAxis(x, axis, start, end)
	shape := slices.Clone(x.shape)
	return record(op, out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{unsliceAxis(g, shape, axis, start)}
	})
}
