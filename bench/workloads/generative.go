package main

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gen"
	"github.com/gendl/gendl/dl/nn"
)

// images returns 16 batches of n random images of 784 pixels in [-1, 1].
func images(r *rand.Rand, n int) []*dl.Tensor {
	xs := make([]*dl.Tensor, 16)
	for j := range xs {
		xs[j] = dl.Uniform(r, -1, 1, n, 784)
	}
	return xs
}

// newGAN is W5gan: gen.NewMLPGAN with Z = 64 and 256 hidden units (G:
// Linear(64, 256) → ReLU → Linear(256, 784) → Tanh; D: Linear(784, 256) →
// LeakyReLU(0.2) → Linear(256, 1); Adam(2e-4, β₁ 0.5)); one step is one D
// update and one G update on a batch of 64.
func newGAN(r *rand.Rand) *workload {
	const b = 64
	m := gen.NewMLPGAN(r, 64, 256)
	reals := images(r, b)
	var i int
	var ld float64
	return &workload{
		step: func() {
			ld, _ = m.Step(r, reals[i%16])
			i++
		},
		tokens: b,
		unit:   "steps",
		extra:  []field{{"note", "one step = D update + G update; tokens=images"}},
		loss:   func() float64 { return ld },
	}
}

// newDDPM is W5ddpm: one Adam(1e-3) step of gen.DDPM with the workload's
// gen.MLPDenoiser, Linear(784+32, 512) → SiLU → Linear(512, 512) → SiLU →
// Linear(512, 784), fed the noised image and a sinusoidal embedding of the
// step t (1000 steps, linear betas 1e-4 to 0.02), predicting the noise, on
// a batch of 64.
func newDDPM(r *rand.Rand) *workload {
	const b = 64
	m := gen.NewDDPM(gen.NewMLPDenoiser(r, 32, 512), gen.LinearSchedule(1000, 1e-4, 0.02), 1e-3, 784)
	xs := images(r, b)
	var i int
	var loss float64
	return &workload{
		step: func() {
			loss = m.Step(r, xs[i%16])
			i++
		},
		tokens: b,
		unit:   "steps",
		extra:  []field{{"params", nn.NumParams(m)}, {"note", "MLP denoiser 816-512-512-784 SiLU, eps-prediction; tokens=images"}},
		loss:   func() float64 { return loss },
	}
}
