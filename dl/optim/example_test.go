package optim_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// Fit y = 3x - 1 with one Linear unit: the training loop every optimizer
// shares.
func ExampleSGD() {
	r := rand.New(rand.NewPCG(1, 1))
	model := nn.NewLinear(r, 1, 1)
	x := dl.FromFloat32([]float32{-1, 0, 1, 2}, 4, 1)
	y := dl.FromFloat32([]float32{-4, -1, 2, 5}, 4, 1)
	opt := optim.NewSGD(model.Parameters(), 0.1)
	opt.Momentum = 0.9
	for range 200 {
		opt.ZeroGrad()
		loss := nn.MSE{}.Forward(model.Forward(x), y)
		loss.Backward()
		opt.Step()
	}
	fmt.Printf("w = %.3f, b = %.3f\n", model.Weight.Item(), model.Bias.Item())
	// Output:
	// w = 3.000, b = -1.000
}

// AdamW with a warm-up cosine schedule and gradient clipping, minimising
// ‖p - target‖².
func ExampleNewAdamW() {
	p := dl.Zeros(3).SetRequiresGrad(true)
	target := dl.FromFloat32([]float32{1, -2, 0.5}, 3)
	params := []nn.Param{{Name: "p", Tensor: p}}
	opt := optim.NewAdamW(params, 0.1)
	opt.WeightDecay = 0
	sched := optim.WarmupCosine{Base: 0.1, Min: 0.001, Warmup: 10, Total: 300}
	var norm float64
	for step := range 300 {
		opt.LR = sched.LR(step)
		opt.ZeroGrad()
		dl.Sum(dl.Square(dl.Sub(p, target))).Backward()
		norm = optim.ClipGradNorm(params, 1)
		opt.Step()
	}
	fmt.Printf("p = [%.2f %.2f %.2f], last gradient norm %.3f\n", p.At(0), p.At(1), p.At(2), norm)
	// Output:
	// p = [1.00 -2.00 0.50], last gradient norm 0.000
}

func ExampleWarmupCosine() {
	s := optim.WarmupCosine{Base: 1e-3, Min: 1e-4, Warmup: 100, Total: 1000}
	for _, step := range []int{0, 49, 99, 100, 550, 1000} {
		fmt.Printf("step %4d: %.2e\n", step, s.LR(step))
	}
	// Output:
	// step    0: 1.00e-05
	// step   49: 5.00e-04
	// step   99: 1.00e-03
	// step  100: 1.00e-03
	// step  550: 5.50e-04
	// step 1000: 1.00e-04
}

// State and LoadState carry an optimizer across a checkpoint: the keys are
// derived from the parameter names.
func ExampleAdam_State() {
	w := dl.Zeros(2, 2).SetRequiresGrad(true)
	opt := optim.NewAdam([]nn.Param{{Name: "0.weight", Tensor: w}}, 1e-3)
	w.SetGrad(dl.Ones(2, 2))
	opt.Step()
	st := opt.State()
	fmt.Println(len(st), st["0.weight.step"].Item(), st["0.weight.exp_avg"].Shape())

	resumed := optim.NewAdam([]nn.Param{{Name: "0.weight", Tensor: w}}, 0)
	fmt.Println(resumed.LoadState(st), resumed.LR)
	// Output:
	// 4 1 [2 2]
	// <nil> 0.001
}
