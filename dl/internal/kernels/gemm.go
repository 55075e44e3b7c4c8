package kernels

import (
	"sync"
	"unsafe"
)

// float is the element type of the generic driver.
type float interface{ ~float32 | ~float64 }

// microKernel adds alpha times the product of an A panel and a packed B
// panel to a tile of C:
//
//	C[i*ldc+j] += alpha * sum over p < k of a[i*rs+p*ks] * b[p*nr+j]
//
// or, when init is not nil, stores that plus init[j] without reading C (the
// first depth block of a product with beta 0, so C needs no clearing
// first; init is the bias row's segment for these columns, or zeros).
//
// for i < rows and j < nr. rows is fixed by the kernel (it is the kernel's
// index in geometry.kernels plus one); nr is the geometry's nr. One of rs and
// ks is 1: the A panel is either rows side by side per depth step (rs = 1: a
// packed panel, or a transposed A in place) or rows each contiguous (ks = 1:
// a row-major A in place). b holds k*nr values, c at least (rows-1)*ldc+nr.
type microKernel[T float] func(k int, a []T, rs, ks int, b, c []T, ldc int, alpha T, init []T)

// geometry is one implementation of the blocked product: a family of
// micro-kernels with their register tile and the cache blocking that suits
// them. The driver is the same for all of them.
type geometry[T float] struct {
	name    string
	mr, nr  int              // register tile: up to mr rows by nr columns of C
	kernels []microKernel[T] // kernels[r-1] handles a panel of r rows
	zeroRow []T              // nr zeros: the init of a store without a bias
	kc      int              // depth of a packed block (B micro-panel kc*nr stays in L1)
	mc      int              // rows of a task's A block (mc*kc stays in L2); multiple of mr
	nc      int              // most columns of a packed B block; multiple of nr
	pool    *sync.Pool       // *packBuffers[T], reused across calls
	jobs    *sync.Pool       // *job[T] of parallel products
	minWork int              // if > 0, replaces minWorkPerThread and turns off the contention fallback (tests, benchmarks)

	// packRows, if set, packs full panels of a row-major B: for p < kc
	// and q < panels, dst[q*kc*nr+p*nr:][:nr] = src[p*ld+q*nr:][:nr].
	packRows func(dst, src []T, ld, kc, panels, nr int)
	// packTrans, if set, packs one full panel of a transposed B: for p < kc
	// and j < nr, dst[p*nr+j] = src[j*ld+p].
	packTrans func(dst, src []T, ld, kc, nr int)
	// gemv computes one row of C: c[j] += alpha * sum over p of
	// a[p]*op(B)[p, j] for j < n (see gemv.go).
	gemv func(transB bool, n, k int, alpha T, a, b []T, ldb int, c []T)
}

// buffers takes a worker's packing buffers from the pool.
func (g *geometry[T]) buffers() *packBuffers[T] {
	bufs, _ := g.pool.Get().(*packBuffers[T])
	if bufs == nil {
		bufs = &packBuffers[T]{}
	}
	bufs.tile = grow(bufs.tile, max(g.mr*g.nr, 64))
	return bufs
}

// packBuffers are one worker's packing areas, kept in geometry.pool. Only
// the calling goroutine's b is used: the packed B block is shared.
type packBuffers[T float] struct {
	b    []T
	a    []T // a task's block of a transposed A, in row panels (packATrans)
	tile []T // mr*nr scratch for the right edge of C
}

