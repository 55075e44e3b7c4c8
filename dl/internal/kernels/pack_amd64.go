package kernels

//go:noescape
func packRowsAVX(dst, src *float32, ld, kc, panels, nr int)

// packRowsFast32 is geometry.packRows for the assembly geometries.
func packRowsFast32(dst, src []float32, ld, kc, panels, nr int) {
	if kc == 0 || panels == 0 {
		return
	}
	_ = dst[(panels-1)*kc*nr+kc*nr-1]
	_ = src[(kc-1)*ld+panels*nr-1]
	packRowsAVX(&dst[0], &src[0], ld, kc, panels, nr)
}
