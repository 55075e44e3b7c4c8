package dl

import "slices"

// Reductions collapse axes. The *Axes forms take keepdim, which leaves each
// reduced axis in place with size 1 (handy for broadcasting the result back,
// as in x - MeanAxes(x, true, -1)); without it the axes are dropped. With no
// axes they reduce everything.

// Sum returns the sum of all elements as a rank-0 tensor.
func Sum(x *Tensor) *Tensor { return SumAxes(x, false) }

// SumAxes sums over the given axes (all when none are given).
func SumAxes(x *Tensor, keepdim bool, axes ...int) *Tensor {
	keep, out := reducedShapes("Sum", x, axes, keepdim)
	s := reduceTo(x, keep)
	if s == x { // nothing reduced: still a new node for the tape
		s = x.Clone()
	}
	s = &Tensor{shape: out, dtype: s.dtype, f32: s.f32, f64: s.f64}
	from := x.shape
	return record("Sum", s, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{expandTo(&Tensor{shape: keep, dtype: g.dtype, f32: g.f32, f64: g.f64}, from)}
	})
}

// Mean returns the mean of all elements as a rank-0 tensor.
func Mean(x *Tensor) *Tensor { return MeanAxes(x, false) }

// MeanAxes averages over the given axes (all when none are given).
func MeanAxes(x *Tensor, keepdim bool, axes ...int) *Tensor {
	keep, _ := reducedShapes("Mean", x, axes, keepdim)
	n := x.Size() / max(numel("Mean", keep), 1)
	return Scale(SumAxes(x, keepdim, axes...), 1/float64(max(n, 1)))
}

// VarAxes is the variance over the given axes with Bessel's correction:
// divisor N - correction. PyTorch's torch.var uses correction 1; LayerNorm
// and BatchNorm normalise with correction 0.
func VarAxes(x *Tensor, correction int, keepdim bool, axes ...int) *Tensor {
	keep, _ := reducedShapes("Var", x, axes, keepdim)
	n := x.Size() / max(numel("Var", keep), 1)
	if n-correction <= 0 {
		panicf("Var", []*Tensor{x}, "%d elements per group with correction %d", n, correction)
	}
	d := Sub(x, MeanAxes(x, true, axes...))
	return Scale(SumAxes(Square(d), keepdim, axes...), 1/float64(n-correction))
}

// reducedShapes returns the keepdim shape (reduced axes set to 1) and the
// shape the caller asked for.
func reducedShapes(op string, x *Tensor, axes []int, keepdim bool) (keep, out []int) {
	keep = slices.Clone(x.shape)
	reduce := make([]bool, x.Rank())
	if len(axes) == 0 {
		for i := range reduce {
			reduce[i] = true
		}
	}
	for _, a := range axes {
		a = x.axis(op, a)
		if reduce[a] && len(axes) > 0 {
			panicf(op, []*Tensor{x}, "axis %d given twice", a)
		}
		reduce[a] = true
	}
	for i, r := range reduce {
		if r {
			keep[i] = 1
		} else {
			out = append(out, x.shape[i])
		}
	}
	if keepdim {
		return keep, slices.Clone(keep)
	}
	if out == nil {
		out = []int{}
	}
	return keep, out
}

// expandTo broadcasts g up to shape (the inverse of reduceTo), copying.
func expandTo(g *Tensor, shape []int) *Tensor {
	out := empty(g.dtype, shape)
	zero := make([]int, len(shape))
	st := broadcastStrides(g.shape, shape)
	if g.dtype == Float64 {
		broadcastIndex(shape, st, zero, func(o, i, _ int) { out.f64[o] = g.f64[i] })
	} else {
		broadcastIndex(shape, st, zero, func(o, i, _ int) { out.f32[o] = g.f32[i] })
	}
	return out
}

// Expand broadcasts x to shape (numpy's broadcast_to), copying; the gradient
// sums back over the stretched axes.
func Expand(x *Tensor, shape ...int) *Tensor {
	if len(shape) < x.Rank() {
		panicShapes("Expand", [][]int{x.shape, shape}, "target has fewer axes")
	}
	if b := broadcastShapes("Expand", x.shape, shape); !slices.Equal(b, shape) {
		panicShapes("Expand", [][]int{x.shape, shape}, "only axes of size 1 can stretch")
	}
	out := expandTo(x, shape)
	from := x.shape
	return record("Expand", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{reduceTo(g, from)} })
}
