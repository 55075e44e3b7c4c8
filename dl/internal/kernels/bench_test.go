package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchShapes are the products of the speed issue: W1's first layer
// (batch 64, 784 inputs, 256 outputs) and squares.
var benchShapes = []struct{ m, n, k int }{
	{64, 256, 784}, {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024},
}

func benchGemm(b *testing.B, g *geometry[float32], threads int, transA, transB bool, m, n, k int) {
	r := rand.New(rand.NewPCG(1, 1))
	x := make([]float32, m*k)
	y := make([]float32, k*n)
	for i := range x {
		x[i] = r.Float32()
	}
	for i := range y {
		y[i] = r.Float32()
	}
	c := make([]float32, m*n)
	lda, ldb := k, n
	if transA {
		lda = m
	}
	if transB {
		ldb = k
	}
	o := operands[float32]{transA: transA, transB: transB, m: m, n: n, k: k,
		alpha: 1, a: x, lda: lda, b: y, ldb: ldb, c: c, ldc: n}
	run(g, "Sgemm", &o, 0, threads) // warm the buffer pool
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for b.Loop() {
		run(g, "Sgemm", &o, 0, threads)
	}
	flops := 2 * float64(m) * float64(n) * float64(k) * float64(b.N)
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	// Work per CPU-second: on a shared machine the wall clock mixes in time
	// the process was not running; this does not (spinning counts as CPU).
	if cpu := processCPU() - cpu0; cpu > 0 && cpu0 > 0 {
		b.ReportMetric(flops/cpu.Seconds()/1e9, "GFLOP/cpu-s")
	}
}

// BenchmarkSgemm reports GFLOP/s of the best implementation at one and two
// goroutines. Name format: m x k x n (A is m-by-k, B k-by-n).
func BenchmarkSgemm(b *testing.B) {
	for _, s := range benchShapes {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%dx%dx%d/threads=%d", s.m, s.k, s.n, threads), func(b *testing.B) {
				benchGemm(b, bestGeometry32, threads, false, false, s.m, s.n, s.k)
			})
		}
	}
}

// BenchmarkSgemmAlwaysParallel is BenchmarkSgemm at two goroutines with the
// oversubscription fallback (contention.go) off: what the helpers achieve
// when they run whatever the load, as OpenBLAS's threads do.
func BenchmarkSgemmAlwaysParallel(b *testing.B) {
	g := *bestGeometry32
	g.minWork = minWorkPerThread // set: the fallback is off, same threshold
	for _, s := range benchShapes {
		b.Run(fmt.Sprintf("%dx%dx%d/threads=2", s.m, s.k, s.n), func(b *testing.B) {
			benchGemm(b, &g, 2, false, false, s.m, s.n, s.k)
		})
	}
}

// BenchmarkSgemmTransposed covers the operand layouts of backward passes
// (and of a Linear layer that stores its weight [out, in], as PyTorch does,
// whose forward pass is x times the weight transposed).
func BenchmarkSgemmTransposed(b *testing.B) {
	for _, s := range []struct{ m, n, k int }{{64, 256, 784}, {512, 512, 512}} {
		for _, tr := range [][2]bool{{true, false}, {false, true}, {true, true}} {
			b.Run(fmt.Sprintf("%dx%dx%d/transA=%t,transB=%t", s.m, s.k, s.n, tr[0], tr[1]), func(b *testing.B) {
				benchGemm(b, bestGeometry32, 1, tr[0], tr[1], s.m, s.n, s.k)
			})
		}
	}
}

// BenchmarkSgemmImplementations compares every implementation this CPU runs
// on one goroutine.
func BenchmarkSgemmImplementations(b *testing.B) {
	for _, g := range supportedGeometries32() {
		for _, s := range benchShapes {
			if g == goGeometry32 && s.m > 256 {
				continue
			}
			b.Run(fmt.Sprintf("%s/%dx%dx%d", g.name, s.m, s.k, s.n), func(b *testing.B) {
				benchGemm(b, g, 1, false, false, s.m, s.n, s.k)
			})
		}
	}
}

func BenchmarkDgemm(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const n = 256
	x := make([]float64, n*n)
	for i := range x {
		x[i] = r.Float64()
	}
	c := make([]float64, n*n)
	for _, g := range supportedGeometries64() {
		b.Run(g.name+"/256", func(b *testing.B) {
			o := operands[float64]{m: n, n: n, k: n, alpha: 1, a: x, lda: n, b: x, ldb: n, c: c, ldc: n}
			b.ReportAllocs()
			for b.Loop() {
				run(g, "Dgemm", &o, 0, 1)
			}
			b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkSgemmVector is a batch-1 step: one row of A.
func BenchmarkSgemmVector(b *testing.B) {
	for _, transB := range []bool{false, true} {
		b.Run(fmt.Sprintf("1x256x256/transB=%t", transB), func(b *testing.B) {
			benchGemm(b, bestGeometry32, 1, false, transB, 1, 256, 256)
		})
	}
}

// BenchmarkSgemmWorkloads are products from the workloads: an RNN
// step (batch 32, hidden 256), an LSTM step (4 gates), the GPT's QKV and MLP
// projections (batch 32 x 64 tokens, width 128), W1's output layer.
func BenchmarkSgemmWorkloads(b *testing.B) {
	for _, s := range []struct {
		name           string
		m, n, k        int
		transA, transB bool
	}{
		{"rnn-32x256x256", 32, 256, 256, false, true},
		{"lstm-32x256x1024", 32, 1024, 256, false, true},
		{"gpt-qkv-2048x128x384", 2048, 384, 128, false, true},
		{"gpt-mlp-2048x512x128", 2048, 128, 512, false, true},
		{"gpt-dW-128x2048x384", 128, 384, 2048, true, false},
		{"mlp-out-64x256x10", 64, 10, 256, false, true},
	} {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", s.name, threads), func(b *testing.B) {
				benchGemm(b, bestGeometry32, threads, s.transA, s.transB, s.m, s.n, s.k)
			})
		}
	}
}

// BenchmarkSgemmPacked is an LSTM step (batch 32, hidden 256, four gates)
// with the recurrent weight packed once, against Sgemm packing it per call.
func BenchmarkSgemmPacked(b *testing.B) {
	const m, n, k = 32, 1024, 256
	r := rand.New(rand.NewPCG(1, 1))
	x, w := randSlice(r, m*k), randSlice(r, n*k) // w stored [n, k], used transposed
	c := make([]float32, m*n)
	var p PackedB
	p.Pack(true, k, n, w, k)
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("packed/threads=%d", threads), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SgemmPackedThreads(threads, false, m, 1, x, k, &p, 0, c, n)
			}
			b.ReportMetric(2*m*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run(fmt.Sprintf("sgemm/threads=%d", threads), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SgemmThreads(threads, false, true, m, n, k, 1, x, k, w, k, 0, c, n)
			}
			b.ReportMetric(2*m*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkSgemmStrided is attention's scores for the GPT workload: 128
// (batch x heads) products of 64x32 queries by 32x64 keys.
func BenchmarkSgemmStrided(b *testing.B) {
	const batch, t, d = 128, 64, 32
	r := rand.New(rand.NewPCG(1, 1))
	q, k := randSlice(r, batch*t*d), randSlice(r, batch*t*d)
	c := make([]float32, batch*t*t)
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SgemmStridedThreads(threads, batch, false, true, t, t, d, 1, q, d, t*d, k, d, t*d, 0, c, t, t*t)
			}
			b.ReportMetric(2*batch*t*t*d*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
