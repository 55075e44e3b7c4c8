package vecmath

import "math"

// Softmax writes softmax(src) to dst (same length, may be the same slice)
// and returns log Σ e^src (in float64), the log-normalizer a
// cross-entropy needs:
// subtract the maximum, exponentiate, sum, scale by the reciprocal. The
// sum is taken in float32 lanes (eight partial sums); with the maximum
// subtracted every term is in (0, 1], so for the row lengths of a softmax
// (a vocabulary, a sequence of keys) the relative error stays near
// float32's. A row holding NaN gives NaN; an empty row returns -Inf.
func Softmax(dst, src []float32) float64 {
	n := len(src)
	if len(dst) < n {
		panic("vecmath: Softmax: dst shorter than src")
	}
	if n == 0 {
		return math.Inf(-1)
	}
	full := 0
	if useVector {
		full = n &^ 7
	}
	m := src[0]
	if full > 0 {
		m = maxAVX2(&src[0], full)
	}
	for _, v := range src[full:] {
		m = max(m, v)
	}
	var s float32
	if full > 0 {
		s = expShiftSumAVX2(&dst[0], &src[0], full, m)
	}
	for i := full; i < n; i++ {
		e := Exp(src[i] - m)
		dst[i] = e
		s += e
	}
	inv := 1 / s
	if full > 0 {
		scaleAVX2(&dst[0], full, inv)
	}
	for i := full; i < n; i++ {
		dst[i] *= inv
	}
	return float64(m) + math.Log(float64(s))
}
