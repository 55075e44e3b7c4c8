package train_test

import (
	"fmt"
	"math/rand/v2"
	"os"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/checkpoint"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
	"github.com/gendl/gendl/dl/train"
)

// A training cell: fit y = 3x with one Linear, train once, load afterwards.
func ExampleCached() {
	dir, _ := os.MkdirTemp("", "train-example")
	defer os.RemoveAll(dir)
	cache := &checkpoint.Cache{Dir: dir}
	cfg := struct{ Steps int }{60}

	for run := range 2 { // the same cell, run twice
		m := nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 1, 1)
		opt := optim.NewAdam(m.Parameters(), 0.1)
		src := rand.NewPCG(2, 2)
		r := rand.New(src)
		x := dl.FromFloat32([]float32{-1, -0.5, 0.5, 1}, 4, 1)
		y := dl.FromFloat32([]float32{-3, -1.5, 1.5, 3}, 4, 1)
		loop := &train.Loop{
			Steps: cfg.Steps,
			Loss: func(int) *dl.Tensor {
				_ = r.Float64() // a real loop draws its batch from r
				return dl.MSE(m.Forward(x), y)
			},
			Optim:     opt,
			EvalEvery: 20,
			Eval: func() (v float64) {
				dl.NoGrad(func() { v = dl.MSE(m.Forward(x), y).Item() })
				return v
			},
		}
		tr := &checkpoint.Training{Model: m, Optim: opt, RNG: src}
		h, loaded, err := train.Cached(cache, "line", cfg, tr, loop)
		if err != nil {
			panic(err)
		}
		steps, val := h.Val()
		fmt.Printf("run %d: loaded %v, %d steps, evaluated at %v, val loss %.0f -> %.2f, slope %.0f\n",
			run, loaded, h.Steps, steps, val[0], val[len(val)-1], m.Weight.At(0, 0))
	}
	// Output:
	// run 0: loaded false, 60 steps, evaluated at [1 20 40 60], val loss 7 -> 0.01, slope 3
	// run 1: loaded true, 60 steps, evaluated at [1 20 40 60], val loss 7 -> 0.01, slope 3
}

// printer is a Logger that prints the validation losses.
type printer struct{}

func (printer) Add(step int, name string, v float64) {
	if name == "val/loss" {
		fmt.Printf("step %d: %s %.3f\n", step, name, v)
	}
}

// The loop alone: a cosine learning-rate schedule, clipping, and an
// evaluation after the first step, every 25 steps and after the last.
func ExampleLoop_Run() {
	m := nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 1, 1)
	opt := optim.NewSGD(m.Parameters(), 0.1)
	x := dl.FromFloat32([]float32{-1, 1}, 2, 1)
	y := dl.FromFloat32([]float32{-2, 2}, 2, 1)
	loss := func() *dl.Tensor { return dl.MSE(m.Forward(x), y) }
	loop := &train.Loop{
		Steps:     60,
		Loss:      func(int) *dl.Tensor { return loss() },
		Optim:     opt,
		Clip:      5,
		Params:    m.Parameters(),
		Schedule:  optim.WarmupCosine{Base: 0.05, Min: 0.005, Warmup: 5, Total: 60},
		LR:        &opt.LR,
		EvalEvery: 25,
		Eval:      func() (v float64) { dl.NoGrad(func() { v = loss().Item() }); return v },
		Log:       printer{},
	}
	dir, _ := os.MkdirTemp("", "train-example")
	defer os.RemoveAll(dir)
	tr := &checkpoint.Training{Path: dir + "/run.safetensors", Model: m, Optim: opt}
	if err := loop.Run(tr); err != nil {
		panic(err)
	}
	fmt.Printf("%d steps, %d training losses, slope %.1f\n", tr.Step, len(tr.Metrics[train.TrainLoss]), m.Weight.At(0, 0))
	// Output:
	// step 0: val/loss 5.812
	// step 24: val/loss 0.070
	// step 49: val/loss 0.007
	// step 59: val/loss 0.005
	// 60 steps, 60 training losses, slope 1.9
}
