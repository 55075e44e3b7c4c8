package dl

import (
	"math"
	"testing"
)

// The float32 functions against the float64 math package, swept densely
// over the range where their results are normal float32 numbers, with a
// relative tolerance of a few float32 ulps (one ulp is 6e-8 relative).
func TestFastMathAccuracy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		f      func(float32) float32
		ref    func(float64) float64
		lo, hi float64
		rel    float64
		abs    float64
	}{
		{"exp32", exp32, math.Exp, -87, 88.7, 3e-7, 0},
		{"tanh32", tanh32, math.Tanh, -12, 12, 3e-7, 0},
		{"sigmoid32", sigmoid32, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, -85, 30, 4e-7, 0},
		// erfc(x) = t·e^{-x²+p(t)}: the float32 rounding of x² (relative
		// 6e-8, times x² up to 81) dominates in the far tail
		{"erfc32", erfc32, math.Erfc, -6, 3, 1.5e-6, 0},
		{"normCDF32", normCDF32, func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }, -8, 8, 3e-6, 1e-7},
		{"erfc32 tail", erfc32, math.Erfc, 3, 9, 1e-5, 0},
	}
	for _, c := range cases {
		const n = 200001
		worst, at := 0.0, 0.0
		for i := range n {
			x := float32(c.lo + (c.hi-c.lo)*float64(i)/(n-1))
			want := c.ref(float64(x))
			got := float64(c.f(x))
			err := math.Abs(got - want)
			if err <= c.abs {
				continue
			}
			if r := err / math.Abs(want); r > worst {
				worst, at = r, float64(x)
			}
		}
		if worst > c.rel {
			t.Errorf("%s: relative error %.3g at x = %v, want <= %.3g", c.name, worst, at, c.rel)
		}
	}
}

func TestFastMathSpecialValues(t *testing.T) {
	t.Parallel()
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	check := func(name string, got, want float32) {
		if !(got == want || (got != got && want != want)) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("exp32(+Inf)", exp32(inf), inf)
	check("exp32(-Inf)", exp32(-inf), 0)
	check("exp32(NaN)", exp32(nan), nan)
	check("exp32(0)", exp32(0), 1)
	check("exp32(-100) subnormal", exp32(-100), float32(math.Exp(-100)))
	check("tanh32(+Inf)", tanh32(inf), 1)
	check("tanh32(-Inf)", tanh32(-inf), -1)
	check("tanh32(NaN)", tanh32(nan), nan)
	check("tanh32(0)", tanh32(0), 0)
	check("sigmoid32(+Inf)", sigmoid32(inf), 1)
	check("sigmoid32(-Inf)", sigmoid32(-inf), 0)
	check("sigmoid32(-200)", sigmoid32(-200), 0)
	check("erfc32(+Inf)", erfc32(inf), 0)
	check("erfc32(-Inf)", erfc32(-inf), 2)
}

func BenchmarkTanh32(b *testing.B) {
	x := make([]float32, 4096)
	for i := range x {
		x[i] = float32(i-2048) / 512
	}
	b.Run("tanh32", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				x[i] = tanh32(v) * 3
			}
		}
	})
	b.Run("math.Tanh", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				x[i] = float32(math.Tanh(float64(v))) * 3
			}
		}
	})
}

// The ops that use the float32 functions, forward and backward, on a
// W4-sized activation ([32·64, 512]).
func BenchmarkActivationOps(b *testing.B) {
	for _, op := range []struct {
		name string
		f    func(*Tensor) *Tensor
	}{{"GELU", GELU}, {"Tanh", Tanh}, {"Sigmoid", Sigmoid}, {"SiLU", SiLU}} {
		b.Run(op.name, func(b *testing.B) {
			x := FromFloat32(make([]float32, 2048*512), 2048, 512).SetRequiresGrad(true)
			for i := range x.f32 {
				x.f32[i] = float32(i%1000-500) / 100
			}
			for b.Loop() {
				Sum(op.f(x)).Backward()
			}
		})
	}
}

// The float32 GELU (forward with the fast normal CDF, backward from the
// saved CDF) against the float64 one.
func TestGELUFloat32MatchesFloat64(t *testing.T) {
	t.Parallel()
	const n = 1 << 16 // large enough to be shared among goroutines
	x32 := make([]float32, n)
	for i := range x32 {
		x32[i] = float32(i-n/2) / 4096 // [-8, 8)
	}
	x64 := make([]float64, n)
	g32, g64 := make([]float32, n), make([]float64, n)
	for i, v := range x32 {
		x64[i] = float64(v)
		g32[i], g64[i] = float32(i%7)-3, float64(i%7)-3
	}
	a := FromFloat32(x32, n).SetRequiresGrad(true)
	b := FromFloat64(x64, n).SetRequiresGrad(true)
	ya, yb := GELU(a), GELU(b)
	ya.BackwardWith(FromFloat32(g32, n))
	yb.BackwardWith(FromFloat64(g64, n))
	for i := range n {
		if d := math.Abs(float64(ya.f32[i]) - yb.f64[i]); d > 2e-6*(1+math.Abs(yb.f64[i])) {
			t.Fatalf("GELU(%v): float32 %v, float64 %v", x32[i], ya.f32[i], yb.f64[i])
		}
		if d := math.Abs(float64(a.grad.f32[i]) - b.grad.f64[i]); d > 4e-6*(1+math.Abs(b.grad.f64[i])) {
			t.Fatalf("GELU'(%v)·g: float32 %v, float64 %v", x32[i], a.grad.f32[i], b.grad.f64[i])
		}
	}
}
