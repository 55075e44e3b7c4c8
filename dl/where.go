package dl

import "slices"

// Where returns a where cond holds and b elsewhere, elementwise; cond, a and
// b broadcast together by numpy's rules. The gradient goes to a where cond
// holds and to b elsewhere (summed over broadcast axes). Where panics with a
// *ShapeError when the shapes do not broadcast or the dtypes differ.
func Where(cond *Mask, a, b *Tensor) *Tensor {
	sameDType("Where", a, b)
	shape := broadcastShapes("Where", cond.shape, a.shape, b.shape)
	fromA := cond.expand(shape)
	out := empty(a.dtype, shape)
	sa, sb := broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape)
	if a.dtype == Float64 {
		broadcastIndex(shape, sa, sb, func(o, i, j int) { out.f64[o] = choose(fromA[o], a.f64[i], b.f64[j]) })
	} else {
		broadcastIndex(shape, sa, sb, func(o, i, j int) { out.f32[o] = choose(fromA[o], a.f32[i], b.f32[j]) })
	}
	return record("Where", out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if a.needsGrad() {
			ga = reduceTo(keepWhere(g, fromA, true), a.shape)
		}
		if b.needsGrad() {
			gb = reduceTo(keepWhere(g, fromA, false), b.shape)
		}
		return []*Tensor{ga, gb}
	})
}

func choose[T float](c bool, a, b T) T {
	if c {
		return a
	}
	return b
}

// MaskedFill returns x with value written where mask is true, like PyTorch's
// masked_fill. The mask broadcasts to x's shape (a [T, T] CausalMask over
// attention scores [B, H, T, T]); the result has x's shape. No gradient
// flows through the filled positions. MaskedFill panics with a *ShapeError
// when the mask does not broadcast to x.
func MaskedFill(x *Tensor, mask *Mask, value float64) *Tensor {
	shape := broadcastShapes("MaskedFill", mask.shape, x.shape)
	if !slices.Equal(shape, x.shape) {
		panicShapes("MaskedFill", [][]int{x.shape, mask.shape}, "mask must broadcast to x's shape, not widen it to %v", shape)
	}
	fill := mask.expand(x.shape)
	out := empty(x.dtype, x.shape)
	if x.dtype == Float64 {
		maskedFill(out.f64, x.f64, fill, value)
	} else {
		maskedFill(out.f32, x.f32, fill, float32(value))
	}
	return record("MaskedFill", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{keepWhere(g, fill, false)}
	})
}

func maskedFill[T float](out, x []T, fill []bool, v T) {
	for i, f := range fill {
		if f {
			out[i] = v
		} else {
			out[i] = x[i]
		}
	}
}

// keepWhere returns g with the entries where sel[i] != want set to zero.
func keepWhere(g *Tensor, sel []bool, want bool) *Tensor {
	out := empty(g.dtype, g.shape)
	if g.dtype == Float64 {
		keepLoop(out.f64, g.f64, sel, want)
	} else {
		keepLoop(out.f32, g.f32, sel, want)
	}
	return out
}

func keepLoop[T float](out, g []T, sel []bool, want bool) {
	for i, s := range sel {
		if s == want {
			out[i] = g[i]
		}
	}
}

// broadcastShapes is broadcastShape for any number of shapes; a failure
// names all of them.
func broadcastShapes(op string, shapes ...[]int) []int {
	n := 0
	for _, s := range shapes {
		n = max(n, len(s))
	}
	out := make([]int, n)
	for i := range n {
		d := 1
		for _, s := range shapes {
			switch e := dimFromEnd(s, n-1-i); {
			case e == d || e == 1:
			case d == 1:
				d = e
			default:
				panicShapes(op, shapes, "cannot broadcast: axis %d is %d vs %d", i-n, d, e)
			}
		}
		out[i] = d
	}
	return out
}
