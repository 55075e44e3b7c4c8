package dl

import (
	"math"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// Sigmoid returns 1/(1+e^-x) elementwise, computed without overflow.
func Sigmoid(x *Tensor) *Tensor {
	out := unaryRows(x, vecmath.SigmoidTo, sigmoid[float64])
	y := out.Detach()
	return record("Sigmoid", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{chunks3(emptyUninit(g.dtype, g.shape), g, y, sigmoidGradRow[float32], sigmoidGradRow[float64])}
	})
}

func sigmoid[T float](v T) T {
	if is32[T]() {
		return T(vecmath.Sigmoid(float32(v)))
	}
	if v >= 0 {
		return T(1 / (1 + math.Exp(-float64(v))))
	}
	e := math.Exp(float64(v))
	return T(e / (1 + e))
}

// Tanh returns tanh(x) elementwise.
func Tanh(x *Tensor) *Tensor {
	out := unaryRows(x, vecmath.TanhTo, math.Tanh)
	y := out.Detach()
	return record("Tanh", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{chunks3(emptyUninit(g.dtype, g.shape), g, y, tanhGradRow[float32], tanhGradRow[float64])}
	})
}

// ReLU returns max(x, 0) elementwise; its gradient at 0 is 0.
func ReLU(x *Tensor) *Tensor { return leaky("ReLU", x, 0) }

// LeakyReLU returns x where x > 0 and slope*x elsewhere.
func LeakyReLU(x *Tensor, slope float64) *Tensor { return leaky("LeakyReLU", x, slope) }

func leaky(op string, x *Tensor, slope float64) *Tensor {
	s32 := float32(slope)
	out := chunks2(emptyUninit(x.dtype, x.shape), x,
		func(dst, x []float32) { leakRow(dst, x, s32) },
		func(dst, x []float64) { leakRow(dst, x, slope) })
	xd := x.Detach()
	return record(op, out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{chunks3(emptyUninit(g.dtype, g.shape), g, xd,
			func(dst, g, x []float32) { leakGradRow(dst, g, x, s32) },
			func(dst, g, x []float64) { leakGradRow(dst, g, x, slope) })}
	})
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
	out := emptyUninit(Float32, x.shape)
	cdf := uninit[float32](len(x.f32)) // Φ(x), for backward
	xs := x.f32
	parallelFor(len(xs), 1, func(lo, hi int) { vecmath.GELUTo(out.f32[lo:hi], cdf[lo:hi], xs[lo:hi]) })
	return record("GELU", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := emptyUninit(Float32, x.shape)
		parallelFor(len(xs), 1, func(lo, hi int) {
			vecmath.GELUGradTo(gx.f32[lo:hi], g.f32[lo:hi], xs[lo:hi], cdf[lo:hi])
		})
		return []*Tensor{gx}
	})
}

func gelu[T float](v T) T {
	x := float64(v)
	return T(0.5 * x * (1 + math.Erf(x/math.Sqrt2)))
}

func geluGrad[T float](v T) T {
	x := float64(v)
	cdf := 0.5 * (1 + math.Erf(x/math.Sqrt2))
	pdf := math.Exp(-0.5*x*x) / math.Sqrt(2*math.Pi)
	return T(cdf + x*pdf)
}

// SiLU returns x·sigmoid(x) elementwise (also called swish).
func SiLU(x *Tensor) *Tensor {
	if x.dtype == Float32 {
		return silu32(x)
	}
	out := unary(x, nil, func(v float64) float64 { return v * sigmoid(v) })
	xd := x.Detach()
	return record("SiLU", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd, nil,
			func(g, x, _ float64) float64 { s := sigmoid(x); return g * s * (1 + x*(1-s)) })}
	})
}

// silu32 keeps sigmoid(x) from the forward pass, so the backward pass
// needs no exponential.
func silu32(x *Tensor) *Tensor {
	out := emptyUninit(Float32, x.shape)
	sig := uninit[float32](len(x.f32))
	xs := x.f32
	parallelFor(len(xs), 1, func(lo, hi int) {
		vecmath.SigmoidTo(sig[lo:hi], xs[lo:hi])
		for i := lo; i < hi; i++ {
			out.f32[i] = xs[i] * sig[i]
		}
	})
	return record("SiLU", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := emptyUninit(Float32, x.shape)
		parallelFor(len(xs), 1, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				s, v := sig[i], xs[i]
				gx.f32[i] = g.f32[i] * s * (1 + v*(1-s))
			}
		})
		return []*Tensor{gx}
	})
}
