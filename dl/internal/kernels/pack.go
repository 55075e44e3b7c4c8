package kernels

// packA copies rows [ic, ic+mc) and depth [pc, pc+kc) of alpha*op(A) into
// dst as row panels of mr rows: panel r starts at r*mr*kc and holds, for each
// depth step p, the panel's rows side by side (dst[p*rows+i]). The last panel
// may have fewer than mr rows and is then packed with that smaller stride, so
// no padding is computed. Folding alpha in here costs nothing extra.
func packA[T float](dst []T, o *operands[T], ic, mc, pc, kc, mr int) {
	alpha := o.alpha
	for ir := 0; ir < mc; ir += mr {
		rows := min(mr, mc-ir)
		panel := dst[ir*kc : (ir+rows)*kc]
		if o.transA {
			// A is stored k-by-m: the panel's rows are contiguous per depth step.
			for p := range kc {
				src := o.a[(pc+p)*o.lda+ic+ir:]
				src = src[:rows]
				d := panel[p*rows : p*rows+rows]
				for i, v := range src {
					d[i] = alpha * v
				}
			}
			continue
		}
		// A is stored m-by-k: gather the panel's rows column by column so the
		// writes are sequential; the rows are read as mr parallel streams.
		var srcs [maxMR][]T
		for i := range rows {
			srcs[i] = o.a[(ic+ir+i)*o.lda+pc:][:kc]
		}
		if rows == 4 {
			s0, s1, s2, s3 := srcs[0][:kc], srcs[1][:kc], srcs[2][:kc], srcs[3][:kc]
			for p := range kc {
				d := panel[p*4 : p*4+4 : p*4+4]
				d[0], d[1], d[2], d[3] = alpha*s0[p], alpha*s1[p], alpha*s2[p], alpha*s3[p]
			}
			continue
		}
		for p := range kc {
			d := panel[p*rows : p*rows+rows]
			for i := range d {
				d[i] = alpha * srcs[i][p]
			}
		}
	}
}

// packB copies depth [pc, pc+kc) and columns [jc, jc+nc) of op(B) into dst
// as column panels of nr columns: panel j starts at j*nr*kc and holds, for
// each depth step p, nr consecutive values. The last panel is padded with
// zeros to nr columns.
func packB[T float](dst []T, o *operands[T], pc, kc, jc, nc, nr int) {
	if !o.transB {
		// B is stored k-by-n: read each depth step's row once, sequentially,
		// and deal it out to the panels.
		for p := range kc {
			src := o.b[(pc+p)*o.ldb+jc:][:nc]
			for jr := 0; jr < nc; jr += nr {
				d := dst[jr*kc+p*nr : jr*kc+p*nr+nr]
				if n := copy(d, src[jr:]); n < nr {
					clear(d[n:])
				}
			}
		}
		return
	}
	for jr := 0; jr < nc; jr += nr {
		cols := min(nr, nc-jr)
		panel := dst[jr*kc : (jr+nr)*kc]
		// B is stored n-by-k: column j of op(B) is row j of B.
		if cols < nr {
			clear(panel)
		}
		for j := range cols {
			src := o.b[(jc+jr+j)*o.ldb+pc:]
			src = src[:kc]
			for p, v := range src {
				panel[p*nr+j] = v
			}
		}
	}
}
