package main

import (
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gen"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
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

// newDDPM is W5ddpm: one Adam(1e-3) step of a DDPM noise predictor, the
// MLP Linear(784+32, 512) → SiLU → Linear(512, 512) → SiLU →
// Linear(512, 784) fed the noised image and a sinusoidal embedding of the
// step t (1000 steps, linear betas 1e-4 to 0.02), on a batch of 64.
func newDDPM(r *rand.Rand) *workload {
	const b, steps, e, d = 64, 1000, 32, 784
	abar := make([]float64, steps) // ∏(1 - β)
	prod := 1.0
	for t := range abar {
		prod *= 1 - (1e-4 + (0.02-1e-4)*float64(t)/(steps-1))
		abar[t] = prod
	}
	freqs := make([]float64, e/2)
	for k := range freqs {
		freqs[k] = math.Exp(-math.Log(10000) * float64(k) / (e / 2))
	}
	net := nn.NewSequential(nn.NewLinear(r, d+e, 512), nn.SiLU{}, nn.NewLinear(r, 512, 512), nn.SiLU{}, nn.NewLinear(r, 512, d))
	opt := optim.NewAdam(net.Parameters(), 1e-3)
	xs := images(r, b)
	var i int
	var loss *dl.Tensor
	return &workload{
		step: func() {
			x0 := xs[i%16].Float32s()
			i++
			eps := dl.Randn(r, b, d)
			in := dl.Zeros(b, d+e) // [B, 816]: x_t then the step embedding
			ev, iv := eps.Float32s(), in.Float32s()
			for n := range b {
				t := r.IntN(steps)
				sa, sb := float32(math.Sqrt(abar[t])), float32(math.Sqrt(1-abar[t]))
				row := iv[n*(d+e) : (n+1)*(d+e)]
				for p := range d {
					row[p] = sa*x0[n*d+p] + sb*ev[n*d+p]
				}
				for k, f := range freqs {
					row[d+k] = float32(math.Sin(float64(t) * f))
					row[d+e/2+k] = float32(math.Cos(float64(t) * f))
				}
			}
			loss = dl.MSE(net.Forward(in), eps)
			opt.ZeroGrad()
			loss.Backward()
			opt.Step()
		},
		tokens: b,
		unit:   "steps",
		extra:  []field{{"note", "MLP denoiser 816-512-512-784 SiLU, eps-prediction; tokens=images"}},
		loss:   func() float64 { return loss.Item() },
	}
}
