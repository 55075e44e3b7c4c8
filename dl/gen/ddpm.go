package gen

import (
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// Denoiser predicts the noise ε that was added to x_t at steps t: the
// network a DDPM trains. x is [N, ...] (flattened pixels or images) and the
// result has x's shape.
type Denoiser interface {
	nn.Module
	Predict(x *dl.Tensor, t []int) *dl.Tensor
}

// DDPM is a denoising diffusion probabilistic model (Ho et al., 2020):
// training teaches Net to recover the noise mixed into clean images at a
// random step, and sampling starts from pure noise and removes it step by
// step. Images are in [-1, 1].
type DDPM struct {
	Net   Denoiser
	Sched Schedule
	Opt   *optim.Adam
	Shape []int // per-image shape the denoiser reads, e.g. [784]
}

// NewDDPM trains net under sched with Adam at learning rate lr.
func NewDDPM(net Denoiser, sched Schedule, lr float64, shape ...int) *DDPM {
	return &DDPM{Net: net, Sched: sched, Opt: optim.NewAdam(net.Parameters(), lr), Shape: shape}
}

// Loss draws a step t and noise ε per image with r, forms
// x_t = √ᾱ_t·x0 + √(1-ᾱ_t)·ε, and returns the mean squared error of the
// predicted noise: the "simple" objective of the DDPM paper.
func (m *DDPM) Loss(r *rand.Rand, x0 *dl.Tensor) *dl.Tensor {
	n := x0.Dim(0)
	x0 = dl.Reshape(x0, append([]int{n}, m.Shape...)...)
	t := make([]int, n)
	a, b := make([]float64, n), make([]float64, n)
	for i := range t {
		t[i] = r.IntN(m.Sched.T())
		a[i], b[i] = math.Sqrt(m.Sched.AlphaBar[t[i]]), math.Sqrt(1-m.Sched.AlphaBar[t[i]])
	}
	eps := dl.RandnOf(r, x0.DType(), x0.Shape()...)
	xt := dl.Add(dl.Mul(x0, perImage(a, x0)), dl.Mul(eps, perImage(b, x0)))
	return dl.MSE(m.Net.Predict(xt, t), eps)
}

// Step does one optimiser step on a batch and returns the loss.
func (m *DDPM) Step(r *rand.Rand, x0 *dl.Tensor) float64 {
	loss := m.Loss(r, x0)
	m.Opt.ZeroGrad()
	loss.Backward()
	m.Opt.Step()
	return loss.Item()
}

// perImage returns v as a [N, 1, ...] tensor of like's dtype that
// broadcasts one value per image.
func perImage(v []float64, like *dl.Tensor) *dl.Tensor {
	shape := make([]int, like.Rank())
	for i := range shape {
		shape[i] = 1
	}
	shape[0] = len(v)
	return dl.FromFloat64(v, shape...).To(like.DType())
}

// Sample runs ancestral sampling (Algorithm 2 of the DDPM paper) over all T
// steps with σ_t² = β_t and returns [n, 28, 28] in [0, 1].
func (m *DDPM) Sample(r *rand.Rand, n int) *dl.Tensor {
	var out *dl.Tensor
	dl.NoGrad(func() {
		x := dl.Randn(r, append([]int{n}, m.Shape...)...)
		for t := m.Sched.T() - 1; t >= 0; t-- {
			eps := m.Net.Predict(x, fill(n, t))
			alpha, abar := m.Sched.Alphas[t], m.Sched.AlphaBar[t]
			// μ = (x - β/√(1-ᾱ)·ε)/√α
			x = dl.Scale(dl.Sub(x, dl.Scale(eps, (1-alpha)/math.Sqrt(1-abar))), 1/math.Sqrt(alpha))
			if t > 0 {
				x = dl.Add(x, dl.Scale(dl.Randn(r, x.Shape()...), math.Sqrt(m.Sched.Betas[t])))
			}
		}
		out = toUnit(x)
	})
	return out
}

// SampleDDIM samples with the DDIM update (Song et al., 2021) on steps
// evenly spaced timesteps: eta 0 is deterministic given the starting noise,
// eta 1 recovers DDPM's variance. A few dozen steps give images close to
// the full ancestral chain at a fraction of the cost.
func (m *DDPM) SampleDDIM(r *rand.Rand, n, steps int, eta float64) *dl.Tensor {
	steps = min(max(steps, 1), m.Sched.T())
	ts := make([]int, steps)
	for i := range ts {
		ts[i] = i * (m.Sched.T() - 1) / max(steps-1, 1)
	}
	var out *dl.Tensor
	dl.NoGrad(func() {
		x := dl.Randn(r, append([]int{n}, m.Shape...)...)
		for i := steps - 1; i >= 0; i-- {
			t := ts[i]
			abar, prev := m.Sched.AlphaBar[t], 1.0
			if i > 0 {
				prev = m.Sched.AlphaBar[ts[i-1]]
			}
			eps := m.Net.Predict(x, fill(n, t))
			x0 := dl.Scale(dl.Sub(x, dl.Scale(eps, math.Sqrt(1-abar))), 1/math.Sqrt(abar))
			x0 = dl.Clamp(x0, -1, 1)
			sigma := eta * math.Sqrt((1-prev)/(1-abar)*(1-abar/prev))
			x = dl.Add(dl.Scale(x0, math.Sqrt(prev)), dl.Scale(eps, math.Sqrt(max(1-prev-sigma*sigma, 0))))
			if sigma > 0 && i > 0 {
				x = dl.Add(x, dl.Scale(dl.Randn(r, x.Shape()...), sigma))
			}
		}
		out = toUnit(x)
	})
	return out
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// Parameters are the denoiser's.
func (m *DDPM) Parameters() []nn.Param { return m.Net.Parameters() }

// SetTraining switches the denoiser.
func (m *DDPM) SetTraining(training bool) { m.Net.SetTraining(training) }

// TimeEmbedding returns the sinusoidal embedding [N, E] of steps t
// (Vaswani et al.): sin and cos of t·10000^(-i/(E/2)).
func TimeEmbedding(t []int, e int) *dl.Tensor {
	out := make([]float32, len(t)*e)
	half := e / 2
	for n, step := range t {
		for i := range half {
			ang := float64(step) * math.Exp(-math.Log(10000)*float64(i)/float64(half))
			out[n*e+i], out[n*e+half+i] = float32(math.Sin(ang)), float32(math.Cos(ang))
		}
	}
	return dl.FromFloat32(out, len(t), e)
}

// MLPDenoiser is the denoiser of workload W5: the noisy pixels concatenated
// with a sinusoidal embedding of t, through Linear(784+E, H) → SiLU →
// Linear(H, H) → SiLU → Linear(H, 784).
//
// Predicting the noise means copying 784 nearly independent values through
// the hidden layers, which H < 784 units cannot do: on Fashion-MNIST with
// H = 512 the loss stalls near 0.44 and the samples stay noise. As the
// network of a model meant to make images, let it predict the clean image
// and derive the noise from x_t (notebook 05's X0Denoiser does, with the
// same MLP).
type MLPDenoiser struct {
	Net   *nn.Sequential
	Embed int
}

// NewMLPDenoiser builds it with embedding width e and hidden width h.
func NewMLPDenoiser(r *rand.Rand, e, h int) *MLPDenoiser {
	return &MLPDenoiser{Embed: e, Net: nn.NewSequential(
		nn.NewLinear(r, 784+e, h), nn.SiLU{}, nn.NewLinear(r, h, h), nn.SiLU{}, nn.NewLinear(r, h, 784))}
}

// Predict returns the predicted noise for x [N, 784] at steps t.
func (d *MLPDenoiser) Predict(x *dl.Tensor, t []int) *dl.Tensor {
	return d.Net.Forward(dl.Concat(1, x, TimeEmbedding(t, d.Embed).To(x.DType())))
}

// Parameters are the MLP's ("0.weight", ...).
func (d *MLPDenoiser) Parameters() []nn.Param { return d.Net.Parameters() }

// SetTraining does nothing.
func (d *MLPDenoiser) SetTraining(bool) {}
