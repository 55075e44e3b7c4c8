package dl

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The scalar and vector float32 functions are tested against float64 math
// in internal/vecmath; here, the ops that use them.

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

// The float32 activations (vector forward, backward from what the forward
// saved) against the float64 ones, forward and backward.
func TestActivationsFloat32MatchFloat64(t *testing.T) {
	t.Parallel()
	const n = 1<<16 + 5 // large enough to be shared among goroutines, with a tail
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
	for _, op := range []struct {
		name string
		f    func(*Tensor) *Tensor
	}{{"GELU", GELU}, {"Tanh", Tanh}, {"Sigmoid", Sigmoid}, {"SiLU", SiLU}} {
		a := FromFloat32(x32, n).SetRequiresGrad(true)
		b := FromFloat64(x64, n).SetRequiresGrad(true)
		ya, yb := op.f(a), op.f(b)
		ya.BackwardWith(FromFloat32(g32, n))
		yb.BackwardWith(FromFloat64(g64, n))
		for i := range n {
			if d := math.Abs(float64(ya.f32[i]) - yb.f64[i]); d > 2e-6*(1+math.Abs(yb.f64[i])) {
				t.Fatalf("%s(%v): float32 %v, float64 %v", op.name, x32[i], ya.f32[i], yb.f64[i])
			}
			if d := math.Abs(float64(a.grad.f32[i]) - b.grad.f64[i]); d > 4e-6*(1+math.Abs(b.grad.f64[i])) {
				t.Fatalf("%s'(%v)·g: float32 %v, float64 %v", op.name, x32[i], a.grad.f32[i], b.grad.f64[i])
			}
		}
	}
}

// CrossEntropy in float32 (vector exponentials, rows shared among
// goroutines) against float64, loss and gradient, with ignored rows and
// logits far from zero.
func TestCrossEntropyFloat32MatchesFloat64(t *testing.T) {
	t.Parallel()
	const rows, c = 3000, 65
	r := rand.New(rand.NewPCG(5, 6))
	x64 := make([]float64, rows*c)
	ids := make([]int, rows)
	for i := range x64 {
		x64[i] = r.NormFloat64()*4 + 30*float64(i/c%3)
	}
	for i := range ids {
		ids[i] = r.IntN(c)
		if i%17 == 0 {
			ids[i] = -1
		}
	}
	x32 := make([]float32, len(x64))
	for i, v := range x64 {
		x32[i] = float32(v)
		x64[i] = float64(x32[i])
	}
	a := FromFloat32(x32, rows, c).SetRequiresGrad(true)
	b := FromFloat64(x64, rows, c).SetRequiresGrad(true)
	la, lb := CrossEntropy(a, NewInts(ids, rows), -1), CrossEntropy(b, NewInts(ids, rows), -1)
	la.Backward()
	lb.Backward()
	if d := math.Abs(la.Item() - lb.Item()); d > 1e-6*math.Abs(lb.Item()) {
		t.Fatalf("loss: float32 %v, float64 %v", la.Item(), lb.Item())
	}
	for i := range x64 {
		if d := math.Abs(float64(a.grad.f32[i]) - b.grad.f64[i]); d > 1e-9 {
			t.Fatalf("gradient %d: float32 %v, float64 %v", i, a.grad.f32[i], b.grad.f64[i])
		}
	}
}

// Softmax along the last axis in float32 (vecmath.Softmax) against
// float64.
func TestSoftmaxFloat32MatchesFloat64(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(6, 7))
	x := Scale(RandnOf(r, Float64, 100, 70), 8).To(Float32) // logits up to about ±30
	want := Softmax(x.To(Float64), -1).Float64s()
	got := Softmax(x, -1).Float32s()
	for i, w := range want {
		if math.Abs(float64(got[i])-w) > 1e-6*w+1e-9 {
			t.Fatalf("p[%d] = %v, float64 %v", i, got[i], w)
		}
	}
}

// A bias broadcast over many rows gets its gradient from a column sum that
// large tensors split into row blocks on several goroutines (sumRows).
func TestBroadcastRowGradientSumsLargeBatches(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(9, 9))
	for _, dt := range []DType{Float64, Float32} {
		const rows, w = 1001, 257
		x, b := RandnOf(r, dt, rows, w), RandnOf(r, dt, w).SetRequiresGrad(true)
		g := RandnOf(r, dt, rows, w)
		Add(x, b).BackwardWith(g)
		got := b.Grad().To(Float64).Float64s()
		gs := g.To(Float64).Float64s()
		for j := range w {
			var want float64
			for i := range rows {
				want += gs[i*w+j]
			}
			if math.Abs(got[j]-want) > 1e-4*(1+math.Abs(want)) {
				t.Fatalf("%v: column %d sums to %v, want %v", dt, j, got[j], want)
			}
		}
	}
}

// LayerNorm in float32 (the AVX2 row kernel for widths that are multiples
// of 8, the loop otherwise) against float64, forward and backward.
func TestLayerNormFloat32MatchesFloat64(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	for _, c := range []int{64, 12} {
		x := AddScalar(RandnOf(r, Float64, 300, c), 3).To(Float32).To(Float64)
		w, b := RandnOf(r, Float64, c).To(Float32).To(Float64), RandnOf(r, Float64, c).To(Float32).To(Float64)
		g := RandnOf(r, Float64, 300, c).To(Float32).To(Float64)
		run := func(dt DType) (y, gx, gw, gb []float64) {
			xs, ws, bs := x.To(dt).SetRequiresGrad(true), w.To(dt).SetRequiresGrad(true), b.To(dt).SetRequiresGrad(true)
			out := LayerNorm(xs, ws, bs, 1e-5)
			out.BackwardWith(g.To(dt))
			return out.To(Float64).Float64s(), xs.Grad().To(Float64).Float64s(), ws.Grad().To(Float64).Float64s(), bs.Grad().To(Float64).Float64s()
		}
		y32, gx32, gw32, gb32 := run(Float32)
		y64, gx64, gw64, gb64 := run(Float64)
		for _, p := range []struct {
			name      string
			got, want []float64
		}{{"y", y32, y64}, {"dx", gx32, gx64}, {"dw", gw32, gw64}, {"db", gb32, gb64}} {
			for i, want := range p.want {
				if math.Abs(p.got[i]-want) > 1e-5*(1+math.Abs(want)) {
					t.Fatalf("c=%d %s[%d]: float32 %v, float64 %v", c, p.name, i, p.got[i], want)
				}
			}
		}
	}
}
