package dl

import "github.com/gendl/gendl/dl/internal/vecmath"

// LSTMScan runs the LSTM recurrence over a sequence in one op, with
// PyTorch's gate order (input, forget, cell, output):
//
//	[i f g o] = xp_t + h_{t-1}·Whhᵀ + bhh
//	c_t = σ(f)⊙c_{t-1} + σ(i)⊙tanh(g)
//	h_t = σ(o)⊙tanh(c_t)
//
// xp is [B, T, 4H], the input projections for every step; h0 and c0 are
// [B, H]; whh is [4H, H]; bhh is [4H] or nil. The result is [B, T, 2H]:
// at each step the hidden state in the first H columns and the cell state in
// the last H (take them apart with Narrow). Gradients flow into both, so a
// model may use the final cell state.
func LSTMScan(xp, h0, c0, whh, bhh *Tensor) *Tensor {
	b, t, h := scanDims("LSTMScan", xp, h0, whh, bhh, 4)
	if c0.Rank() != 2 || c0.shape[0] != b || c0.shape[1] != h || c0.dtype != xp.dtype {
		panicf("LSTMScan", []*Tensor{xp, h0, c0}, "c0 must be [B, H] like h0")
	}
	y := emptyUninit(xp.dtype, []int{b, t, 2 * h})
	acts := emptyUninit(xp.dtype, []int{t, b, 5 * h}) // gate activations and tanh(c_t), for backward; time-major
	if xp.dtype == Float64 {
		lstmForward(xp.f64, h0.f64, c0.f64, whh.f64, optSlice64(bhh), y.f64, acts.f64, b, t, h)
	} else {
		lstmForward(xp.f32, h0.f32, c0.f32, whh.f32, optSlice32(bhh), y.f32, acts.f32, b, t, h)
	}
	if !recording(xp, h0, c0, whh, bhh) {
		return y
	}
	inputs := scanInputs(xp, h0, c0, whh, bhh)
	yd, h0d, c0d, wd := y.Detach(), h0.Detach(), c0.Detach(), whh.Detach()
	return record("LSTMScan", y, inputs, func(g *Tensor) []*Tensor {
		gxp, gh0, gc0, gw := emptyUninit(xp.dtype, xp.shape), ZerosLike(h0), ZerosLike(c0), ZerosLike(whh) // the scan writes all of gxp
		var gb *Tensor
		if bhh != nil {
			gb = ZerosLike(bhh)
		}
		if xp.dtype == Float64 {
			lstmBackward(g.f64, yd.f64, acts.f64, h0d.f64, c0d.f64, wd.f64, gxp.f64, gh0.f64, gc0.f64, gw.f64, optSlice64(gb), b, t, h)
		} else {
			lstmBackward(g.f32, yd.f32, acts.f32, h0d.f32, c0d.f32, wd.f32, gxp.f32, gh0.f32, gc0.f32, gw.f32, optSlice32(gb), b, t, h)
		}
		return freshGrads(gxp, gh0, gc0, gw, gb)
	})
}

// The scan's own buffers are time-major: row s·B+i of acts ([T, B, 5H])
// and of the gate gradients ([T, B, 4H], rows padded by a cache line) is
// sequence i at step s, so a step's rows are contiguous (in xp, y and
// their gradients, [B, T, ·], they are T rows apart). The step products
// and dW_hh read the padded gate gradients in place, where rows 4H apart
// (4 KB at H = 256) would have to be copied or packed first.

// Each step's product h_{t-1}·Whhᵀ is stored into the first 4H columns of
// its rows of acts (+ bhh, if any), and the cell adds xp as it computes the
// gates, which it writes over them.
func lstmForward[T float](xp, h0, c0, whh, bhh, y, acts []T, b, t, h int) {
	if parts := lstmUnitParts[T](b, t, h); parts > 1 {
		lstmForwardUnits(as32(xp), as32(h0), as32(c0), as32(whh), as32(bhh), as32(y), as32(acts), b, t, h, parts)
		return
	}
	lstmForwardRows(xp, h0, c0, whh, bhh, y, acts, b, t, h)
}

