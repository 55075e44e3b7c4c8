package optim_test

import (
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// One step over a 1M-parameter float32 tensor.
func BenchmarkAdamStep(b *testing.B) {
	w := dl.Zeros(1024, 1024).SetRequiresGrad(true)
	w.SetGrad(dl.Full(0.01, 1024, 1024))
	opt := optim.NewAdamW([]nn.Param{{Name: "w", Tensor: w}}, 1e-3)
	opt.Step()
	b.ReportAllocs()
	b.SetBytes(int64(4 * 4 * w.Size())) // reads p, g, m, v
	for b.Loop() {
		opt.Step()
	}
}
