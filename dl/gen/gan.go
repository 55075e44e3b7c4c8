package gen

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// GAN is a generative adversarial network (Goodfellow et al., 2014) trained
// with the non-saturating loss: the discriminator D learns to score real
// images high and generated ones low (binary cross-entropy on logits), and
// the generator G learns to make D score its images high.
//
// G maps noise [N, Z] to images in [-1, 1] shaped [N, ImageShape...];
// D maps images to one logit each, [N, 1].
type GAN struct {
	G, D       nn.Layer
	Z          int
	ImageShape []int // [784] for MLPs, [1, 28, 28] for convolutional nets
	OptG, OptD *optim.Adam
}

// NewMLPGAN is the MLP GAN of the course (and workload W5): G is
// Linear(Z, H) → ReLU → Linear(H, 784) → Tanh, D is Linear(784, H) →
// LeakyReLU(0.2) → Linear(H, 1), both trained by Adam(2e-4, β₁ = 0.5).
func NewMLPGAN(r *rand.Rand, z, hidden int) *GAN {
	g := nn.NewSequential(nn.NewLinear(r, z, hidden), nn.ReLU{}, nn.NewLinear(r, hidden, 784), nn.Tanh{})
	d := nn.NewSequential(nn.NewLinear(r, 784, hidden), nn.LeakyReLU{Slope: 0.2}, nn.NewLinear(r, hidden, 1))
	return newGAN(g, d, z, []int{784})
}

// NewDCGAN is a small deep convolutional GAN (Radford et al., 2016) for
// 28×28 images: G projects noise to 7×7 feature maps and doubles them twice
// with transposed convolutions and BatchNorm; D mirrors it with strided
// convolutions and LeakyReLU. width is the feature count of the widest
// layer (64 trains in minutes on a laptop).
func NewDCGAN(r *rand.Rand, z, width int) *GAN {
	w := width
	g := nn.NewSequential(
		nn.NewLinear(r, z, w*7*7), nn.Unflatten{Shape: []int{w, 7, 7}}, nn.NewBatchNorm(w), nn.ReLU{},
		nn.NewConvTranspose2d(r, w, w/2, 4, 2, 1, 0), nn.NewBatchNorm(w/2), nn.ReLU{}, // 14×14
		nn.NewConvTranspose2d(r, w/2, 1, 4, 2, 1, 0), nn.Tanh{}, // 28×28
	)
	d := nn.NewSequential(
		nn.NewConv2d(r, 1, w/2, 4, 2, 1), nn.LeakyReLU{Slope: 0.2}, // 14×14
		nn.NewConv2d(r, w/2, w, 4, 2, 1), nn.NewBatchNorm(w), nn.LeakyReLU{Slope: 0.2}, // 7×7
		nn.Flatten{}, nn.NewLinear(r, w*7*7, 1),
	)
	return newGAN(g, d, z, []int{1, 28, 28})
}

func newGAN(g, d nn.Layer, z int, shape []int) *GAN {
	og, od := optim.NewAdam(g.Parameters(), 2e-4), optim.NewAdam(d.Parameters(), 2e-4)
	og.Beta1, od.Beta1 = 0.5, 0.5
	return &GAN{G: g, D: d, Z: z, ImageShape: shape, OptG: og, OptD: od}
}

// Step trains D once and G once on a batch of real images in [-1, 1]
// (any shape with N first and ImageShape's size per image), drawing noise
// from r. It returns both losses.
func (m *GAN) Step(r *rand.Rand, real *dl.Tensor) (lossD, lossG float64) {
	n := real.Dim(0)
	real = dl.Reshape(real, append([]int{n}, m.ImageShape...)...)
	ones, zeros := dl.FullOf(real.DType(), 1, n, 1), dl.ZerosOf(real.DType(), n, 1)
	fake := m.G.Forward(dl.RandnOf(r, real.DType(), n, m.Z))

	ld := dl.Add(dl.BCEWithLogits(m.D.Forward(real), ones), dl.BCEWithLogits(m.D.Forward(fake.Detach()), zeros))
	m.OptD.ZeroGrad()
	ld.Backward()
	m.OptD.Step()

	lg := dl.BCEWithLogits(m.D.Forward(fake), ones) // non-saturating: G wants D to say "real"
	m.OptG.ZeroGrad()
	nn.ZeroGrad(m.D) // G's loss also reaches D's parameters; D is not updated here
	lg.Backward()
	m.OptG.Step()
	return ld.Item(), lg.Item()
}

// Sample draws n images as [n, 28, 28] in [0, 1], with G in evaluation
// mode (BatchNorm uses its running statistics).
func (m *GAN) Sample(r *rand.Rand, n int) *dl.Tensor {
	m.G.SetTraining(false)
	defer m.G.SetTraining(true)
	var out *dl.Tensor
	dl.NoGrad(func() { out = toUnit(m.G.Forward(dl.Randn(r, n, m.Z))) })
	return out
}

// Parameters lists G's parameters under "G." and D's under "D.", so a GAN
// saves and loads as one module.
func (m *GAN) Parameters() []nn.Param { return append(nn.Child("G", m.G), nn.Child("D", m.D)...) }

// Buffers lists the BatchNorm statistics of both networks.
func (m *GAN) Buffers() []nn.Param {
	return append(nn.ChildBuffers("G", m.G), nn.ChildBuffers("D", m.D)...)
}

// SetTraining switches both networks.
func (m *GAN) SetTraining(training bool) { m.G.SetTraining(training); m.D.SetTraining(training) }

// toUnit maps images in [-1, 1] of any per-image shape to [n, 28, 28] in
// [0, 1], clamped.
func toUnit(x *dl.Tensor) *dl.Tensor {
	return dl.Reshape(dl.Clamp(dl.Scale(dl.AddScalar(x, 1), 0.5), 0, 1), x.Dim(0), 28, 28)
}
