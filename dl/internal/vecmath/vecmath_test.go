package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// paths are the two implementations: the scalar loop and, where the CPU
// has AVX2 and FMA, the assembly. Tests that switch useVector do not run in
// parallel.
func paths(t *testing.T) []bool {
	if hasVector {
		return []bool{false, true}
	}
	t.Log("no AVX2+FMA here: only the scalar path runs")
	return []bool{false}
}

func pathName(vector bool) string {
	if vector {
		return "avx2"
	}
	return "scalar"
}

// sliceFuncs wraps every function as func(dst, src) for the sweeps; the
// GELU pair is checked through its outputs.
var sliceFuncs = []struct {
	name string
	f    func(dst, src []float32)
	ref  func(float64) float64
	lo   float64
	hi   float64
	rel  float64
	abs  float64
}{
	{"Exp", ExpTo, math.Exp, -87, 88.7, 3e-7, 0},
	{"Tanh", TanhTo, math.Tanh, -12, 12, 3e-7, 0},
	{"Sigmoid", SigmoidTo, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, -85, 30, 4e-7, 0},
	{"GELU.cdf", func(dst, src []float32) { GELUTo(make([]float32, len(src)), dst, src) },
		func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }, -8, 8, 3e-6, 1e-7},
	{"GELU.y", func(dst, src []float32) { GELUTo(dst, make([]float32, len(src)), src) },
		func(x float64) float64 { return x * 0.5 * math.Erfc(-x/math.Sqrt2) }, -8, 8, 3e-6, 1e-7},
	{"GELUGrad", func(dst, src []float32) {
		cdf := make([]float32, len(src))
		GELUTo(make([]float32, len(src)), cdf, src)
		g := make([]float32, len(src))
		for i := range g {
			g[i] = 1
		}
		GELUGradTo(dst, g, src, cdf)
	}, func(x float64) float64 {
		return 0.5*math.Erfc(-x/math.Sqrt2) + x*math.Exp(-0.5*x*x)/math.Sqrt(2*math.Pi)
	}, -8, 8, 3e-6, 2e-7},
}

// Every function on both paths against float64 math, swept densely over
// the range where the results are normal floats, with a relative tolerance
// of a few float32 ulps (one ulp is 6e-8 relative).
func TestAccuracy(t *testing.T) {
	for _, vector := range paths(t) {
		useVector = vector
		for _, c := range sliceFuncs {
			const n = 200001
			xs := make([]float32, n)
			for i := range xs {
				xs[i] = float32(c.lo + (c.hi-c.lo)*float64(i)/(n-1))
			}
			got := make([]float32, n)
			c.f(got, xs)
			worst, at := 0.0, 0.0
			for i, x := range xs {
				want := c.ref(float64(x))
				err := math.Abs(float64(got[i]) - want)
				if err <= c.abs {
					continue
				}
				if r := err / math.Abs(want); r > worst {
					worst, at = r, float64(x)
				}
			}
			if worst > c.rel {
				t.Errorf("%s %s: relative error %.3g at x = %v, want <= %.3g", pathName(vector), c.name, worst, at, c.rel)
			}
		}
	}
	useVector = hasVector
}

// The scalar functions alone, including Erfc's far tail.
func TestScalarAccuracy(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		f      func(float32) float32
		ref    func(float64) float64
		lo, hi float64
		rel    float64
	}{
		// erfc(x) = t·e^{-x²+p(t)}: the float32 rounding of x² (relative
		// 6e-8, times x² up to 81) dominates in the far tail
		{"Erfc", Erfc, math.Erfc, -6, 3, 1.5e-6},
		{"Erfc tail", Erfc, math.Erfc, 3, 9, 1e-5},
	} {
		const n = 200001
		worst, at := 0.0, 0.0
		for i := range n {
			x := float32(c.lo + (c.hi-c.lo)*float64(i)/(n-1))
			want := c.ref(float64(x))
			if r := math.Abs(float64(c.f(x))-want) / math.Abs(want); r > worst {
				worst, at = r, float64(x)
			}
		}
		if worst > c.rel {
			t.Errorf("%s: relative error %.3g at x = %v, want <= %.3g", c.name, worst, at, c.rel)
		}
	}
}

