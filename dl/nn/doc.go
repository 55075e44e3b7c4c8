// Package nn holds the layers, losses and containers that models are built
// from, with PyTorch's parameter names, layouts and default
// initialisations, so that weights move between gendl and PyTorch as they
// are.
//
// # Modules
//
// A Module owns trainable tensors and lists them in a fixed order as
// Params: a name and a *dl.Tensor. The name is what PyTorch's state_dict
// would call the tensor. A Linear has "weight" ([out, in], as in PyTorch)
// and "bias" ([out]); inside a Sequential its parameters become
// "0.weight", "0.bias"; a model with a list of blocks names a deep one
// "blocks.1.attn.qkv.weight". A composite module builds its list from
// Child calls, which add the prefix and the dot:
//
//	func (b *Block) Parameters() []nn.Param {
//		return append(nn.Child("attn", b.Attn), nn.Child("mlp", b.MLP)...)
//	}
//
// Modules with state that is saved but not trained (BatchNorm's running
// statistics) also implement Buffered; StateDict collects parameters and
// buffers into the map a checkpoint writes. SetNames copies the full names
// onto the tensors, so a printed tape reads "0.weight" rather than
// "weight".
//
// SetTraining switches modes that differ between training and evaluation;
// of the modules here only Dropout cares. Modules start in training mode,
// as in PyTorch, and composite modules pass the switch to their children.
//
// # Forward
//
// Layers map a tensor to a tensor, Forward(x) — the Layer interface, which
// Sequential chains. Shapes follow PyTorch: Linear maps [..., in] to
// [..., out]; Embedding maps IDs of shape [B, T] to [B, T, C]; LayerNorm
// normalises the last axis; Flatten turns images [B, 28, 28] into
// [B, 784]. Losses take two arguments, Forward(logits,
// targets), and return a scalar (the mean over the batch): CrossEntropy
// (fused log-softmax and negative log-likelihood, class-ID targets, an
// optional ignored ID for padding), MSE and BCEWithLogits (stable for any
// logit).
//
// # The lecture's network
//
// The lecture classifies Fashion-MNIST with
//
//	Linear(784→H) → Sigmoid → Linear(H→10) → Softmax → CrossEntropy
//
// where CrossEntropy reads the probabilities the Softmax produced. Written
// as taught, that is a Sequential ending in NewSoftmax(-1) and a
// ProbCrossEntropy loss. The practical form leaves the Softmax out and
// gives the logits to CrossEntropy, which does both steps in one stable op:
// same loss, same gradients, but no log of a probability that rounded to
// zero. The test TestTorchParity checks both forms against PyTorch
// (scripts/torch_parity/README.md).
//
// # Initialisation and dtypes
//
// Constructors that draw random numbers take a *rand.Rand first, so a seed
// fixes a model; there is no global generator. Defaults are PyTorch's:
// Linear weight and bias from U(-1/√in, 1/√in) (kaiming_uniform with
// a = √5), Embedding from N(0, 1), LayerNorm weight ones and bias zeros.
// Parameters are float32 unless built WithDType(dl.Float64), which is how
// gradient checks build them; NoBias leaves out a bias.
//
// # Gradients
//
// Parameters are leaves that require gradients: Backward adds into their
// Grad, and gradients accumulate until ZeroGrad (or an optimizer's
// ZeroGrad) clears them. Every module here is gradient-checked in float64
// against its input and each parameter (TestModuleGradients), and a test
// fails when an exported module has no row in that table.
//
// # Errors
//
// Wrong shapes panic at the call with a *dl.ShapeError naming the op and
// the shapes, like the dl ops underneath; dl.Try turns that into an error.
package nn
