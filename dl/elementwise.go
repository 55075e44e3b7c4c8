package dl

// Elementwise machinery shared by the arithmetic and activation ops. The
// kernels are generic over float32 and float64; each op picks its two
// instantiations once, so the dtype dispatch costs one branch per op.

type float interface{ ~float32 | ~float64 }

// binary computes f(a, b) elementwise with broadcasting.
func binary(op string, a, b *Tensor, f32 func(x, y float32) float32, f64 func(x, y float64) float64) *Tensor {
	sameDType(op, a, b)
	shape := broadcastShape(op, a, b)
	out := emptyUninit(a.dtype, shape)
	if a.dtype == Float64 {
		binaryLoop(a.f64, b.f64, out.f64, a.shape, b.shape, shape, f64)
	} else {
		binaryLoop(a.f32, b.f32, out.f32, a.shape, b.shape, shape, f32)
	}
	return out
}

func binaryLoop[T float](a, b, out []T, sa, sb, so []int, f func(x, y T) T) {
	switch {
	case len(a) == len(out) && len(b) == len(out):
		for i := range out {
			out[i] = f(a[i], b[i])
		}
	case len(a) == len(out) && len(b) == 1:
		y := b[0]
		for i := range out {
			out[i] = f(a[i], y)
		}
	default:
		broadcastIndex(so, broadcastStrides(sa, so), broadcastStrides(sb, so), func(o, i, j int) {
			out[o] = f(a[i], b[j])
		})
	}
}

// unary computes f(x) elementwise into a new tensor, on several
// goroutines for large tensors.
func unary(x *Tensor, f32 func(float32) float32, f64 func(float64) float64) *Tensor {
	out := emptyUninit(x.dtype, x.shape)
	parallelFor(x.Size(), 1, func(lo, hi int) {
		if x.dtype == Float64 {
			for i, v := range x.f64[lo:hi] {
				out.f64[lo+i] = f64(v)
			}
		} else {
			for i, v := range x.f32[lo:hi] {
				out.f32[lo+i] = f32(v)
			}
		}
	})
	return out
}

// unaryRows is unary for a float32 kernel that works on whole slices
// (internal/vecmath's AVX2 functions): each goroutine's chunk goes through
// vec32 in one call.
func unaryRows(x *Tensor, vec32 func(dst, src []float32), f64 func(float64) float64) *Tensor {
	if x.dtype == Float64 {
		return unary(x, nil, f64)
	}
	out := emptyUninit(x.dtype, x.shape)
	parallelFor(x.Size(), 1, func(lo, hi int) { vec32(out.f32[lo:hi], x.f32[lo:hi]) })
	return out
}

// zip3 computes f(g, x, y) elementwise over same-shape tensors: the shape of
// most unary backward passes (g times a derivative depending on the input x
// and the output y). Large tensors are shared out among goroutines.
func zip3(g, x, y *Tensor, f32 func(g, x, y float32) float32, f64 func(g, x, y float64) float64) *Tensor {
	out := emptyUninit(g.dtype, g.shape)
	parallelFor(g.Size(), 1, func(lo, hi int) {
		if g.dtype == Float64 {
			for i := lo; i < hi; i++ {
				out.f64[i] = f64(g.f64[i], x.f64[i], y.f64[i])
			}
		} else {
			for i := lo; i < hi; i++ {
				out.f32[i] = f32(g.f32[i], x.f32[i], y.f32[i])
			}
		}
	})
	return out
}

func add[T float](x, y T) T { return x + y }
func sub[T float](x, y T) T { return x - y }
func mul[T float](x, y T) T { return x * y }
func div[T float](x, y T) T { return x / y }
