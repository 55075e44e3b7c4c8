package kernels

import "sync"

// The portable micro-kernels: a 4x4 register tile in plain Go. They serve
// float64 everywhere and float32 where no assembly kernel applies (arm64,
// amd64 without AVX2+FMA), and the tests compare the assembly against them.

const goMR, goNR = 4, 4

// goKernel4 is the full 4x4 tile with its sixteen accumulators in locals.
func goKernel4[T float](k int, a []T, rs, ks int, b, c []T, ldc int, alpha T, init []T) {
	var c00, c01, c02, c03 T
	var c10, c11, c12, c13 T
	var c20, c21, c22, c23 T
	var c30, c31, c32, c33 T
	b = b[:4*k]
	if rs == 1 {
		// Rows side by side at each depth step.
		for p := 0; p < k; p++ {
			bp := b[4*p : 4*p+4 : 4*p+4]
			ap := a[p*ks : p*ks+4 : p*ks+4]
			b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
			a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
			c00, c01, c02, c03 = c00+a0*b0, c01+a0*b1, c02+a0*b2, c03+a0*b3
			c10, c11, c12, c13 = c10+a1*b0, c11+a1*b1, c12+a1*b2, c13+a1*b3
			c20, c21, c22, c23 = c20+a2*b0, c21+a2*b1, c22+a2*b2, c23+a2*b3
			c30, c31, c32, c33 = c30+a3*b0, c31+a3*b1, c32+a3*b2, c33+a3*b3
		}
	} else {
		// Rows contiguous (ks = 1).
		r0, r1, r2, r3 := a[:k], a[rs:rs+k], a[2*rs:2*rs+k], a[3*rs:3*rs+k]
		for p, a0 := range r0 {
			bp := b[4*p : 4*p+4 : 4*p+4]
			b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
			a1, a2, a3 := r1[p], r2[p], r3[p]
			c00, c01, c02, c03 = c00+a0*b0, c01+a0*b1, c02+a0*b2, c03+a0*b3
			c10, c11, c12, c13 = c10+a1*b0, c11+a1*b1, c12+a1*b2, c13+a1*b3
			c20, c21, c22, c23 = c20+a2*b0, c21+a2*b1, c22+a2*b2, c23+a2*b3
			c30, c31, c32, c33 = c30+a3*b0, c31+a3*b1, c32+a3*b2, c33+a3*b3
		}
	}
	if init != nil {
		i := init[0:4:4]
		r := c[0:4:4]
		r[0], r[1], r[2], r[3] = alpha*c00+i[0], alpha*c01+i[1], alpha*c02+i[2], alpha*c03+i[3]
		r = c[ldc : ldc+4 : ldc+4]
		r[0], r[1], r[2], r[3] = alpha*c10+i[0], alpha*c11+i[1], alpha*c12+i[2], alpha*c13+i[3]
		r = c[2*ldc : 2*ldc+4 : 2*ldc+4]
		r[0], r[1], r[2], r[3] = alpha*c20+i[0], alpha*c21+i[1], alpha*c22+i[2], alpha*c23+i[3]
		r = c[3*ldc : 3*ldc+4 : 3*ldc+4]
		r[0], r[1], r[2], r[3] = alpha*c30+i[0], alpha*c31+i[1], alpha*c32+i[2], alpha*c33+i[3]
		return
	}
	r := c[0:4:4]
	r[0], r[1], r[2], r[3] = r[0]+alpha*c00, r[1]+alpha*c01, r[2]+alpha*c02, r[3]+alpha*c03
	r = c[ldc : ldc+4 : ldc+4]
	r[0], r[1], r[2], r[3] = r[0]+alpha*c10, r[1]+alpha*c11, r[2]+alpha*c12, r[3]+alpha*c13
	r = c[2*ldc : 2*ldc+4 : 2*ldc+4]
	r[0], r[1], r[2], r[3] = r[0]+alpha*c20, r[1]+alpha*c21, r[2]+alpha*c22, r[3]+alpha*c23
	r = c[3*ldc : 3*ldc+4 : 3*ldc+4]
	r[0], r[1], r[2], r[3] = r[0]+alpha*c30, r[1]+alpha*c31, r[2]+alpha*c32, r[3]+alpha*c33
}

// goKernelRows is the tile of fewer than four rows at the bottom of a block.
func goKernelRows[T float](rows, k int, a []T, rs, ks int, b, c []T, ldc int, alpha T, init []T) {
	var acc [goMR * goNR]T
	for p := range k {
		bp := b[p*goNR : p*goNR+goNR]
		for i := range rows {
			av := a[i*rs+p*ks]
			row := acc[i*goNR : i*goNR+goNR]
			for j, bv := range bp {
				row[j] += av * bv
			}
		}
	}
	for i := range rows {
		crow := c[i*ldc : i*ldc+goNR]
		for j := range crow {
			if init != nil {
				crow[j] = alpha*acc[i*goNR+j] + init[j]
			} else {
				crow[j] += alpha * acc[i*goNR+j]
			}
		}
	}
}

func goKernels[T float]() []microKernel[T] {
	rows := func(r int) microKernel[T] {
		return func(k int, a []T, rs, ks int, b, c []T, ldc int, alpha T, init []T) {
			goKernelRows(r, k, a, rs, ks, b, c, ldc, alpha, init)
		}
	}
	return []microKernel[T]{rows(1), rows(2), rows(3), goKernel4[T]}
}

// goGeometry32 and goGeometry64 are the portable implementations.
var (
	goGeometry32 = &geometry[float32]{
		name: "go", mr: goMR, nr: goNR, kernels: goKernels[float32](), zeroRow: make([]float32, goNR),
		kc: 256, mc: 64, nc: 1024, pool: new(sync.Pool), jobs: new(sync.Pool), gemv: gemvGo[float32],
	}
	goGeometry64 = &geometry[float64]{
		name: "go", mr: goMR, nr: goNR, kernels: goKernels[float64](), zeroRow: make([]float64, goNR),
		kc: 256, mc: 32, nc: 1024, pool: new(sync.Pool), jobs: new(sync.Pool), gemv: gemvGo[float64],
	}
)
