package dl

import "math"

// Sigmoid returns 1/(1+e^-x) elementwise, computed without overflow.
func Sigmoid(x *Tensor) *Tensor {
	out := unary(x, sigmoid[float32], sigmoid[float64])
	y := out.Detach()
	return record("Sigmoid", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, y, y,
			func(g, y, _ float32) float32 { return g * y * (1 - y) },
			func(g, y, _ float64) float64 { return g * y * (1 - y) })}
	})
}

func sigmoid[T float](v T) T {
	if is32[T]() {
		return T(sigmoid32(float32(v)))
	}
	if v >= 0 {
		return T(1 / (1 + math.Exp(-float64(v))))
	}
	e := math.Exp(float64(v))
	return T(e / (1 + e))
}

// Tanh returns tanh(x) elementwise.
func Tanh(x *Tensor) *Tensor {
	out := unary(x, tanh32, math.Tanh)
	y := out.Detach()
	return record("Tanh", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, y, y,
			func(g, y, _ float32) float32 { return g * (1 - y*y) },
			func(g, y, _ float64) float64 { return g * (1 - y*y) })}
	})
}

// ReLU returns max(x, 0) elementwise; its gradient at 0 is 0.
func ReLU(x *Tensor) *Tensor { return leaky("ReLU", x, 0) }

// LeakyReLU returns x where x > 0 and slope*x elsewhere.
func LeakyReLU(x *Tensor, slope float64) *Tensor { return leaky("LeakyReLU", x, slope) }

func leaky(op string, x *Tensor, slope float64) *Tensor {
	s32 := float32(slope)
	out := unary(x, func(v float32) float32 { return leak(v, s32) }, func(v float64) float64 { return leak(v, slope) })
	xd := x.Detach()
	return record(op, out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd,
			func(g, x, _ float32) float32 { return leakGrad(g, x, s32) },
			func(g, x, _ float64) float64 { return leakGrad(g, x, slope) })}
	})
}

func leak[T float](v, slope T) T {
	if v > 0 {
		return v
	}
	return slope * v
}

func leakGrad[T float](g, x, slope T) T {
	if x > 0 {
		return g
	}
	return slope * g
}

// GELU returns x·Φ(x) elementwise with the exact Gaussian CDF Φ, as
// PyTorch's default nn.GELU.
//
// For float32 the forward pass keeps Φ(x) for the backward pass, which
// then needs one exponential per element for the density.
func GELU(x *Tensor) *Tensor {
	if x.dtype == Float32 {
		return gelu32(x)
	}
	out := unary(x, gelu[float32], gelu[float64])
	xd := x.Detach()
	return record("GELU", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd,
			func(g, x, _ float32) float32 { return g * geluGrad(x) },
			func(g, x, _ float64) float64 { return g * geluGrad(x) })}
	})
}

func gelu32(x *Tensor) *Tensor {
	out := empty(Float32, x.shape)
	cdf := make([]float32, len(x.f32)) // Φ(x), for backward
	xs := x.f32
	parallelFor(len(xs), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := normCDF32(xs[i])
			cdf[i], out.f32[i] = c, xs[i]*c
		}
	})
	return record("GELU", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(Float32, x.shape)
		parallelFor(len(xs), 1, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				v := xs[i]
				gx.f32[i] = g.f32[i] * (cdf[i] + v*exp32(-0.5*v*v)*invSqrt2Pi)
			}
		})
		return []*Tensor{gx}
	})
}

func gelu[T float](v T) T {
	x := float64(v)
	return T(0.5 * x * (1 + math.Erf(x/math.Sqrt2)))
}

// invSqrt2Pi is 1/√(2π), the standard normal density's constant.
const invSqrt2Pi = 0.3989422804014327

func geluGrad[T float](v T) T {
	x := float64(v)
	cdf := 0.5 * (1 + math.Erf(x/math.Sqrt2))
	pdf := math.Exp(-0.5*x*x) / math.Sqrt(2*math.Pi)
	return T(cdf + x*pdf)
}

// SiLU returns x·sigmoid(x) elementwise (also called swish).
func SiLU(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return v * sigmoid(v) }, func(v float64) float64 { return v * sigmoid(v) })
	xd := x.Detach()
	return record("SiLU", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd,
			func(g, x, _ float32) float32 { s := sigmoid(x); return g * s * (1 + x*(1-s)) },
			func(g, x, _ float64) float64 { s := sigmoid(x); return g * s * (1 + x*(1-s)) })}
	})
}
