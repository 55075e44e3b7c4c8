package dl_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

// Benchmarks of the elementwise and row-wise kernels on a [256, 1024]
// float32 batch (1 MiB per operand). They report allocations; timings
// never gate a test.

func benchBinary(b *testing.B, op func(x, y *dl.Tensor) *dl.Tensor, sy ...int) {
	r := rand.New(rand.NewPCG(1, 2))
	x, y := dl.Randn(r, 256, 1024), dl.Randn(r, sy...)
	b.ReportAllocs()
	b.SetBytes(int64(4 * x.Size()))
	for b.Loop() {
		op(x, y)
	}
}

func BenchmarkAddSame(b *testing.B) { benchBinary(b, dl.Add, 256, 1024) }
func BenchmarkAddRow(b *testing.B)  { benchBinary(b, dl.Add, 1024) }
func BenchmarkAddCol(b *testing.B)  { benchBinary(b, dl.Add, 256, 1) }
func BenchmarkSubRow(b *testing.B)  { benchBinary(b, dl.Sub, 1024) }
func BenchmarkMulSame(b *testing.B) { benchBinary(b, dl.Mul, 256, 1024) }
func BenchmarkMulRow(b *testing.B)  { benchBinary(b, dl.Mul, 1024) }

// The row-wise ops run forward and backward.
func benchRows(b *testing.B, op func(x *dl.Tensor) *dl.Tensor) {
	r := rand.New(rand.NewPCG(1, 2))
	x := dl.Randn(r, 256, 1024).SetRequiresGrad(true)
	b.ReportAllocs()
	b.SetBytes(int64(4 * x.Size()))
	for b.Loop() {
		op(x).BackwardWith(dl.Ones(256, 1024))
	}
}

func BenchmarkSoftmax(b *testing.B) {
	benchRows(b, func(x *dl.Tensor) *dl.Tensor { return dl.Softmax(x, -1) })
}

func BenchmarkLogSoftmax(b *testing.B) {
	benchRows(b, func(x *dl.Tensor) *dl.Tensor { return dl.LogSoftmax(x, -1) })
}

func BenchmarkCrossEntropy(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	x := dl.Randn(r, 256, 1024).SetRequiresGrad(true)
	ids := make([]int, 256)
	for i := range ids {
		ids[i] = r.IntN(1024)
	}
	y := dl.NewInts(ids)
	b.ReportAllocs()
	b.SetBytes(int64(4 * x.Size()))
	for b.Loop() {
		dl.CrossEntropy(x, y, -1).Backward()
	}
}