// Infinities, NaN, zero and the clamps, on both paths.
func TestSpecialValues(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	for _, vector := range paths(t) {
		useVector = vector
		one := func(f func(dst, src []float32), x float32) float32 {
			d := []float32{0}
			f(d, []float32{x})
			return d[0]
		}
		check := func(name string, got, want float32) {
			if !(got == want || (got != got && want != want)) {
				t.Errorf("%s %s = %v, want %v", pathName(vector), name, got, want)
			}
		}
		check("Exp(+Inf)", one(ExpTo, inf), inf)
		check("Exp(-Inf)", one(ExpTo, -inf), 0)
		check("Exp(NaN)", one(ExpTo, nan), nan)
		check("Exp(0)", one(ExpTo, 0), 1)
		check("Exp(89)", one(ExpTo, 89), inf)
		check("Tanh(+Inf)", one(TanhTo, inf), 1)
		check("Tanh(-Inf)", one(TanhTo, -inf), -1)
		check("Tanh(NaN)", one(TanhTo, nan), nan)
		check("Tanh(0)", one(TanhTo, 0), 0)
		check("Tanh(20)", one(TanhTo, 20), 1)
		check("Sigmoid(+Inf)", one(SigmoidTo, inf), 1)
		check("Sigmoid(-Inf)", one(SigmoidTo, -inf), 0)
		check("Sigmoid(-200)", one(SigmoidTo, -200), 0)
		check("Sigmoid(NaN)", one(SigmoidTo, nan), nan)
		cdf := func(x float32) float32 {
			y, c := []float32{0}, []float32{0}
			GELUTo(y, c, []float32{x})
			return c[0]
		}
		check("Φ(+Inf)", cdf(inf), 1)
		check("Φ(-Inf)", cdf(-inf), 0)
		check("Φ(NaN)", cdf(nan), nan)
		check("Φ(0)", cdf(0), 0.5)
	}
	useVector = hasVector
	if got, want := Exp(-100), float32(math.Exp(-100)); got != want {
		t.Errorf("scalar Exp(-100) = %v, want the subnormal %v", got, want)
	}
	if got := Erfc(inf); got != 0 {
		t.Errorf("Erfc(+Inf) = %v, want 0", got)
	}
	if got := Erfc(-inf); got != 2 {
		t.Errorf("Erfc(-Inf) = %v, want 2", got)
	}
}

// The assembly against the scalar loop on random inputs of every length up
// to 40 (so every tail size), in place and not: within 4 ulps, or 1e-7
// absolute near zero crossings and deep in the tails.
func TestVectorMatchesScalar(t *testing.T) {
	if !hasVector {
		t.Skip("no AVX2+FMA")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range sliceFuncs {
		for n := range 41 {
			x := make([]float32, n)
			for i := range x {
				x[i] = float32(r.NormFloat64() * 4)
			}
			compareOn(t, c.name, c.f, x)
		}
	}
}

func compareOn(t *testing.T, name string, f func(dst, src []float32), x []float32) {
	t.Helper()
	want, got := make([]float32, len(x)), make([]float32, len(x))
	useVector = false
	f(want, x)
	useVector = true
	f(got, x)
	inPlace := append([]float32(nil), x...)
	f(inPlace, inPlace)
	for i := range x {
		if !close32(got[i], want[i]) || !close32(inPlace[i], want[i]) {
			t.Fatalf("%s(%v) at %d of %d: avx2 %v (in place %v), scalar %v", name, x[i], i, len(x), got[i], inPlace[i], want[i])
		}
	}
}

func close32(a, b float32) bool {
	if a == b || a != a || b != b {
		return a == b || (a != a && b != b)
	}
	d := math.Abs(float64(a) - float64(b))
	return d <= 1e-7 || d <= 4*6e-8*math.Abs(float64(b))
}

// FuzzVectorMatchesScalar feeds arbitrary float32 bit patterns, NaNs and
// infinities included, to both paths.
func FuzzVectorMatchesScalar(f *testing.F) {
	if !hasVector {
		f.Skip("no AVX2+FMA")
	}
	f.Add(uint32(0x3f800000), uint32(0xff800000), uint32(0x7fc00000), uint8(9))
	f.Add(uint32(0x42b20000), uint32(0xc2d00000), uint32(0x00000001), uint8(3))
	f.Fuzz(func(t *testing.T, a, b, c uint32, n uint8) {
		x := make([]float32, int(n%24)+1)
		for i := range x {
			x[i] = math.Float32frombits([]uint32{a, b, c}[i%3] + uint32(i))
		}
		for _, fn := range sliceFuncs {
			compareOn(t, fn.name, fn.f, x)
		}
		useVector = hasVector
	})
}
