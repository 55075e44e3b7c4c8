package kernels

//go:noescape
func sgemvNAVX(k int, a, b *float32, ldb int, c *float32, blocks int, alpha float32)

//go:noescape
func sgemvTAVX(k int, a, b *float32, ldb int, c *float32, quads int, alpha float32)

// gemvFast32 is geometry.gemv for the assembly geometries: the assembly
// covers whole blocks of 32 columns (B as stored) or of 4 columns and 8
// depth steps (B transposed), and gemvGo the rest.
func gemvFast32(transB bool, n, k int, alpha float32, a, b []float32, ldb int, c []float32) {
	if !transB {
		blocks := n / 32
		if blocks > 0 {
			_ = b[(k-1)*ldb+blocks*32-1]
			_ = c[blocks*32-1]
			sgemvNAVX(k, &a[0], &b[0], ldb, &c[0], blocks, alpha)
		}
		if rest := blocks * 32; rest < n {
			gemvGo(false, n-rest, k, alpha, a, b[rest:], ldb, c[rest:])
		}
		return
	}
	quads, k8 := n/4, k&^7
	if quads > 0 && k8 > 0 {
		_ = b[(quads*4-1)*ldb+k8-1]
		_ = c[quads*4-1]
		sgemvTAVX(k8, &a[0], &b[0], ldb, &c[0], quads, alpha)
		if k8 < k {
			// The depth steps past the last multiple of 8, for those columns.
			gemvGo(true, quads*4, k-k8, alpha, a[k8:], b[k8:], ldb, c)
		}
	} else {
		quads = 0
	}
	if rest := quads * 4; rest < n {
		gemvGo(true, n-rest, k, alpha, a, b[rest*ldb:], ldb, c[rest:])
	}
}
