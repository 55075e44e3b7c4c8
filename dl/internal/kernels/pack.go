package kernels

// packB copies depth [pc, pc+kc) and columns [jc, jc+nc) of op(B) into dst
// as column panels of nr columns: panel j starts at j*nr*kc and holds, for
// each depth step p, nr consecutive values. The last panel is padded with
// zeros to nr columns.
func packB[T float](g *geometry[T], dst []T, o *operands[T], pc, kc, jc, nc int) {
	nr := g.nr
	if !o.transB && g.packRows != nil {
		full := nc / nr
		g.packRows(dst, o.b[pc*o.ldb+jc:], o.ldb, kc, full, nr)
		if rest := nc - full*nr; rest > 0 {
			panel := dst[full*nr*kc : (full+1)*nr*kc]
			for p := range kc {
				d := panel[p*nr : p*nr+nr]
				copy(d, o.b[(pc+p)*o.ldb+jc+full*nr:][:rest])
				clear(d[rest:])
			}
		}
		return
	}
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
		if cols == nr && g.packTrans != nil {
			g.packTrans(panel, o.b[(jc+jr)*o.ldb+pc:], o.ldb, kc, nr)
			continue
		}
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
