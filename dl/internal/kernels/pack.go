package kernels

import "unsafe"

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

// packATrans copies rows [ic, ic+mc) and depth [pc, pc+kc) of op(A), for A
// stored transposed (k-by-m), into dst as row panels of mr rows: panel q
// starts at q*mr*kc and holds, for each depth step p, the panel's values of
// A's stored row pc+p. Read in place, the kernel would step through A by
// lda at every depth step; when lda is a multiple of 1024 floats (a
// [2048, 1024] gradient) every step lands in the same L1 cache set and the
// product ran at half speed. A partial last panel is not padded: the
// kernel for its row count reads only its rows.
func packATrans[T float](g *geometry[T], dst []T, o *operands[T], ic, mc, pc, kc int) {
	mr := g.mr
	panels := mc / mr
	full := panels * mr
	if g.packRows != nil && panels > 0 {
		g.packRows(dst, o.a[pc*o.lda+ic:], o.lda, kc, panels, mr)
	} else {
		for p := range kc {
			src := o.a[(pc+p)*o.lda+ic:][:full]
			for ir := 0; ir < full; ir += mr {
				copy(dst[ir*kc+p*mr:ir*kc+p*mr+mr], src[ir:ir+mr])
			}
		}
	}
	if full < mc {
		for p := range kc {
			copy(dst[full*kc+p*mr:full*kc+p*mr+mc-full], o.a[(pc+p)*o.lda+ic+full:][:mc-full])
		}
	}
}

// copyARows copies rows [ic, ic+mc), depth [pc, pc+kc) of a row-major A
// into bufs.a and returns their stride there: kc rounded up to 64 bytes,
// plus 64 bytes when that is a multiple of 4 KB.
func copyARows[T float](bufs *packBuffers[T], o *operands[T], ic, mc, pc, kc int) int {
	var zero T
	line := 64 / int(unsafe.Sizeof(zero))
	lap := roundUp(kc, line)
	if lap*int(unsafe.Sizeof(zero))%4096 == 0 {
		lap += line
	}
	bufs.a = grow(bufs.a, mc*lap)
	for i := range mc {
		copy(bufs.a[i*lap:i*lap+kc], o.a[(ic+i)*o.lda+pc:])
	}
	return lap
}
