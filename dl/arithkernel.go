package dl

import "slices"

// Direct loops for the four arithmetic ops. The generic binary path calls a
// function value per element, which the compiler cannot inline; these
// switch on the op once and run a plain loop, for the layouts that make up
// nearly all traffic in a network: equal shapes, a scalar, a row broadcast
// over the leading axes (a bias [C] over [B, T, C]) and a column broadcast
// over the last axis (x - MeanAxes(x, true, -1)). Other broadcasts fall back
// to the generic path.

type arith uint8

const (
	opAdd arith = iota
	opSub
	opMul
	opDiv
)

// arithmetic computes a (k) b with broadcasting into a new tensor.
func arithmetic(op string, k arith, a, b *Tensor) *Tensor {
	sameDType(op, a, b)
	shape := broadcastShape(op, a, b)
	out := emptyUninit(a.dtype, shape)
	if a.dtype == Float64 {
		arithLoop(k, a.f64, b.f64, out.f64, a.shape, b.shape, shape)
	} else {
		arithLoop(k, a.f32, b.f32, out.f32, a.shape, b.shape, shape)
	}
	return out
}

func arithLoop[T float](k arith, a, b, out []T, sa, sb, so []int) {
	n := len(out)
	w := 1
	if len(so) > 0 {
		w = so[len(so)-1]
	}
	switch {
	case n == 0:
	case len(a) == n && len(b) == n: // same shapes: chunks on several goroutines
		parallelFor(n, 1, func(lo, hi int) { arithSame(k, a[lo:hi], b[lo:hi], out[lo:hi]) })
	case len(a) == n && len(b) == 1:
		parallelFor(n, 1, func(lo, hi int) { arithScalar(k, a[lo:hi], b[0], out[lo:hi], false) })
	case len(b) == n && len(a) == 1:
		parallelFor(n, 1, func(lo, hi int) { arithScalar(k, b[lo:hi], a[0], out[lo:hi], true) })
	case len(a) == n && isTrailing(sb, so):
		w := len(b) // b repeats every w elements of out: a row, or [T, C] under [B, T, C]
		parallelFor(n/w, w, func(lo, hi int) {
			for o := lo * w; o < hi*w; o += w {
				arithSame(k, a[o:o+w], b, out[o:o+w])
			}
		})
	case len(b) == n && isTrailing(sa, so):
		w := len(a)
		parallelFor(n/w, w, func(lo, hi int) {
			for o := lo * w; o < hi*w; o += w {
				arithSame(k, a, b[o:o+w], out[o:o+w])
			}
		})
	case len(a) == n && isColumn(sb, so):
		for r, v := range b {
			arithScalar(k, a[r*w:(r+1)*w], v, out[r*w:(r+1)*w], false)
		}
	case len(b) == n && isColumn(sa, so):
		for r, v := range a {
			arithScalar(k, b[r*w:(r+1)*w], v, out[r*w:(r+1)*w], true)
		}
	default:
		binaryLoop(a, b, out, sa, sb, so, arithFunc[T](k))
	}
}

// isTrailing reports whether shape, with its leading 1s dropped, is the
// trailing axes of the broadcast shape so: the operand then repeats whole
// every len(operand) elements of the result (a bias row, or a [T, C]
// position table added to [B, T, C]).
func isTrailing(shape, so []int) bool {
	for len(shape) > 0 && shape[0] == 1 {
		shape = shape[1:]
	}
	if len(shape) == 0 || len(shape) > len(so) {
		return false
	}
	return slices.Equal(shape, so[len(so)-len(shape):])
}

// isRow reports whether shape holds exactly one row of width w that
// broadcasts over all leading axes ([w], [1, w], [1, 1, w], ...).
func isRow(shape []int, w int) bool {
	if len(shape) == 0 || shape[len(shape)-1] != w {
		return false
	}
	for _, d := range shape[:len(shape)-1] {
		if d != 1 {
			return false
		}
	}
	return true
}

// isColumn reports whether shape is out with its last axis set to 1.
func isColumn(shape, out []int) bool {
	r := len(out)
	return r > 0 && len(shape) == r && shape[r-1] == 1 && slices.Equal(shape[:r-1], out[:r-1])
}

func arithSame[T float](k arith, a, b, out []T) {
	a, b = a[:len(out)], b[:len(out)]
	switch k {
	case opAdd:
		for i := range out {
			out[i] = a[i] + b[i]
		}
	case opSub:
		for i := range out {
			out[i] = a[i] - b[i]
		}
	case opMul:
		for i := range out {
			out[i] = a[i] * b[i]
		}
	case opDiv:
		for i := range out {
			out[i] = a[i] / b[i]
		}
	}
}

// arithScalar computes x (k) s, or s (k) x when left.
func arithScalar[T float](k arith, x []T, s T, out []T, left bool) {
	x = x[:len(out)]
	switch {
	case k == opAdd:
		for i := range out {
			out[i] = x[i] + s
		}
	case k == opMul:
		for i := range out {
			out[i] = x[i] * s
		}
	case k == opSub && !left:
		for i := range out {
			out[i] = x[i] - s
		}
	case k == opSub:
		for i := range out {
			out[i] = s - x[i]
		}
	case k == opDiv && !left:
		for i := range out {
			out[i] = x[i] / s
		}
	default:
		for i := range out {
			out[i] = s / x[i]
		}
	}
}

func arithFunc[T float](k arith) func(x, y T) T {
	switch k {
	case opAdd:
		return add[T]
	case opSub:
		return sub[T]
	case opMul:
		return mul[T]
	}
	return div[T]
}
