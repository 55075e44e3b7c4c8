package vecmath

// useVector selects the AVX2 kernels; tests turn it off to run the scalar
// loops on the same machine.
var useVector = hasVector

// useAVX512 selects the sixteen-lane kernels where there are some; tests
// turn it off to compare them with the AVX2 ones.
var useAVX512 = hasAVX512

// ExpTo sets dst[i] = e^src[i].
func ExpTo(dst, src []float32) { unary("ExpTo", dst, src, expAVX2, Exp) }

// TanhTo sets dst[i] = tanh(src[i]).
func TanhTo(dst, src []float32) { unary("TanhTo", dst, src, tanhAVX2, Tanh) }

// SigmoidTo sets dst[i] = 1/(1+e^-src[i]).
func SigmoidTo(dst, src []float32) { unary("SigmoidTo", dst, src, sigmoidAVX2, Sigmoid) }

// GELUTo sets cdf[i] = Φ(x[i]) and y[i] = x[i]·Φ(x[i]), the exact GELU and
// what its gradient needs.
func GELUTo(y, cdf, x []float32) {
	n := len(x)
	if len(y) < n || len(cdf) < n {
		panic("vecmath: GELUTo: y or cdf shorter than x")
	}
	full := n &^ 7
	if !useVector {
		full = 0
	} else if full > 0 {
		geluAVX2(y[:full], cdf[:full], x[:full])
	}
	if full == n {
		return
	}
	if useVector {
		var xs, ys, cs [8]float32
		copy(xs[:], x[full:n])
		geluAVX2(ys[:], cs[:], xs[:])
		copy(y[full:n], ys[:])
		copy(cdf[full:n], cs[:])
		return
	}
	for i := full; i < n; i++ {
		c := NormCDF(x[i])
		cdf[i], y[i] = c, x[i]*c
	}
}

// GELUGradTo sets gx[i] = g[i]·(Φ(x[i]) + x[i]·φ(x[i])) given cdf[i] = Φ(x[i]):
// the backward pass of GELUTo.
func GELUGradTo(gx, g, x, cdf []float32) {
	n := len(x)
	if len(gx) < n || len(g) < n || len(cdf) < n {
		panic("vecmath: GELUGradTo: gx, g or cdf shorter than x")
	}
	full := n &^ 7
	if !useVector {
		full = 0
	} else if full > 0 {
		geluGradAVX2(gx[:full], g[:full], x[:full], cdf[:full])
	}
	if full == n {
		return
	}
	if useVector {
		var gs, xs, cs, out [8]float32
		copy(gs[:], g[full:n])
		copy(xs[:], x[full:n])
		copy(cs[:], cdf[full:n])
		geluGradAVX2(out[:], gs[:], xs[:], cs[:])
		copy(gx[full:n], out[:])
		return
	}
	for i := full; i < n; i++ {
		gx[i] = g[i] * GELUGrad(x[i], cdf[i])
	}
}

// unary runs vec over the multiple-of-8 prefix and over the tail padded to
// 8 lanes, so every element goes through the same code; without vector
// kernels it loops scalar.
func unary(name string, dst, src []float32, vec func(dst, src []float32), scalar func(float32) float32) {
	n := len(src)
	if len(dst) < n {
		panic("vecmath: " + name + ": dst shorter than src")
	}
	if !useVector {
		for i, v := range src {
			dst[i] = scalar(v)
		}
		return
	}
	full := n &^ 7
	if full > 0 {
		vec(dst[:full], src[:full])
	}
	if full < n {
		var in, out [8]float32
		copy(in[:], src[full:])
		vec(out[:], in[:])
		copy(dst[full:n], out[:])
	}
}

// AddTo adds src into dst: dst[i] += src[i] for i < len(src).
func AddTo(dst, src []float32) {
	n := len(src)
	if len(dst) < n {
		panic("vecmath: AddTo: dst shorter than src")
	}
	full := 0
	if useVector {
		full = n &^ 7
		if full > 0 {
			addAVX2(&dst[0], &src[0], full)
		}
	}
	dst = dst[:n]
	for i := full; i < n; i++ {
		dst[i] += src[i]
	}
}
