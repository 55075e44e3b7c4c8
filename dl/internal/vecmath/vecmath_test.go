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

// The LSTM cell gradient kernel against its formulas in float64, for rows
// of several widths (the caller finishes tails the kernel leaves).
func TestLSTMCellGrad(t *testing.T) {
	if !hasVector {
		t.Skip("no AVX2+FMA")
	}
	r := rand.New(rand.NewPCG(3, 3))
	for _, h := range []int{8, 16, 13, 256} {
		fill := func(n int, lo, hi float64) []float32 {
			x := make([]float32, n)
			for i := range x {
				x[i] = float32(lo + (hi-lo)*r.Float64())
			}
			return x
		}
		a := fill(5*h, 0, 1)
		for j := 2 * h; j < 3*h; j++ {
			a[j] = 2*a[j] - 1 // g = tanh(·) in (-1, 1)
		}
		gout, dh, dc, cPrev := fill(2*h, -1, 1), fill(h, -1, 1), fill(h, -1, 1), fill(h, -2, 2)
		dc0 := append([]float32(nil), dc...)
		dp := make([]float32, 4*h)
		n := LSTMCellGrad(a, gout, dh, dc, cPrev, dp)
		if n != h&^7 {
			t.Fatalf("h=%d: kernel did %d elements, want %d", h, n, h&^7)
		}
		for j := range n {
			i, f, g, o, tc := float64(a[j]), float64(a[h+j]), float64(a[2*h+j]), float64(a[3*h+j]), float64(a[4*h+j])
			dhv := float64(gout[j]) + float64(dh[j])
			dcv := float64(gout[h+j]) + float64(dc0[j]) + dhv*o*(1-tc*tc)
			want := []float64{dcv * g * i * (1 - i), dcv * float64(cPrev[j]) * f * (1 - f), dcv * i * (1 - g*g), dhv * tc * o * (1 - o)}
			for q, w := range want {
				if got := float64(dp[q*h+j]); math.Abs(got-w) > 1e-6*(1+math.Abs(w)) {
					t.Fatalf("h=%d: dp[%d][%d] = %v, want %v", h, q, j, got, w)
				}
			}
			if got, w := float64(dc[j]), dcv*f; math.Abs(got-w) > 1e-6*(1+math.Abs(w)) {
				t.Fatalf("h=%d: dc[%d] = %v, want %v", h, j, got, w)
			}
		}
		for j := n; j < h; j++ {
			if dp[j] != 0 || dc[j] != dc0[j] {
				t.Fatalf("h=%d: element %d beyond the kernel's %d was written", h, j, n)
			}
		}
	}
}

// Softmax against float64 on both paths, every length up to 70 (all
// tails) and a long row, in place and not, with large logits.
func TestSoftmax(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, vector := range paths(t) {
		useVector = vector
		for _, n := range append(rangeN(71), 1000) {
			x := make([]float32, n)
			for i := range x {
				x[i] = float32(r.NormFloat64()*5 + 40)
			}
			m := math.Inf(-1)
			for _, v := range x {
				m = math.Max(m, float64(v))
			}
			var s float64
			for _, v := range x {
				s += math.Exp(float64(v) - m)
			}
			for _, inPlace := range []bool{false, true} {
				dst := make([]float32, n)
				src := x
				if inPlace {
					src = append([]float32(nil), x...)
					dst = src
				}
				lse := Softmax(dst, src)
				if n == 0 {
					if !math.IsInf(float64(lse), -1) {
						t.Fatalf("%s: empty row gives %v, want -Inf", pathName(vector), lse)
					}
					continue
				}
				if want := m + math.Log(s); math.Abs(lse-want) > 1e-6*math.Abs(want) {
					t.Fatalf("%s n=%d: log-sum-exp %v, want %v", pathName(vector), n, lse, want)
				}
				for i, v := range x {
					want := math.Exp(float64(v)-m) / s
					if math.Abs(float64(dst[i])-want) > 1e-6*want+1e-9 {
						t.Fatalf("%s n=%d in place %v: p[%d] = %v, want %v", pathName(vector), n, inPlace, i, dst[i], want)
					}
				}
			}
		}
		nan := []float32{1, 2, float32(math.NaN()), 4, 5, 6, 7, 8, 9}
		if lse := Softmax(nan, nan); lse == lse {
			t.Fatalf("%s: a row with NaN gives log-sum-exp %v, want NaN", pathName(vector), lse)
		}
	}
	useVector = hasVector
}

func rangeN(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// LayerNormRow against float64 for several widths, a large offset and
// small variance (the centred second pass matters there).
func TestLayerNormRow(t *testing.T) {
	if !hasVector {
		t.Skip("no AVX2+FMA")
	}
	r := rand.New(rand.NewPCG(5, 5))
	for _, c := range []int{8, 16, 128, 520} {
		for _, offset := range []float64{0, 1e4} {
			x, w, b := make([]float32, c), make([]float32, c), make([]float32, c)
			for i := range x {
				x[i] = float32(offset + r.NormFloat64())
				w[i], b[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
			}
			var s, ss float64
			for _, v := range x {
				s += float64(v)
			}
			m := s / float64(c)
			for _, v := range x {
				ss += (float64(v) - m) * (float64(v) - m)
			}
			rs := 1 / math.Sqrt(ss/float64(c)+1e-5)
			out := make([]float32, c)
			mean, rstd, ok := LayerNormRow(x, w, b, out, 1e-5)
			if !ok {
				t.Fatalf("c=%d: kernel did not run", c)
			}
			if math.Abs(mean-m) > 1e-12*(1+math.Abs(m)) || math.Abs(rstd-rs) > 1e-10*rs {
				t.Fatalf("c=%d offset %v: mean %v rstd %v, want %v %v", c, offset, mean, rstd, m, rs)
			}
			for i, v := range x {
				want := (float64(v)-m)*rs*float64(w[i]) + float64(b[i])
				if math.Abs(float64(out[i])-want) > 2e-6*(1+math.Abs(want)) {
					t.Fatalf("c=%d offset %v: out[%d] = %v, want %v", c, offset, i, out[i], want)
				}
			}
		}
	}
	if _, _, ok := LayerNormRow(make([]float32, 12), make([]float32, 12), make([]float32, 12), make([]float32, 12), 1e-5); ok {
		t.Fatal("a row of 12 must be left to the caller")
	}
}
