package nn_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

func init() {
	moduleCases = append(moduleCases,
		layerCase("Conv2d", func(r *rand.Rand) nn.Layer { return nn.NewConv2d(r, 2, 3, 3, 2, 1, f64) }, 2, 2, 5, 5),
		layerCase("ConvTranspose2d", func(r *rand.Rand) nn.Layer { return nn.NewConvTranspose2d(r, 2, 3, 4, 2, 1, 0, f64) }, 2, 2, 3, 3),
		layerCase("MaxPool2d", func(*rand.Rand) nn.Layer { return nn.MaxPool2d{K: 2, Stride: 2} }, 1, 2, 4, 4),
		layerCase("AvgPool2d", func(*rand.Rand) nn.Layer { return nn.AvgPool2d{K: 2, Stride: 1} }, 1, 2, 3, 3),
		layerCase("Upsample", func(*rand.Rand) nn.Layer { return nn.Upsample{Scale: 2} }, 1, 2, 2, 2),
		layerCase("BatchNorm", func(r *rand.Rand) nn.Layer {
			bn := nn.NewBatchNorm(3, f64)
			bn.Weight.CopyFrom(randn(r, 3))
			bn.Bias.CopyFrom(randn(r, 3))
			return bn
		}, 4, 3, 2, 2),
		layerCase("BatchNorm/1d", func(r *rand.Rand) nn.Layer { return nn.NewBatchNorm(5, f64) }, 6, 5),
		layerCase("GroupNorm", func(r *rand.Rand) nn.Layer {
			gn := nn.NewGroupNorm(2, 4, f64)
			gn.Weight.CopyFrom(randn(r, 4))
			return gn
		}, 2, 4, 3, 3),
	)
}

// In training mode BatchNorm output has per-channel mean ≈ Bias and
// std ≈ Weight, the running stats move by Momentum, and eval mode uses them.
func TestBatchNormStatistics(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	bn := nn.NewBatchNorm(2, f64)
	x := dl.AddScalar(dl.Scale(dl.RandnOf(r, dl.Float64, 64, 2, 3, 3), 3), 5)
	y := bn.Forward(x)
	for c := range 2 {
		s, ss, n := 0.0, 0.0, 0
		for i := range 64 {
			for p := range 9 {
				v := y.At(i, c, p/3, p%3)
				s += v
				ss += v * v
				n++
			}
		}
		if m := s / float64(n); math.Abs(m) > 1e-9 || math.Abs(ss/float64(n)-1) > 1e-3 {
			t.Fatalf("channel %d: mean %v, var %v after normalising", c, m, ss/float64(n))
		}
	}
	if m := bn.RunningMean.At(0); math.Abs(m-0.5) > 0.1 { // 0.9·0 + 0.1·~5
		t.Fatalf("running mean %v, want about 0.5", m)
	}
	bn.SetTraining(false)
	one := bn.Forward(dl.Slice(x, 0, 0, 1)) // eval works on a batch of one
	if one.Dim(0) != 1 {
		t.Fatal("eval forward lost the batch")
	}
	if names := len(nn.StateDict(bn)); names != 5 {
		t.Fatalf("state dict has %d entries, want weight, bias and 3 buffers", names)
	}
}

func init() {
	moduleCases = append(moduleCases,
		layerCase("LeakyReLU", func(*rand.Rand) nn.Layer { return nn.LeakyReLU{Slope: 0.2} }, 3, 4),
		layerCase("SiLU", func(*rand.Rand) nn.Layer { return nn.SiLU{} }, 3, 4),
		layerCase("Unflatten", func(*rand.Rand) nn.Layer { return nn.Unflatten{Shape: []int{2, 3}} }, 4, 6),
	)
}
