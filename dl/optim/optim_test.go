package optim_test

import (
	"math"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// run applies three steps with the gradient sequence g_t = [0.1t, -0.2, 0.3t²]
// to p = [0.5, -1, 2] and returns p. The expected values below were printed
// by torch.optim (PyTorch 2.x, float64) for the same sequence.
func run(dtype dl.DType, make func([]nn.Param) optim.Optimizer) []float64 {
	p := dl.FromFloat64([]float64{0.5, -1, 2}).To(dtype).SetRequiresGrad(true)
	ps := []nn.Param{{Name: "p", Tensor: p}}
	opt := make(ps)
	for t := 1.0; t <= 3; t++ {
		p.SetGrad(dl.FromFloat64([]float64{0.1 * t, -0.2, 0.3 * t * t}).To(dtype))
		opt.Step()
	}
	return p.Floats()
}

func TestOptimizersMatchPyTorch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		make func([]nn.Param) optim.Optimizer
		want []float64
	}{
		{"SGD", func(ps []nn.Param) optim.Optimizer { return optim.NewSGD(ps, 0.1) },
			[]float64{0.43999999999999995, -0.94, 1.5799999999999998}},
		{"SGD/momentum-dampening-decay", func(ps []nn.Param) optim.Optimizer {
			o := optim.NewSGD(ps, 0.1)
			o.Momentum, o.Dampening, o.WeightDecay = 0.9, 0.1, 0.01
			return o
		}, []float64{0.40909250649499995, -0.8883688129899999, 1.46006823408}},
		{"SGD/nesterov", func(ps []nn.Param) optim.Optimizer {
			o := optim.NewSGD(ps, 0.1)
			o.Momentum, o.Nesterov, o.WeightDecay = 0.9, true, 0.01
			return o
		}, []float64{0.35056756198049993, -0.8312629239609999, 1.043301736512}},
		{"Adam/L2", func(ps []nn.Param) optim.Optimizer {
			o := optim.NewAdam(ps, 0.01)
			o.WeightDecay = 0.1
			return o
		}, []float64{0.4703945842442005, -0.9700032449476694, 1.9717883103220692}},
		{"AdamW", func(ps []nn.Param) optim.Optimizer {
			o := optim.NewAdamW(ps, 0.01)
			o.WeightDecay = 0.1
			return o
		}, []float64{0.4692993108721331, -0.9670329904985006, 1.966536810529177}},
	}
	for _, c := range cases {
		for _, dt := range []dl.DType{dl.Float64, dl.Float32} {
			tol := 1e-12
			if dt == dl.Float32 {
				tol = 2e-6
			}
			got := run(dt, c.make)
			for i := range got {
				if math.Abs(got[i]-c.want[i]) > tol {
					t.Errorf("%s %v: p[%d] = %.17g, PyTorch %.17g", c.name, dt, i, got[i], c.want[i])
				}
			}
		}
	}
}

func TestStepSkipsParamsWithoutGrad(t *testing.T) {
	t.Parallel()
	a := dl.FromFloat32([]float32{1, 2}).SetRequiresGrad(true)
	b := dl.FromFloat32([]float32{3}).SetRequiresGrad(true)
	opt := optim.NewAdam([]nn.Param{{Name: "a", Tensor: a}, {Name: "b", Tensor: b}}, 0.1)
	a.SetGrad(dl.FromFloat32([]float32{1, 1}))
	opt.Step()
	if b.Item() != 3 || a.At(0) == 1 {
		t.Fatalf("a = %v, b = %v", a, b)
	}
	if st := opt.State(); st["b.step"].Item() != 0 || st["a.step"].Item() != 1 {
		t.Fatalf("steps a=%v b=%v", st["a.step"], st["b.step"])
	}
	opt.ZeroGrad()
	if a.Grad() != nil {
		t.Fatal("ZeroGrad left a gradient")
	}
}

func TestClipGradNormMatchesPyTorch(t *testing.T) {
	t.Parallel()
	a := dl.Zeros(2)
	b := dl.ZerosOf(dl.Float64, 1)
	a.SetGrad(dl.FromFloat32([]float32{3, 4}))
	b.SetGrad(dl.FromFloat64([]float64{12}))
	ps := []nn.Param{{Name: "a", Tensor: a}, {Name: "b", Tensor: b}}
	if n := optim.ClipGradNorm(ps, 6.5); n != 13 {
		t.Fatalf("norm %v, want 13", n)
	}
	want := []float64{1.4999998846153937, 1.9999998461538582, 5.999999538461575} // torch.nn.utils.clip_grad_norm_
	got := append(a.Grad().Floats(), b.Grad().Floats()...)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-6 {
			t.Fatalf("clipped grads %v, want %v", got, want)
		}
	}
	if n := optim.ClipGradNorm(ps, 100); math.Abs(n-6.5) > 1e-5 || math.Abs(b.Grad().Item()-want[2]) > 1e-12 {
		t.Fatalf("a norm below the limit must leave gradients alone (norm %v)", n)
	}
}

func TestSchedules(t *testing.T) {
	t.Parallel()
	s := optim.StepLR{Base: 1, StepSize: 3, Gamma: 0.5}
	want := []float64{1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25} // torch StepLR
	for i, w := range want {
		if s.LR(i) != w {
			t.Fatalf("StepLR(%d) = %v, want %v", i, s.LR(i), w)
		}
	}
	c := optim.WarmupCosine{Base: 1, Min: 0.1, Warmup: 4, Total: 14}
	for _, tc := range []struct {
		step int
		want float64
	}{
		{0, 0.25}, {3, 1}, {4, 1}, {9, 0.55}, {14, 0.1}, {100, 0.1},
	} {
		if got := c.LR(tc.step); math.Abs(got-tc.want) > 1e-12 {
			t.Fatalf("WarmupCosine(%d) = %v, want %v", tc.step, got, tc.want)
		}
	}
	var _ optim.Schedule = s
	var _ optim.Schedule = c
}
