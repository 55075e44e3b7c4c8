#include "textflag.h"

// Matrix-vector kernels for products with one row of A (see gemv.go). They
// use 256-bit AVX2 registers on every x86 machine: a vector product reads
// each value of B once, so it is bound by cache bandwidth, not by FMAs.

// func sgemvNAVX(k int, a, b *float32, ldb int, c *float32, blocks int, alpha float32)
//
// For j < 32*blocks: c[j] += alpha * sum over p < k of a[p] * b[p*ldb + j].
// Each block of 32 columns is summed in registers over all of k, two depth
// steps at a time into two sets of accumulators.
TEXT ·sgemvNAVX(SB), NOSPLIT, $0-52
	MOVQ ldb+24(FP), R8
	SHLQ $2, R8
	MOVQ b+16(FP), R9
	MOVQ c+32(FP), DX
	MOVQ blocks+40(FP), BX
	VBROADCASTSS alpha+48(FP), Y15
	TESTQ BX, BX
	JEQ ndone
nblock:
	MOVQ a+8(FP), SI
	MOVQ R9, DI
	MOVQ k+0(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	CMPQ CX, $2
	JLT ntail
nloop:
	VBROADCASTSS (SI), Y8
	VBROADCASTSS 4(SI), Y9
	VFMADD231PS (DI), Y8, Y0
	VFMADD231PS 32(DI), Y8, Y1
	VFMADD231PS 64(DI), Y8, Y2
	VFMADD231PS 96(DI), Y8, Y3
	VFMADD231PS (DI)(R8*1), Y9, Y4
	VFMADD231PS 32(DI)(R8*1), Y9, Y5
	VFMADD231PS 64(DI)(R8*1), Y9, Y6
	VFMADD231PS 96(DI)(R8*1), Y9, Y7
	LEAQ (DI)(R8*2), DI
	ADDQ $8, SI
	SUBQ $2, CX
	CMPQ CX, $2
	JGE nloop
ntail:
	TESTQ CX, CX
	JEQ nstore
	VBROADCASTSS (SI), Y8
	VFMADD231PS (DI), Y8, Y0
	VFMADD231PS 32(DI), Y8, Y1
	VFMADD231PS 64(DI), Y8, Y2
	VFMADD231PS 96(DI), Y8, Y3
nstore:
	VADDPS Y4, Y0, Y0
	VADDPS Y5, Y1, Y1
	VADDPS Y6, Y2, Y2
	VADDPS Y7, Y3, Y3
	VMOVUPS (DX), Y8
	VFMADD231PS Y0, Y15, Y8
	VMOVUPS Y8, (DX)
	VMOVUPS 32(DX), Y9
	VFMADD231PS Y1, Y15, Y9
	VMOVUPS Y9, 32(DX)
	VMOVUPS 64(DX), Y10
	VFMADD231PS Y2, Y15, Y10
	VMOVUPS Y10, 64(DX)
	VMOVUPS 96(DX), Y11
	VFMADD231PS Y3, Y15, Y11
	VMOVUPS Y11, 96(DX)
	ADDQ $128, R9
	ADDQ $128, DX
	DECQ BX
	JNZ nblock
ndone:
	VZEROUPPER
	RET

// func sgemvTAVX(k int, a, b *float32, ldb int, c *float32, quads int, alpha float32)
//
// For j < 4*quads: c[j] += alpha * sum over p < k of a[p] * b[j*ldb + p],
// k a multiple of 8: dot products of a with four rows of B at a time, each
// in its own accumulator, reduced across lanes at the end.
TEXT ·sgemvTAVX(SB), NOSPLIT, $0-52
	MOVQ ldb+24(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R10
	MOVQ b+16(FP), R9
	MOVQ c+32(FP), DX
	MOVQ quads+40(FP), BX
	VBROADCASTSS alpha+48(FP), X15
	TESTQ BX, BX
	JEQ tdone
tquad:
	MOVQ a+8(FP), SI
	MOVQ R9, DI
	MOVQ k+0(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	TESTQ CX, CX
	JEQ treduce
tloop:
	VMOVUPS (SI), Y8
	VFMADD231PS (DI), Y8, Y0
	VFMADD231PS (DI)(R8*1), Y8, Y1
	VFMADD231PS (DI)(R8*2), Y8, Y2
	VFMADD231PS (DI)(R10*1), Y8, Y3
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JNZ tloop
treduce:
	VHADDPS Y1, Y0, Y8
	VHADDPS Y3, Y2, Y9
	VHADDPS Y9, Y8, Y10
	VEXTRACTF128 $1, Y10, X11
	VADDPS X11, X10, X10
	VMOVUPS (DX), X12
	VFMADD231PS X10, X15, X12
	VMOVUPS X12, (DX)
	LEAQ (R9)(R8*4), R9
	ADDQ $16, DX
	DECQ BX
	JNZ tquad
tdone:
	VZEROUPPER
	RET
