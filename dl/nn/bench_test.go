package nn_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// BenchmarkLSTM is W3's recurrent layer alone, forward and backward:
// nn.LSTM(64, 256) on a [32, 64, 64] float32 batch, at one goroutine and
// at GOMAXPROCS. Timings never gate a test; bench/run.sh compares whole
// workloads with PyTorch.
func BenchmarkLSTM(b *testing.B) {
	const bs, t, in, h = 32, 64, 64, 256
	r := rand.New(rand.NewPCG(1, 2))
	m := nn.NewLSTM(r, in, h, 1)
	x := dl.Randn(r, bs, t, in).SetRequiresGrad(true)
	g := dl.Randn(r, bs, t, h)
	for _, procs := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range m.Parameters() {
					p.Tensor.ZeroGrad()
				}
				out, _, _ := m.Forward(x, nil, nil)
				out.BackwardWith(g)
			}
		})
	}
}
