package dl

import (
	"math"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// Softmax and LogSoftmax normalise along one axis. Both subtract the row
// maximum before exponentiating, so large logits do not overflow. The
// kernels view the tensor as [outer, n, inner] around the axis and run on
// the raw slices of either dtype; sums are kept in float64, except for
// float32 rows along the last axis, which go through vecmath.Softmax
// (float32 lanes, eight at a time).

// Softmax returns exp(x) / sum(exp(x)) along axis.
func Softmax(x *Tensor, axis int) *Tensor {
	axis = x.axis("Softmax", axis)
	out := ZerosLike(x)
	outer, n, inner := splitAt(x.shape, axis)
	if x.dtype == Float64 {
		softmaxRows(x.f64, out.f64, outer, n, inner, false)
	} else {
		softmaxRows(x.f32, out.f32, outer, n, inner, false)
	}
	y := out.Detach()
	return record("Softmax", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		// dx = y ⊙ (g - Σ g⊙y)
		gx := ZerosLike(g)
		if g.dtype == Float64 {
			softmaxGrad(g.f64, y.f64, gx.f64, outer, n, inner, false)
		} else {
			softmaxGrad(g.f32, y.f32, gx.f32, outer, n, inner, false)
		}
		return []*Tensor{gx}
	})
}

// LogSoftmax returns x - log(sum(exp(x))) along axis.
func LogSoftmax(x *Tensor, axis int) *Tensor {
	axis = x.axis("LogSoftmax", axis)
	out := ZerosLike(x)
	outer, n, inner := splitAt(x.shape, axis)
	if x.dtype == Float64 {
		softmaxRows(x.f64, out.f64, outer, n, inner, true)
	} else {
		softmaxRows(x.f32, out.f32, outer, n, inner, true)
	}
	y := out.Detach()
	return record("LogSoftmax", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		// dx = g - softmax ⊙ Σ g
		gx := ZerosLike(g)
		if g.dtype == Float64 {
			softmaxGrad(g.f64, y.f64, gx.f64, outer, n, inner, true)
		} else {
			softmaxGrad(g.f32, y.f32, gx.f32, outer, n, inner, true)
		}
		return []*Tensor{gx}
	})
}

// softmaxRows writes softmax (or log-softmax when log) of every line of x
// along the middle axis of [outer, n, inner] into out.
func softmaxRows[T float](x, out []T, outer, n, inner int, log bool) {
	if is32[T]() && inner == 1 && !log { // contiguous float32 rows: vector kernel
		parallelFor(outer, 4*n, func(lo, hi int) {
			for o := lo; o < hi; o++ {
				vecmath.Softmax(as32(out[o*n:(o+1)*n]), as32(x[o*n:(o+1)*n]))
			}
		})
		return
	}
	for o := range outer {
		for in := range inner {
			base := o*n*inner + in
			m := math.Inf(-1)
			for j := range n {
				m = math.Max(m, float64(x[base+j*inner]))
			}
			var s float64
			for j := range n {
				e := math.Exp(float64(x[base+j*inner]) - m)
				if !log {
					out[base+j*inner] = T(e)
				}
				s += e
			}
			if log {
				lse := m + math.Log(s)
				for j := range n {
					out[base+j*inner] = T(float64(x[base+j*inner]) - lse)
				}
				continue
			}
			inv := 1 / s
			for j := range n {
				out[base+j*inner] = T(float64(out[base+j*inner]) * inv)
			}
		}
	}
}

// softmaxGrad is the backward of softmaxRows given its output y.
func softmaxGrad[T float](g, y, gx []T, outer, n, inner int, log bool) {
	for o := range outer {
		for in := range inner {
			base := o*n*inner + in
			var s float64 // Σ g⊙y for softmax, Σ g for log-softmax
			for j := range n {
				k := base + j*inner
				if log {
					s += float64(g[k])
				} else {
					s += float64(g[k]) * float64(y[k])
				}
			}
			for j := range n {
				k := base + j*inner
				if log {
					gx[k] = T(float64(g[k]) - math.Exp(float64(y[k]))*s)
				} else {
					gx[k] = T(float64(y[k]) * (float64(g[k]) - s))
				}
			}
		}
	}
}

// splitAt views shape as [outer, n, inner] around axis.
func splitAt(shape []int, axis int) (outer, n, inner int) {
	outer, inner = 1, 1
	for _, d := range shape[:axis] {
		outer *= d
	}
	for _, d := range shape[axis+1:] {
		inner *= d
	}
	return outer, shape[axis], inner
}
