// Package gradcheck verifies gradients by central differences, for the
// library's own tests and for modules students write themselves.
//
// # The check
//
// Check(r, cfg, f, wrt...) evaluates f, reduces its output of any shape to a
// scalar L = Σ w⊙f() with a fixed random weighting w drawn from r, and
// compares, for every element x of every tensor in wrt,
//
//	analytic  ∂L/∂x   from Backward
//	numeric   (L(x+ε) - L(x-ε)) / 2ε
//
// The weighting matters: with a plain sum every output element has the same
// upstream gradient (one), and a backward that returns its gradient
// transposed, or summed over the wrong axis, can still pass. Random weights
// give each element its own upstream value.
//
// # Precision
//
// The tensors checked must be float64: a float32 difference quotient has
// errors near 1e-3 that drown real mistakes. Build modules with
// nn.WithDType(dl.Float64), or convert inputs with To(dl.Float64). The
// default tolerance is |analytic - numeric| <= 1e-6 + 1e-4·|numeric|; ops
// with kinks (ReLU, Abs, Max) should be checked away from them, which
// random inputs almost always are.
//
// # Reports
//
// A Report counts the elements compared and lists each mismatch with the
// tensor (its position in wrt and its Name, such as a parameter's
// "0.weight"), the element's index and both values, so a failing check
// says where to look: "0.weight #1 at [2 0]: analytic 0.12, numeric 0.24".
// For large tensors Config.MaxPerTensor elements are sampled at random.
//
// f is called many times (twice per element), always reading the current
// values of the wrt tensors, which Check perturbs in place and restores.
// Numeric evaluations run under dl.NoGrad and record nothing.
package gradcheck
