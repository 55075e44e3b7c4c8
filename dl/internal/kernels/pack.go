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
		for i := range rows {
			src := o.a[(ic+ir+i)*o.lda+pc:]
			src = src[:kc]
			for p, v := range src {
				panel[p*rows+i] = alpha * v
			}
		}
	}
}

// packB copies depth [pc, pc+kc) and columns [jc, jc+nc) of op(B) into dst
// as column panels of nr columns: panel j starts at j*nr*kc and holds, for
// each depth step p, nr consecutive values. The last panel is padded with
// zeros to nr columns.
func packB[T float](dst []T, o *operands[T], pc, kc, jc, nc, nr int) {
	for jr := 0; jr < nc; jr += nr {
		cols := min(nr, nc-jr)
		panel := dst[jr*kc : (jr+nr)*kc]
		if !o.transB {
			// B is stored k-by-n: each depth step is a contiguous run.
			for p := range kc {
				src := o.b[(pc+p)*o.ldb+jc+jr:]
				d := panel[p*nr : p*nr+nr]
				copy(d, src[:cols])
				clear(d[cols:])
			}
			continue
		}
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
