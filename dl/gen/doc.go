// Package gen holds the image generative models of the course, all for
// 28×28 grey images such as Fashion-MNIST, all built from dl/nn layers and
// trained with dl/optim:
//
//   - GAN: a generator and a discriminator trained against each other with
//     the non-saturating loss (Goodfellow et al., 2014); NewMLPGAN is the
//     MLP pair of the lecture and workload W5, NewDCGAN a small
//     convolutional pair (Radford et al., 2016) with BatchNorm.
//   - VAE: a variational autoencoder (Kingma & Welling, 2014) with a
//     Bernoulli decoder; Loss reports the reconstruction and KL terms of
//     the ELBO separately, so a notebook can plot both.
//   - DDPM: denoising diffusion (Ho et al., 2020) with linear or cosine
//     (Nichol & Dhariwal, 2021) noise schedules, trained to predict the
//     added noise, sampled by the ancestral chain or by the few-step DDIM
//     update (Song et al., 2021).
//
// Conventions. GANs and diffusion models work on images in [-1, 1] (tanh
// outputs); the VAE on pixel probabilities in [0, 1]. Every Sample method
// returns [n, 28, 28] in [0, 1], ready for plotting.ImageGrid and for Judge,
// which scores samples with a trained classifier. All randomness comes from
// the *rand.Rand passed in: a seed gives the same samples.
//
// The models are nn.Modules with PyTorch-style parameter names, so they
// save and load through the checkpoint package like any other model —
// which matters in a notebook, where a trained model must outlive its cell.
package gen
