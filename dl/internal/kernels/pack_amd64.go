package kernels

import "unsafe"

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

//go:noescape
func packTransAVX(dst, src *float32, ld, kc, nr int)

// packTransFast32 is geometry.packTrans for the assembly geometries.
func packTransFast32(dst, src []float32, ld, kc, nr int) {
	if kc == 0 {
		return
	}
	_ = dst[kc*nr-1]
	_ = src[(nr-1)*ld+kc-1]
	kc8 := kc &^ 7
	if kc8 > 0 {
		packTransAVX(&dst[0], &src[0], ld, kc8, nr)
	}
	for j := range nr {
		row := src[j*ld : j*ld+kc]
		for p := kc8; p < kc; p++ {
			dst[p*nr+j] = row[p]
		}
	}
}

// packRowsFast64 is geometry.packRows for the float64 assembly geometries:
// a float64 row segment is copied as twice as many float32 bit patterns.
func packRowsFast64(dst, src []float64, ld, kc, panels, nr int) {
	if kc == 0 || panels == 0 {
		return
	}
	_ = dst[(panels-1)*kc*nr+kc*nr-1]
	_ = src[(kc-1)*ld+panels*nr-1]
	packRowsAVX((*float32)(unsafe.Pointer(&dst[0])), (*float32)(unsafe.Pointer(&src[0])), 2*ld, kc, panels, 2*nr)
}
