package dl

// Elementwise kernels written as loops over whole chunks. The generic
// unary and zip3 call a function value per element, which cannot be
// inlined; for the activations every training step runs (ReLU, LeakyReLU,
// and the Sigmoid and Tanh gradients) that call was a quarter of W5's
// time. Here the function value is called once per goroutine's chunk and
// the loop inside is plain arithmetic.

// chunks2 fills out from a, chunk by chunk on several goroutines for large
// tensors; out and a have the same size.
func chunks2(out, a *Tensor, f32 func(dst, a []float32), f64 func(dst, a []float64)) *Tensor {
	parallelFor(out.Size(), 1, func(lo, hi int) {
		if out.dtype == Float64 {
			f64(out.f64[lo:hi], a.f64[lo:hi])
		} else {
			f32(out.f32[lo:hi], a.f32[lo:hi])
		}
	})
	return out
}

// chunks3 is chunks2 with two inputs.
func chunks3(out, a, b *Tensor, f32 func(dst, a, b []float32), f64 func(dst, a, b []float64)) *Tensor {
	parallelFor(out.Size(), 1, func(lo, hi int) {
		if out.dtype == Float64 {
			f64(out.f64[lo:hi], a.f64[lo:hi], b.f64[lo:hi])
		} else {
			f32(out.f32[lo:hi], a.f32[lo:hi], b.f32[lo:hi])
		}
	})
	return out
}

// leakRow sets dst = x where x > 0, else slope·x.
func leakRow[T float](dst, x []T, slope T) {
	x = x[:len(dst)]
	for i, v := range x {
		if v > 0 {
			dst[i] = v
		} else {
			dst[i] = slope * v
		}
	}
}

// leakGradRow sets dst = g where x > 0, else slope·g.
func leakGradRow[T float](dst, g, x []T, slope T) {
	g, x = g[:len(dst)], x[:len(dst)]
	for i, v := range x {
		if v > 0 {
			dst[i] = g[i]
		} else {
			dst[i] = slope * g[i]
		}
	}
}

// sigmoidGradRow sets dst = g·y·(1-y), the gradient through y = σ(x).
func sigmoidGradRow[T float](dst, g, y []T) {
	g, y = g[:len(dst)], y[:len(dst)]
	for i, v := range y {
		dst[i] = g[i] * v * (1 - v)
	}
}

// tanhGradRow sets dst = g·(1-y²), the gradient through y = tanh(x).
func tanhGradRow[T float](dst, g, y []T) {
	g, y = g[:len(dst)], y[:len(dst)]
	for i, v := range y {
		dst[i] = g[i] * (1 - v*v)
	}
}
