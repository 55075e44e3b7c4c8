package dl

// GRUScan runs the GRU recurrence over a sequence in one op, with PyTorch's
// gate order (reset, update, new) and its placement of the reset gate:
//
//	[hr hz hn] = h_{t-1}·Whhᵀ + bhh
//	r = σ(xr + hr), z = σ(xz + hz), n = tanh(xn + r⊙hn)
//	h_t = (1-z)⊙n + z⊙h_{t-1}
//
// xp is [B, T, 3H] (input projections with bih), h0 is [B, H], whh is
// [3H, H], bhh is [3H] or nil. The result is [B, T, H].
func GRUScan(xp, h0, whh, bhh *Tensor) *Tensor {
	b, t, h := scanDims("GRUScan", xp, h0, whh, bhh, 3)
	y := emptyUninit(xp.dtype, []int{b, t, h})
	saved := emptyUninit(xp.dtype, []int{b, t, 4 * h}) // r, z, n, hn per step
	if xp.dtype == Float64 {
		gruForward(xp.f64, h0.f64, whh.f64, optSlice64(bhh), y.f64, saved.f64, b, t, h)
	} else {
		gruForward(xp.f32, h0.f32, whh.f32, optSlice32(bhh), y.f32, saved.f32, b, t, h)
	}
	if !recording(xp, h0, whh, bhh) {
		return y
	}
	inputs := scanInputs(xp, h0, whh, bhh)
	yd, h0d, wd := y.Detach(), h0.Detach(), whh.Detach()
	return record("GRUScan", y, inputs, func(g *Tensor) []*Tensor {
		gxp, gh0, gw := emptyUninit(xp.dtype, xp.shape), ZerosLike(h0), ZerosLike(whh) // the scan writes all of gxp
		var gb *Tensor
		if bhh != nil {
			gb = ZerosLike(bhh)
		}
		if xp.dtype == Float64 {
			gruBackward(g.f64, yd.f64, saved.f64, h0d.f64, wd.f64, gxp.f64, gh0.f64, gw.f64, optSlice64(gb), b, t, h)
		} else {
			gruBackward(g.f32, yd.f32, saved.f32, h0d.f32, wd.f32, gxp.f32, gh0.f32, gw.f32, optSlice32(gb), b, t, h)
		}
		return freshGrads(gxp, gh0, gw, gb)
	})
}

func gruForward[T float](xp, h0, whh, bhh, y, saved []T, b, t, h int) {
	g3 := 3 * h
	hp := scratch[T](b * g3)
	defer putScratch(hp)
	pw := newStepWeight(t, b, true, h, g3, whh, h)
	scanShards(b, t*h*g3, func(i0, i1, threads int) {
		for s := range t {
			for i := i0; i < i1; i++ {
				row := hp[i*g3 : (i+1)*g3]
				if bhh != nil {
					copy(row, bhh)
				} else {
					clear(row)
				}
			}
			prev, lp := h0[i0*h:], h
			if s > 0 {
				prev, lp = y[(i0*t+s-1)*h:], t*h
			}
			pw.mul(threads, i1-i0, prev, lp, 1, hp[i0*g3:], g3)
			rowsFor(i0, i1, threads, 3*h, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					x := xp[(i*t+s)*g3 : (i*t+s+1)*g3]
					q := hp[i*g3 : (i+1)*g3]
					sv := saved[(i*t+s)*4*h : (i*t+s+1)*4*h]
					hPrev := h0[i*h : (i+1)*h]
					if s > 0 {
						hPrev = y[(i*t+s-1)*h : (i*t+s)*h]
					}
					out := y[(i*t+s)*h : (i*t+s+1)*h]
					for j := range 2 * h {
						sv[j] = x[j] + q[j]
					}
					sigmoidRow(sv[:2*h], sv[:2*h]) // r, z
					r, z, n := sv[:h], sv[h:2*h], sv[2*h:3*h]
					for j := range h {
						n[j] = x[2*h+j] + r[j]*q[2*h+j]
						sv[3*h+j] = q[2*h+j]
					}
					tanhRow(n, n)
					for j := range h {
						out[j] = (1-z[j])*n[j] + z[j]*hPrev[j]
					}
				}
			})
		}
	})
}

func gruBackward[T float](gy, y, saved, h0, whh, gxp, gh0, gw, gb []T, b, t, h int) {
	g3 := 3 * h
	dh := make([]T, b*h)
	dhp := scratch[T](b * t * g3) // gradients of [hr hz hn] for every step
	defer putScratch(dhp)
	pw := newStepWeight(t, b, false, g3, h, whh, h)
	scanShards(b, t*h*g3, func(i0, i1, threads int) {
		for s := t - 1; s >= 0; s-- {
			rowsFor(i0, i1, threads, h, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					sv := saved[(i*t+s)*4*h : (i*t+s+1)*4*h]
					dx := gxp[(i*t+s)*g3 : (i*t+s+1)*g3]
					dq := dhp[(i*t+s)*g3 : (i*t+s+1)*g3]
					hPrev := h0[i*h : (i+1)*h]
					if s > 0 {
						hPrev = y[(i*t+s-1)*h : (i*t+s)*h]
					}
					for j := range h {
						r, z, n, hn := sv[j], sv[h+j], sv[2*h+j], sv[3*h+j]
						d := gy[(i*t+s)*h+j] + dh[i*h+j]
						dpn := d * (1 - z) * (1 - n*n)
						dpz := d * (hPrev[j] - n) * z * (1 - z)
						dpr := dpn * hn * r * (1 - r)
						dx[j], dx[h+j], dx[2*h+j] = dpr, dpz, dpn
						dq[j], dq[h+j], dq[2*h+j] = dpr, dpz, dpn*r
						dh[i*h+j] = d * z // the direct path; the Whh path is added below
					}
				}
			})
			pw.mul(threads, i1-i0, dhp[(i0*t+s)*g3:], t*g3, 1, dh[i0*h:], h)
		}
	})
	copy(gh0, dh)
	hs := shiftedStates(y, h0, b, t, h, h, 0)
	defer putScratch(hs)
	gemm(true, false, g3, h, b*t, dhp, g3, hs, h, 1, gw, h) // gw is zeros
	if gb != nil {
		addRows(dhp[:b*t*g3], gb) // dbhh = Σ over rows
	}
}