// grow returns buf with at least n elements, 64-byte aligned for the vector
// loads of the micro-kernels.
func grow[T float](buf []T, n int) []T {
	if cap(buf) >= n {
		return buf[:n]
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	pad := 64 / size
	raw := make([]T, n+pad)
	off := 0
	for uintptr(unsafe.Pointer(&raw[off]))%64 != 0 {
		off++
	}
	return raw[off : off+n : off+n]
}

// operands describes one product C = alpha*op(A)*op(B) + C (beta has already
// been applied). Offsets into the matrices are carried as sub-slices.
type operands[T float] struct {
	transA, transB bool
	zeroC          bool // beta was 0: the kernels store the first depth block (see run)
	bias           []T  // with zeroC, C = op(A)·op(B)·alpha + bias, bias broadcast over rows (nil: zeros)
	m, n, k        int
	alpha          T
	a              []T
	lda            int
	b              []T
	ldb            int
	c              []T
	ldc            int
}

// sub returns the operands for the block of C with rows [i0, i0+m) and
// columns [j0, j0+n).
func (o *operands[T]) sub(i0, m, j0, n int) operands[T] {
	s := *o
	s.m, s.n = m, n
	if m == 0 || n == 0 {
		return s
	}
	if o.transA {
		s.a = o.a[i0:]
	} else {
		s.a = o.a[i0*o.lda:]
	}
	if o.transB {
		s.b = o.b[j0*o.ldb:]
	} else {
		s.b = o.b[j0:]
	}
	s.c = o.c[i0*o.ldc+j0:]
	return s
}

// macroKernel runs the micro-kernel over the mc-by-kc block of A at rows
// ic, depth pc and the packed kc-by-nc block of B whose panels start at bp,
// adding into C at (ic, jc). A is read in place, or from ap when it is not
// nil: the block packed by packATrans. tile is mr*nr scratch for a partial
// panel at the right edge.
func macroKernel[T float](g *geometry[T], bp, ap []T, lap int, tile []T, o *operands[T], ic, mc, pc, jc, nc, kc int) {
	zero := o.zeroC && pc == 0 // beta 0: the first depth block stores instead of adding
	for jr := 0; jr < nc; jr += g.nr {
		cols := min(g.nr, nc-jr)
		bpanel := bp[jr*kc : (jr+g.nr)*kc]
		var init []T // with zero: what the kernel adds to its products
		if zero {
			init = g.zeroRow
			if o.bias != nil && cols == g.nr {
				init = o.bias[jc+jr : jc+jr+g.nr]
			}
		}
		for ir := 0; ir < mc; ir += g.mr {
			rows := min(g.mr, mc-ir)
			kern := g.kernels[rows-1]
			// A is stored k-by-m (rows side by side) or m-by-k (rows
			// contiguous), or packed: rows side by side, mr wide, or
			// copied: the task's rows contiguous, lap apart.
			var apanel []T
			rs, ks := 1, o.lda
			switch {
			case ap != nil && lap > 0:
				apanel, rs, ks = ap[ir*lap:], lap, 1
			case ap != nil:
				apanel, ks = ap[ir*kc:], g.mr
			case o.transA:
				apanel = o.a[pc*o.lda+ic+ir:]
			default:
				apanel, rs, ks = o.a[(ic+ir)*o.lda+pc:], o.lda, 1
			}
			cOff := (ic+ir)*o.ldc + jc + jr
			if cols == g.nr {
				kern(kc, apanel, rs, ks, bpanel, o.c[cOff:], o.ldc, o.alpha, init)
				continue
			}
			kern(kc, apanel, rs, ks, bpanel, tile, g.nr, o.alpha, g.zeroRow)
			for i := range rows {
				crow := o.c[cOff+i*o.ldc : cOff+i*o.ldc+cols]
				trow := tile[i*g.nr : i*g.nr+cols]
				switch {
				case !zero:
					for j, v := range trow {
						crow[j] += v
					}
				case o.bias != nil:
					for j, v := range trow {
						crow[j] = v + o.bias[jc+jr+j]
					}
				default:
					copy(crow, trow)
				}
			}
		}
	}
}

// balance splits total into the fewest blocks of at most block and returns
// their common size rounded up to a multiple of unit, so that no block is a
// tiny remainder (784 = 4*196 rather than 4*192+16).
func balance(total, block, unit int) int {
	if total <= block {
		return total
	}
	blocks := (total + block - 1) / block
	return min(roundUp((total+blocks-1)/blocks, unit), block)
}
