package dl

import "slices"

// Max returns the largest element as a rank-0 tensor.
func Max(x *Tensor) *Tensor { return MaxAxes(x, false) }

// Min returns the smallest element as a rank-0 tensor.
func Min(x *Tensor) *Tensor { return MinAxes(x, false) }

// MaxAxes returns the maximum over the given axes (all when none are
// given). The gradient flows to the first position holding the maximum, as
// in PyTorch. Reducing an axis of size 0 panics with a *ShapeError.
func MaxAxes(x *Tensor, keepdim bool, axes ...int) *Tensor {
	return extremum("Max", x, keepdim, axes, false)
}

// MinAxes returns the minimum over the given axes (all when none are
// given); the gradient flows to the first position holding the minimum.
func MinAxes(x *Tensor, keepdim bool, axes ...int) *Tensor {
	return extremum("Min", x, keepdim, axes, true)
}

// ArgMax returns, for every position of x's other axes, the index along axis
// of the largest value (the first one on ties): a [B, C] batch of logits
// gives the [B] predicted classes. It records nothing.
func ArgMax(x *Tensor, axis int) *Ints { return argAxis("ArgMax", x, axis, false) }

// ArgMin is ArgMax for the smallest value.
func ArgMin(x *Tensor, axis int) *Ints { return argAxis("ArgMin", x, axis, true) }

func extremum(op string, x *Tensor, keepdim bool, axes []int, least bool) *Tensor {
	keep, outShape := reducedShapes(op, x, axes, keepdim)
	arg := argExtreme(op, x, keep, least)
	out := empty(x.dtype, outShape)
	if x.dtype == Float64 {
		gatherFlat(out.f64, x.f64, arg)
	} else {
		gatherFlat(out.f32, x.f32, arg)
	}
	from := slices.Clone(x.shape)
	return record(op, out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(g.dtype, from)
		if g.dtype == Float64 {
			scatterAddFlat(gx.f64, g.f64, arg)
		} else {
			scatterAddFlat(gx.f32, g.f32, arg)
		}
		return []*Tensor{gx}
	})
}

// argExtreme returns, for each element of the reduced shape keep, the flat
// offset in x of its first maximum (or minimum when least).
func argExtreme(op string, x *Tensor, keep []int, least bool) []int {
	for i, d := range x.shape {
		if d == 0 && keep[i] == 1 {
			panicf(op, []*Tensor{x}, "cannot reduce axis %d of size 0", i)
		}
	}
	arg := make([]int, numel(op, keep))
	for i := range arg {
		arg[i] = -1
	}
	if len(arg) == 0 {
		return arg
	}
	st := broadcastStrides(keep, x.shape)
	zero := make([]int, x.Rank())
	if x.dtype == Float64 {
		argLoop(x.f64, x.shape, st, zero, arg, least)
	} else {
		argLoop(x.f32, x.shape, st, zero, arg, least)
	}
	return arg
}

func argLoop[T float](x []T, shape, st, zero, arg []int, least bool) {
	broadcastIndex(shape, st, zero, func(o, i, _ int) {
		a := arg[i]
		if a < 0 || (least && x[o] < x[a]) || (!least && x[o] > x[a]) {
			arg[i] = o
		}
	})
}

func argAxis(op string, x *Tensor, axis int, least bool) *Ints {
	axis = x.axis(op, axis)
	keep := slices.Clone(x.shape)
	keep[axis] = 1
	arg := argExtreme(op, x, keep, least)
	_, n, inner := splitAt(x.shape, axis)
	for i, o := range arg {
		arg[i] = o / inner % n
	}
	return &Ints{Data: arg, shape: slices.Delete(slices.Clone(x.shape), axis, axis+1)}
}
