package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Tests of the row kernels (lstm.go, softmax.go, layernorm.go) and AddTo; the
// elementwise functions are tested in vecmath_test.go.

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
		n := LSTMCellGrad(a, gout, dh, dc, cPrev, dp, h)
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

// A range of hidden units [u0, u0+n) of a row with H = 40: the same
// values as the whole row's kernel gives there, nothing written outside.
func TestLSTMCellGradUnitRange(t *testing.T) {
	if !hasVector {
		t.Skip("no AVX2+FMA")
	}
	const h, u0, n = 40, 8, 16
	r := rand.New(rand.NewPCG(4, 4))
	fill := func(k int) []float32 {
		x := make([]float32, k)
		for i := range x {
			x[i] = r.Float32()
		}
		return x
	}
	a, gout, dh, dc, cPrev := fill(5*h), fill(2*h), fill(h), fill(h), fill(h)
	dcWhole := append([]float32(nil), dc...)
	dpWhole, dp := make([]float32, 4*h), make([]float32, 4*h)
	LSTMCellGrad(a, gout, dh, dcWhole, cPrev, dpWhole, h)
	dcRange := append([]float32(nil), dc...)
	if got := LSTMCellGrad(a[u0:], gout[u0:], dh[u0:u0+n], dcRange[u0:], cPrev[u0:], dp[u0:], h); got != n {
		t.Fatalf("did %d units, want %d", got, n)
	}
	for q := range 4 {
		for j := range h {
			want := float32(0)
			if j >= u0 && j < u0+n {
				want = dpWhole[q*h+j]
			}
			if dp[q*h+j] != want {
				t.Fatalf("dp[%d][%d] = %v, want %v", q, j, dp[q*h+j], want)
			}
		}
	}
	for j := range h {
		want := dc[j]
		if j >= u0 && j < u0+n {
			want = dcWhole[j]
		}
		if dcRange[j] != want {
			t.Fatalf("dc[%d] = %v, want %v", j, dcRange[j], want)
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

// TestAddTo checks the vector add against the scalar loop, bit for bit
// (one float32 addition per element either way), on lengths around the
// 8- and 32-float blocks, with dst longer than src left alone past it.
func TestAddTo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 100 {
		src := make([]float32, n)
		dst := make([]float32, n+3)
		for i := range src {
			src[i] = float32(r.NormFloat64())
		}
		for i := range dst {
			dst[i] = float32(r.NormFloat64())
		}
		want := append([]float32(nil), dst...)
		for i, v := range src {
			want[i] += v
		}
		AddTo(dst, src)
		for i := range dst {
			if dst[i] != want[i] {
				t.Fatalf("AddTo n=%d: at %d got %v, want %v", n, i, dst[i], want[i])
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("AddTo with a short dst did not panic")
		}
	}()
	AddTo(make([]float32, 2), make([]float32, 3))
}

// The LSTM cell's forward kernel (pre-activations a + xp) against the
// scalar Sigmoid and Tanh of scalar.go composed in float64, on whole rows and on a range of units of
// a wider row, with nothing written past the units it reports.
func TestLSTMCell(t *testing.T) {
	if !hasVector {
		t.Skip("no AVX2+FMA")
	}
	defer func() { useAVX512 = hasAVX512 }()
	for _, wide := range []bool{false, true} {
		if wide && !hasAVX512 {
			t.Log("no AVX-512: the sixteen-lane kernel is not tested here")
			continue
		}
		useAVX512 = wide
		testLSTMCell(t)
	}
}

func testLSTMCell(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for _, c := range []struct{ stride, u0, n int }{{8, 0, 8}, {13, 0, 13}, {256, 0, 256}, {40, 8, 17}, {72, 8, 40}, {48, 0, 48}} {
		w := c.stride
		a := make([]float32, 5*w)
		for i := range a {
			a[i] = float32(r.NormFloat64() * 3)
		}
		cPrev, out := make([]float32, w), make([]float32, 2*w)
		for i := range cPrev {
			cPrev[i] = float32(r.NormFloat64())
		}
		xp := make([]float32, 4*w)
		for i := range xp {
			xp[i] = float32(r.NormFloat64())
		}
		a0 := append([]float32(nil), a...)
		done := LSTMCell(a[c.u0:], xp[c.u0:], out[c.u0:], cPrev[c.u0:], w, c.n)
		if done != c.n&^7 {
			t.Fatalf("%+v: did %d units, want %d", c, done, c.n&^7)
		}
		tol := func(got float32, want float64) bool { return math.Abs(float64(got)-want) <= 1e-6*(1+math.Abs(want)) }
		for j := range w {
			in := j >= c.u0 && j < c.u0+done
			if !in {
				for q := range 5 {
					if a[q*w+j] != a0[q*w+j] {
						t.Fatalf("%+v: a[%d][%d] written outside the units done", c, q, j)
					}
				}
				if out[j] != 0 || out[w+j] != 0 {
					t.Fatalf("%+v: out at %d written outside the units done", c, j)
				}
				continue
			}
			ig, fg := float64(Sigmoid(a0[j]+xp[j])), float64(Sigmoid(a0[w+j]+xp[w+j]))
			gg, og := float64(Tanh(a0[2*w+j]+xp[2*w+j])), float64(Sigmoid(a0[3*w+j]+xp[3*w+j]))
			cv := fg*float64(cPrev[j]) + ig*gg
			tc := math.Tanh(cv)
			for q, want := range []float64{ig, fg, gg, og, tc} {
				if !tol(a[q*w+j], want) {
					t.Fatalf("%+v: a[%d][%d] = %v, want %v", c, q, j, a[q*w+j], want)
				}
			}
			if !tol(out[w+j], cv) || !tol(out[j], og*tc) {
				t.Fatalf("%+v: unit %d: c %v h %v, want %v %v", c, j, out[w+j], out[j], cv, og*tc)
			}
		}
	}
}
