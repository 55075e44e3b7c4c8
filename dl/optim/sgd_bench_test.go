package optim_test

import (
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// One plain SGD step (no momentum) over a 1M-parameter float32 tensor.
func BenchmarkSGDStep(b *testing.B) {
	w := dl.Zeros(1024, 1024).SetRequiresGrad(true)
	w.SetGrad(dl.Full(0.01, 1024, 1024))
	opt := optim.NewSGD([]nn.Param{{Name: "w", Tensor: w}}, 0.1)
	b.ReportAllocs()
	b.SetBytes(int64(3 * 4 * w.Size())) // reads p and g, writes p
	for b.Loop() {
		opt.Step()
	}
}
