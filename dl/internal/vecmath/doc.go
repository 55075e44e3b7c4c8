// Package vecmath computes float32 exponentials, tanh, sigmoid and the
// normal CDF over whole slices, eight lanes at a time with AVX2 and FMA
// where the CPU has them, and with the scalar functions of this package
// elsewhere. They are the transcendental parts of gendl's activation,
// recurrence, softmax and GELU kernels, which otherwise spend more time in
// e^x than in their matrix products. Beside them are a few row kernels
// built on the same code: a softmax row with its log-normalizer, a
// LayerNorm row, and the LSTM cell's backward pass; where the vector code
// cannot run they report it, and the caller runs its own loop.
//
// # Accuracy
//
// Every function here, scalar and vector, uses the same range reductions
// and polynomials (Cephes' expf and tanhf, Numerical Recipes' erfcc) and
// stays within a few float32 ulps of the float64 math package; the vector
// code fuses multiply-adds, so it can differ from the scalar code in the
// last bit or two, and the tests bound that difference. Results below the
// smallest normal float32 (|e^x| < 1.2e-38) may be flushed to zero by the
// vector code. NaN propagates; ±Inf give the limits.
//
// # Slices
//
// The slice functions write f(src[i]) to dst[i] for every i; dst and src
// have the same length (a shorter dst panics) and may be the same slice,
// but must not otherwise overlap.
package vecmath
