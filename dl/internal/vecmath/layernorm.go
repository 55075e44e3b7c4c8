package vecmath

// LayerNormRow normalises one row with an affine weight and bias,
// out = (x - mean)·rstd·w + b with rstd = 1/√(var + eps), and returns the
// mean and rstd (for the backward pass). The mean and the centred variance
// are summed in float64 lanes, and (x - mean)·rstd is taken in float64
// too (a large mean would otherwise cost float32 digits); the affine step
// is float32. ok is
// false, and nothing is written, when the vector kernel cannot run (no
// AVX2, or a row length that is not a positive multiple of 8): the caller
// then uses its own loop.
func LayerNormRow(x, w, b, out []float32, eps float64) (mean, rstd float64, ok bool) {
	c := len(x)
	if !useVector || c == 0 || c%8 != 0 {
		return 0, 0, false
	}
	if len(w) < c || len(b) < c || len(out) < c {
		panic("vecmath: LayerNormRow: w, b or out shorter than x")
	}
	mean, rstd = layerNormRowAVX2(&x[0], &w[0], &b[0], &out[0], c, eps)
	return mean, rstd, true
}
