package kernels

// Products with one row of A (m = 1: a vector times a matrix, as in
// sampling with batch 1) read every value of B once, so packing B would
// cost as much as the product. They go to a vector kernel instead, one row
// of C at a time; small m up to gemvMaxRows does the same.

// gemvMaxRows is the largest m computed row by row with geometry.gemv.
const gemvMaxRows = 4

// gemvRows computes C += alpha*op(A)*op(B) one row of C at a time.
func gemvRows[T float](g *geometry[T], o *operands[T], row []T) {
	for i := range o.m {
		// Row i of op(A), contiguous in row.
		var a []T
		if o.transA {
			a = row[:o.k]
			for p := range a {
				a[p] = o.a[p*o.lda+i]
			}
		} else {
			a = o.a[i*o.lda : i*o.lda+o.k]
		}
		g.gemv(o.transB, o.n, o.k, o.alpha, a, o.b, o.ldb, o.c[i*o.ldc:i*o.ldc+o.n])
	}
}

// gemvGo is the portable vector kernel: c[j] += alpha * sum over p of
// a[p]*op(B)[p, j] for j < n, where op(B)[p, j] is b[p*ldb+j], or
// b[j*ldb+p] if transB.
func gemvGo[T float](transB bool, n, k int, alpha T, a, b []T, ldb int, c []T) {
	c = c[:n]
	if transB {
		for j := range c {
			row := b[j*ldb : j*ldb+k]
			var s T
			for p, v := range row {
				s += a[p] * v
			}
			c[j] += alpha * s
		}
		return
	}
	for p, av := range a[:k] {
		av *= alpha
		row := b[p*ldb : p*ldb+n]
		for j, v := range row {
			c[j] += av * v
		}
	}
}
