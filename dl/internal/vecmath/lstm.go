package vecmath

// LSTMCellGrad runs the LSTM cell's backward pass over the leading
// elements of one row that the vector kernel handles, and returns how many
// (a multiple of 8; 0 without AVX2): for j < that count, from the saved
// activations a = [i f g o tanh(c)] (blocks stride apart), the gradients
// from above gout = [dh dc] (stride apart) and from the next step dh, dc,
// and c_{t-1}, it writes
//
//	dh' = gout_h + dh;  dc' = gout_c + dc + dh'·o·(1 - tanh²c)
//	dp = [dc'·g·i(1-i), dc'·c_{t-1}·f(1-f), dc'·i·(1-g²), dh'·tanh(c)·o(1-o)]
//	dc = dc'·f
//
// (dc is overwritten with the gradient for the previous step; dp's blocks
// are stride apart). The elements are the first len(dh) of each block: a
// whole row when stride = len(dh), or a range of hidden units when the
// slices start at its first unit and stride is the row's H. The caller
// finishes the rest with the same formulas.
func LSTMCellGrad(a, gout, dh, dc, cPrev, dp []float32, stride int) int {
	h := len(dh)
	n := h &^ 7
	if !useVector || n == 0 {
		return 0
	}
	if stride < h || len(a) < 4*stride+h || len(gout) < stride+h || len(dc) < h || len(cPrev) < h || len(dp) < 3*stride+h {
		panic("vecmath: LSTMCellGrad: a row shorter than its stride")
	}
	lstmCellGradAVX2(&a[0], &gout[0], &dh[0], &dc[0], &cPrev[0], &dp[0], stride, n)
	return n
}

// LSTMCell runs the LSTM cell's forward pass over the leading elements of
// one row that the vector kernel handles, and returns how many (a multiple
// of 8; 0 without AVX2): for j < that count, with the pre-activations
// a + xp (the recurrent product and the input projection, each [i f g o]
// with blocks stride apart; a has a fifth block for tanh(c)) and c_{t-1},
// it writes the gates σ(i), σ(f), tanh(g), σ(o) over a's first four
// blocks, tanh(c_t) into its fifth and
//
//	c_t = σ(f)·c_{t-1} + σ(i)·tanh(g);  h_t = σ(o)·tanh(c_t)
//
// into out = [h c] (stride apart). The elements are the first n of each
// block; the caller finishes the rest with the same formulas. With
// AVX-512 the kernel takes sixteen units at a time (the cell's exp and
// divisions are most of its time), and AVX2 the last eight.
func LSTMCell(a, xp, out, cPrev []float32, stride, n int) int {
	n &^= 7
	if !useVector || n == 0 {
		return 0
	}
	if stride < n || len(a) < 4*stride+n || len(xp) < 3*stride+n || len(out) < stride+n || len(cPrev) < n {
		panic("vecmath: LSTMCell: a row shorter than its stride")
	}
	j := 0
	if useAVX512 {
		if j = n &^ 15; j > 0 {
			lstmCellAVX512(&a[0], &xp[0], &out[0], &cPrev[0], stride, j)
		}
	}
	if j < n {
		lstmCellAVX2(&a[j], &xp[j], &out[j], &cPrev[j], stride, n-j)
	}
	return n
}