// lstmForwardRows is lstmForward's recurrence on scanShards' row blocks.
func lstmForwardRows[T float](xp, h0, c0, whh, bhh, y, acts []T, b, t, h int) {
	g4 := 4 * h
	pw := newStepWeight(t, b, true, h, g4, whh, h)
	scanShards(b, t*h*g4, func(i0, i1, threads int) {
		for s := range t {
			prev, lp := h0[i0*h:], h
			if s > 0 {
				prev, lp = y[(i0*t+s-1)*2*h:], t*2*h
			}
			for g := range 4 { // read by the cells after the product
				prefetchRows(xp[(i0*t+s)*g4+g*h:], i1-i0, t*g4, h)
			}
			pw.mul(threads, i1-i0, prev, lp, 0, acts[(s*b+i0)*5*h:], 5*h)
			for i := i0; i < i1; i++ {
				lstmBias(acts[(s*b+i)*5*h:], bhh, 0, h, h)
			}
			rowsFor(i0, i1, threads, 5*h, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					cPrev := c0[i*h : (i+1)*h]
					if s > 0 {
						cPrev = y[(i*t+s-1)*2*h+h : (i*t+s)*2*h]
					}
					lstmCell(acts[(s*b+i)*5*h:], xp[(i*t+s)*g4:], y[(i*t+s)*2*h:], cPrev, h, h)
				}
			})
		}
	})
}

// lstmBias adds units [u0, u0+n) of each gate of bhh ([i f g o], H apart)
// to the first four blocks of a row of acts; it does nothing without bhh.
func lstmBias[T float](acts, bhh []T, u0, n, h int) {
	if bhh == nil {
		return
	}
	for g := range 4 {
		addRow(acts[g*h+u0:][:n], bhh[g*h+u0:])
	}
}

// lstmCell is one row of one step of the LSTM's forward pass over n hidden
// units: the pre-activations are a + xp ([i f g o], blocks stride apart:
// the step's product in a, the input projection in xp). It writes the
// gates over a's first four blocks and tanh(c_t) into its fifth; out gets
// h_t in its first block and c_t in its second (stride apart). A whole row
// has n = stride = H; a core's range of units starts the slices at its
// first unit. float32 runs in one vector pass (vecmath.LSTMCell: sixteen
// lanes with AVX-512, eight with AVX2), the rest here.
func lstmCell[T float](a, xp, out, cPrev []T, stride, n int) {
	j0 := 0
	if is32[T]() {
		j0 = vecmath.LSTMCell(as32(a), as32(xp), as32(out), as32(cPrev), stride, n)
	}
	if j0 == n {
		return
	}
	w := stride
	for g := range 4 {
		addRow(a[g*w+j0:g*w+n], xp[g*w+j0:])
	}
	ig, fg, gg, og, tc := a[j0:n], a[w+j0:w+n], a[2*w+j0:2*w+n], a[3*w+j0:3*w+n], a[4*w+j0:4*w+n]
	sigmoidRow(ig, ig)
	sigmoidRow(fg, fg)
	tanhRow(gg, gg)
	sigmoidRow(og, og)
	hh, c := out[j0:n], out[w+j0:w+n]
	cPrev = cPrev[j0:n]
	for j := range c {
		c[j] = fg[j]*cPrev[j] + ig[j]*gg[j]
	}
	tanhRow(tc, c)
	for j := range hh {
		hh[j] = og[j] * tc[j]
	}
}

func lstmBackward[T float](gy, y, acts, h0, c0, whh, gxp, gh0, gc0, gw, gb []T, b, t, h int) {
	g4 := 4 * h
	dh := make([]T, b*h)
	dc := make([]T, b*h)
	ldp := g4 + cacheLine[T]()
	dps := scratch[T](t * b * ldp) // the gate gradients, time-major
	hp := scratch[T](t * b * h)    // h_{s-1} for every step, time-major
	defer putScratch(dps, hp)
	if parts := lstmUnitParts[T](b, t, h); parts > 1 {
		lstmBackwardUnits(as32(gy), as32(y), as32(acts), as32(c0), as32(whh), as32(dps), as32(dh), as32(dc), b, t, h, ldp, parts)
	} else {
		lstmBackwardRows(gy, y, acts, c0, whh, dps, dh, dc, b, t, h, ldp)
	}
	copy(gh0, dh)
	copy(gc0, dc)
	// gxp takes the gate gradients in its batch-major order, and hp gathers
	// h_{s-1} for every row of dps in its time-major one: dWhh = Σ dp_sᵀ·h_{s-1}
	// over all B·T rows, and dbhh = Σ dp_s.
	parallelFor(b*t, g4+h, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			i, s := r/t, r%t
			copy(gxp[r*g4:(r+1)*g4], dps[(s*b+i)*ldp:])
			prev := h0[i*h:]
			if s > 0 {
				prev = y[(r-1)*2*h:]
			}
			copy(hp[(s*b+i)*h:(s*b+i+1)*h], prev)
		}
	})
	gemm(true, false, g4, h, b*t, dps, ldp, hp, h, 1, gw, h) // gw is zeros
	if gb != nil {
		for r := range b * t {
			addRow(gb, dps[r*ldp:r*ldp+g4])
		}
	}
}

