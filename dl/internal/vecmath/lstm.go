package vecmath

// LSTMCellGrad runs the LSTM cell's backward pass over the leading
// elements of one row that the vector kernel handles, and returns how many
// (a multiple of 8; 0 without AVX2): for j < that count, from the saved
// activations a = [i f g o tanh(c)] (h = len(dh) each), the gradients
// from above gout = [dh dc] and from the next step dh, dc, and c_{t-1}, it
// writes
//
//	dh' = gout_h + dh;  dc' = gout_c + dc + dh'·o·(1 - tanh²c)
//	dp = [dc'·g·i(1-i), dc'·c_{t-1}·f(1-f), dc'·i·(1-g²), dh'·tanh(c)·o(1-o)]
//	dc = dc'·f
//
// (dc is overwritten with the gradient for the previous step). The caller
// finishes the rest of the row with the same formulas.
func LSTMCellGrad(a, gout, dh, dc, cPrev, dp []float32) int {
	h := len(dh)
	n := h &^ 7
	if !useVector || n == 0 {
		return 0
	}
	if len(a) < 5*h || len(gout) < 2*h || len(dc) < h || len(cPrev) < h || len(dp) < 4*h {
		panic("vecmath: LSTMCellGrad: a row shorter than its h")
	}
	lstmCellGradAVX2(&a[0], &gout[0], &dh[0], &dc[0], &cPrev[0], &dp[0], h, n)
	return n
}
