package dl

// RNNScan runs the Elman (tanh) recurrence over a sequence in one op:
//
//	h_t = tanh(xp_t + h_{t-1}·Whhᵀ + bhh)
//
// xp is [B, T, H]: the input projections x_t·Wihᵀ + bih for every step,
// computed beforehand in one large product (Linear over [B, T, C]), which is
// where most of the work is. h0 is [B, H], whh is [H, H] and bhh is [H] (or
// nil). The result is [B, T, H], every hidden state; the last one is the
// state to carry into the next batch (truncated BPTT).
//
// Backward is backpropagation through time written out by hand: one small
// product per step for dh_{t-1}, and a single large product for dWhh over
// all steps at the end.
func RNNScan(xp, h0, whh, bhh *Tensor) *Tensor {
	b, t, h := scanDims("RNNScan", xp, h0, whh, bhh, 1)
	y := emptyUninit(xp.dtype, []int{b, t, h})
	if xp.dtype == Float64 {
		rnnForward(xp.f64, h0.f64, whh.f64, optSlice64(bhh), y.f64, b, t, h)
	} else {
		rnnForward(xp.f32, h0.f32, whh.f32, optSlice32(bhh), y.f32, b, t, h)
	}
	if !recording(xp, h0, whh, bhh) {
		return y
	}
	inputs := scanInputs(xp, h0, whh, bhh)
	yd, h0d, wd := y.Detach(), h0.Detach(), whh.Detach()
	return record("RNNScan", y, inputs, func(g *Tensor) []*Tensor {
		gxp, gh0, gw, gb := emptyUninit(xp.dtype, xp.shape), ZerosLike(h0), ZerosLike(whh), (*Tensor)(nil) // the scan writes all of gxp
		if bhh != nil {
			gb = ZerosLike(bhh)
		}
		if xp.dtype == Float64 {
			rnnBackward(g.f64, yd.f64, h0d.f64, wd.f64, gxp.f64, gh0.f64, gw.f64, optSlice64(gb), b, t, h)
		} else {
			rnnBackward(g.f32, yd.f32, h0d.f32, wd.f32, gxp.f32, gh0.f32, gw.f32, optSlice32(gb), b, t, h)
		}
		return freshGrads(gxp, gh0, gw, gb)
	})
}

func rnnForward[T float](xp, h0, whh, bhh, y []T, b, t, h int) {
	ld := t * h // row stride of one time step's [B, H] slab inside [B, T, H]
	pw := newStepWeight(t, b, true, h, h, whh, h)
	scanShards(b, t*h*h, func(i0, i1, threads int) {
		for s := range t {
			for i := i0; i < i1; i++ {
				row := y[i*ld+s*h : i*ld+s*h+h]
				copy(row, xp[i*ld+s*h:])
				if bhh != nil {
					for j := range row {
						row[j] += bhh[j]
					}
				}
			}
			prev, lp := h0[i0*h:], h
			if s > 0 {
				prev, lp = y[i0*ld+(s-1)*h:], ld
			}
			pw.mul(threads, i1-i0, prev, lp, 1, y[i0*ld+s*h:], ld)
			rowsFor(i0, i1, threads, h, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					row := y[i*ld+s*h : i*ld+s*h+h]
					tanhRow(row, row)
				}
			})
		}
	})
}

func rnnBackward[T float](gy, y, h0, whh, gxp, gh0, gw, gb []T, b, t, h int) {
	ld := t * h
	dh := make([]T, b*h) // gradient flowing into h_{s} from step s+1
	pw := newStepWeight(t, b, false, h, h, whh, h)
	scanShards(b, t*h*h, func(i0, i1, threads int) {
		for s := t - 1; s >= 0; s-- {
			for i := i0; i < i1; i++ {
				o := i*ld + s*h
				tanhGrad(gxp[o:o+h], gy[o:o+h], dh[i*h:i*h+h], y[o:o+h])
			}
			// dh_{s-1} = da_s · Whh
			pw.mul(threads, i1-i0, gxp[i0*ld+s*h:], ld, 0, dh[i0*h:], h)
		}
	})
	copy(gh0, dh)
	// dWhh = Σ_s da_sᵀ · h_{s-1}, as one product over all B·T rows
	hp := shiftedStates(y, h0, b, t, h, h, 0)
	defer putScratch(hp)
	gemm(true, false, h, h, b*t, gxp, h, hp, h, 1, gw, h) // gw is zeros
	if gb != nil {
		addRows(gxp[:b*t*h], gb) // dbhh = Σ over rows
	}
}

// tanhGrad sets dst[j] = (a[j] + b[j])·(1 - y[j]²): the gradient through
// h = tanh(pre) of the two gradients flowing into h. The reslicing lets
// the compiler drop the bounds checks of the loop.
func tanhGrad[T float](dst, a, b, y []T) {
	a, b, y = a[:len(dst)], b[:len(dst)], y[:len(dst)]
	for j, yv := range y {
		dst[j] = (a[j] + b[j]) * (1 - yv*yv)
	}
}

// shiftedStates returns [B, T, H] holding h_{s-1} at step s: h0 at s = 0,
// then the hidden states read from y, whose rows are w wide with the state at
// column off. It is scratch: give it back with putScratch.
func shiftedStates[T float](y, h0 []T, b, t, h, w, off int) []T {
	hp := scratch[T](b * t * h)
	for i := range b {
		copy(hp[i*t*h:], h0[i*h:(i+1)*h])
		for s := 1; s < t; s++ {
			src := y[(i*t+s-1)*w+off:]
			copy(hp[(i*t+s)*h:(i*t+s)*h+h], src[:h])
		}
	}
	return hp
}

// scanDims checks the operands of a recurrence with gates gates (1 for
// RNN, 4 for LSTM, 3 for GRU) and returns B, T, H.
func scanDims(op string, xp, h0, whh, bhh *Tensor, gates int) (b, t, h int) {
	ts := []*Tensor{xp, h0, whh}
	if bhh != nil {
		ts = append(ts, bhh)
	}
	sameDType(op, ts...)
	if xp.Rank() != 3 || h0.Rank() != 2 || whh.Rank() != 2 {
		panicf(op, ts, "want xp [B, T, %dH], h0 [B, H], whh [%dH, H]", gates, gates)
	}
	b, t, h = xp.shape[0], xp.shape[1], h0.shape[1]
	if xp.shape[2] != gates*h || h0.shape[0] != b || whh.shape[0] != gates*h || whh.shape[1] != h {
		panicf(op, ts, "want xp [B, T, %dH], h0 [B, H], whh [%dH, H] with H = %d", gates, gates, h)
	}
	if bhh != nil && (bhh.Rank() != 1 || bhh.shape[0] != gates*h) {
		panicf(op, ts, "bhh must be [%d]", gates*h)
	}
	return b, t, h
}

func scanInputs(ts ...*Tensor) []*Tensor {
	var in []*Tensor
	for _, t := range ts {
		if t != nil {
			in = append(in, t)
		}
	}
	return in
}

func optSlice32(t *Tensor) []float32 {
	if t == nil {
		return nil
	}
	return t.f32
}

func optSlice64(t *Tensor) []float64 {
	if t == nil {
		return nil
	}
	return t.f64
}