// lstmBackwardRows is lstmBackward's recurrence on scanShards' row blocks:
// it writes every step's gate gradients into dps (rows ldp apart).
func lstmBackwardRows[T float](gy, y, acts, c0, whh, dps, dh, dc []T, b, t, h, ldp int) {
	g4 := 4 * h
	pw := newStepWeight(t, b, false, g4, h, whh, h)
	scanShards(b, t*h*g4, func(i0, i1, threads int) {
		for s := t - 1; s >= 0; s-- {
			rowsFor(i0, i1, threads, 2*h, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					cPrev := c0[i*h : (i+1)*h]
					if s > 0 {
						cPrev = y[(i*t+s-1)*2*h+h : (i*t+s)*2*h]
					}
					lstmCellGrad(acts[(s*b+i)*5*h:], gy[(i*t+s)*2*h:], dh[i*h:(i+1)*h], dc[i*h:(i+1)*h], cPrev, dps[(s*b+i)*ldp:], h)
				}
			})
			if s > 0 { // read by the next (earlier) step's cells after the product
				prefetchRows(acts[((s-1)*b+i0)*5*h:], i1-i0, 5*h, 5*h)
				prefetchRows(gy[(i0*t+s-1)*2*h:], i1-i0, t*2*h, 2*h)
				if s > 1 {
					prefetchRows(y[(i0*t+s-2)*2*h+h:], i1-i0, t*2*h, h)
				}
			}
			pw.mul(threads, i1-i0, dps[(s*b+i0)*ldp:], ldp, 0, dh[i0*h:], h)
		}
	})
}

// cacheLine is the number of T in 64 bytes: padding that keeps the rows of
// a buffer whose width is a multiple of 4 KB out of one another's L1 sets.
func cacheLine[T float]() int {
	if is32[T]() {
		return 16
	}
	return 8
}

// lstmCellGrad is one row of one step of the LSTM's backward pass: from
// the saved activations a = [i f g o tanh(c)], the gradients flowing into
// h and c from above (gout = [dh dc]) and from the next step (dh, dc), and
// c_{t-1}, it writes the pre-activation gradients dp = [di df dg do] and
// the c gradient for the previous step into dc. The blocks of a, gout and
// dp are stride apart and it does their first len(dh) units (a whole row,
// or a range of units when the slices start at its first). float32 runs
// eight lanes at a time (vecmath.LSTMCellGrad), the rest in the loop, whose
// reslicing lets the compiler drop its bounds checks.
func lstmCellGrad[T float](a, gout, dh, dc, cPrev, dp []T, stride int) {
	h, w := len(dh), stride
	ig, fg, gg, og, tc := a[:h], a[w:w+h], a[2*w:2*w+h], a[3*w:3*w+h], a[4*w:4*w+h]
	gh, gc := gout[:h], gout[w:w+h]
	di, df, dg, do := dp[:h], dp[w:w+h], dp[2*w:2*w+h], dp[3*w:3*w+h]
	dc, cPrev = dc[:h], cPrev[:h]
	j0 := 0
	if is32[T]() {
		j0 = vecmath.LSTMCellGrad(as32(a), as32(gout), as32(dh), as32(dc), as32(cPrev), as32(dp), w)
	}
	for j := j0; j < h; j++ {
		i, f, g, o, t := ig[j], fg[j], gg[j], og[j], tc[j]
		dhv := gh[j] + dh[j]
		dcv := gc[j] + dc[j] + dhv*o*(1-t*t)
		di[j] = dcv * g * i * (1 - i)
		df[j] = dcv * cPrev[j] * f * (1 - f)
		dg[j] = dcv * i * (1 - g*g)
		do[j] = dhv * t * o * (1 - o)
		dc[j] = dcv * f
	}
}
