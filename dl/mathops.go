package dl

import "math"

// Exp returns e^x elementwise.
func Exp(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return float32(math.Exp(float64(v))) }, math.Exp)
	y := out.Detach()
	return record("Exp", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{Mul(g, y)} })
}

// Log returns the natural logarithm elementwise.
func Log(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return float32(math.Log(float64(v))) }, math.Log)
	xd := x.Detach()
	return record("Log", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{Div(g, xd)} })
}

// Sqrt returns the square root elementwise.
func Sqrt(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return float32(math.Sqrt(float64(v))) }, math.Sqrt)
	y := out.Detach()
	return record("Sqrt", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{Div(Scale(g, 0.5), y)}
	})
}

// Abs returns |x| elementwise; its gradient at 0 is 0.
func Abs(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return float32(math.Abs(float64(v))) }, math.Abs)
	xd := x.Detach()
	return record("Abs", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd, func(g, x, _ float32) float32 { return g * sign(x) }, func(g, x, _ float64) float64 { return g * sign(x) })}
	})
}

func sign[T float](v T) T {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// Pow returns x^p elementwise for a constant exponent p.
func Pow(x *Tensor, p float64) *Tensor {
	out := unary(x, func(v float32) float32 { return float32(math.Pow(float64(v), p)) }, func(v float64) float64 { return math.Pow(v, p) })
	xd := x.Detach()
	return record("Pow", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd,
			func(g, x, _ float32) float32 { return g * float32(p*math.Pow(float64(x), p-1)) },
			func(g, x, _ float64) float64 { return g * p * math.Pow(x, p-1) })}
	})
}

// Square returns x² elementwise.
func Square(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return v * v }, func(v float64) float64 { return v * v })
	xd := x.Detach()
	return record("Square", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{Mul(Scale(g, 2), xd)} })
}

// Clamp limits x to [lo, hi] elementwise; the gradient is zero where the
// value was clamped.
func Clamp(x *Tensor, lo, hi float64) *Tensor {
	if lo > hi {
		panicf("Clamp", []*Tensor{x}, "lo %v > hi %v", lo, hi)
	}
	l32, h32 := float32(lo), float32(hi)
	out := unary(x, func(v float32) float32 { return min(max(v, l32), h32) }, func(v float64) float64 { return min(max(v, lo), hi) })
	xd := x.Detach()
	return record("Clamp", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		return []*Tensor{zip3(g, xd, xd,
			func(g, x, _ float32) float32 { return inside(g, x, l32, h32) },
			func(g, x, _ float64) float64 { return inside(g, x, lo, hi) })}
	})
}

func inside[T float](g, x, lo, hi T) T {
	if x < lo || x > hi {
		return 0
	}
	return g
}
