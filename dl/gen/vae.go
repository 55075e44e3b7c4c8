package gen

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// VAE is a variational autoencoder (Kingma & Welling, 2014) for 28×28
// images with pixel values in [0, 1], modelled as Bernoulli: the encoder maps
// x [N, 784] to the mean and log-variance of q(z|x), a sample
// z = μ + σ⊙ε is drawn (the reparameterisation trick, which keeps the draw
// differentiable in μ and σ), and the decoder returns pixel logits.
type VAE struct {
	Enc     *nn.Sequential // 784 → H, ReLU
	Mu, Var *nn.Linear     // H → Z each (Var predicts log σ²)
	Dec     *nn.Sequential // Z → H, ReLU → 784 logits
	Z       int
}

// NewVAE builds an MLP VAE with hidden width h and latent size z.
func NewVAE(r *rand.Rand, h, z int) *VAE {
	return &VAE{
		Enc: nn.NewSequential(nn.NewLinear(r, 784, h), nn.ReLU{}),
		Mu:  nn.NewLinear(r, h, z), Var: nn.NewLinear(r, h, z),
		Dec: nn.NewSequential(nn.NewLinear(r, z, h), nn.ReLU{}, nn.NewLinear(r, h, 784)),
		Z:   z,
	}
}

// ELBO holds the two terms of the negative evidence lower bound, each
// averaged over the batch and summed over pixels or latent dimensions: the
// loss is Recon + KL.
type ELBO struct {
	Loss  *dl.Tensor // Recon + KL, the scalar to minimise
	Recon *dl.Tensor // -log p(x|z), Bernoulli cross-entropy in nats
	KL    *dl.Tensor // KL(q(z|x) ‖ N(0, I)) in nats
}

// Loss encodes x (any shape [N, ...] with 784 pixels per image in [0, 1]),
// samples z with r and returns the ELBO terms.
func (m *VAE) Loss(r *rand.Rand, x *dl.Tensor) ELBO {
	n := x.Dim(0)
	x = dl.Reshape(x, n, 784)
	h := m.Enc.Forward(x)
	mu, logVar := m.Mu.Forward(h), m.Var.Forward(h) // [N, Z]
	eps := dl.RandnOf(r, x.DType(), n, m.Z)
	z := dl.Add(mu, dl.Mul(dl.Exp(dl.Scale(logVar, 0.5)), eps))
	logits := m.Dec.Forward(z)
	// BCEWithLogits averages over all N·784 pixels; ×784 sums per image.
	recon := dl.Scale(dl.BCEWithLogits(logits, x), 784)
	// KL = -½ Σ (1 + log σ² - μ² - σ²), averaged over the batch
	kl := dl.Scale(dl.Sum(dl.Sub(dl.Sub(dl.AddScalar(logVar, 1), dl.Square(mu)), dl.Exp(logVar))), -0.5/float64(n))
	return ELBO{Loss: dl.Add(recon, kl), Recon: recon, KL: kl}
}

// Sample decodes n draws from the prior N(0, I) into [n, 28, 28] pixel
// means in [0, 1].
func (m *VAE) Sample(r *rand.Rand, n int) *dl.Tensor {
	var out *dl.Tensor
	dl.NoGrad(func() {
		out = dl.Reshape(dl.Sigmoid(m.Dec.Forward(dl.Randn(r, n, m.Z))), n, 28, 28)
	})
	return out
}

// Parameters lists enc.*, mu.*, logvar.*, dec.*.
func (m *VAE) Parameters() []nn.Param {
	ps := nn.Child("enc", m.Enc)
	ps = append(ps, nn.Child("mu", m.Mu)...)
	ps = append(ps, nn.Child("logvar", m.Var)...)
	return append(ps, nn.Child("dec", m.Dec)...)
}

// SetTraining does nothing: the VAE has no dropout or batch statistics.
func (m *VAE) SetTraining(bool) {}
