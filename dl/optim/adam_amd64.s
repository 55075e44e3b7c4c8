#include "textflag.h"

// func adamAVX(p, g, m, v []float32, c *adamCoef)
//
// The Adam update of adamLoop on 8 floats at a time, for the first
// len(p) &^ 7 elements. It does the same float32 operations in the same
// order as adamLoop, without fused multiply-adds, so its results are
// bit-identical. c holds l2, decay, 1-β₁, β₂, 1-β₂, stepSize, bc2, eps.
TEXT ·adamAVX(SB), NOSPLIT, $0-104
	MOVQ p_base+0(FP), DI
	MOVQ p_len+8(FP), CX
	MOVQ g_base+24(FP), SI
	MOVQ m_base+48(FP), R8
	MOVQ v_base+72(FP), R9
	MOVQ c+96(FP), AX
	VBROADCASTSS 0(AX), Y8   // l2
	VBROADCASTSS 4(AX), Y9   // decay
	VBROADCASTSS 8(AX), Y10  // 1-β₁
	VBROADCASTSS 12(AX), Y11 // β₂
	VBROADCASTSS 16(AX), Y12 // 1-β₂
	VBROADCASTSS 20(AX), Y13 // stepSize
	VBROADCASTSS 24(AX), Y14 // bc2
	VBROADCASTSS 28(AX), Y15 // eps
	XORQ BX, BX
	SHRQ $3, CX

loop:
	TESTQ CX, CX
	JZ    done
	VMOVUPS (DI)(BX*4), Y0 // p
	VMOVUPS (SI)(BX*4), Y1 // g
	VMOVUPS (R8)(BX*4), Y2 // m
	VMOVUPS (R9)(BX*4), Y3 // v
	VMULPS  Y8, Y0, Y4     // l2·p
	VADDPS  Y4, Y1, Y1     // d = g + l2·p
	VMULPS  Y9, Y0, Y0     // p·decay
	VSUBPS  Y2, Y1, Y4     // d - m
	VMULPS  Y10, Y4, Y4    // (1-β₁)(d - m)
	VADDPS  Y4, Y2, Y2     // m
	VMULPS  Y11, Y3, Y3    // β₂v
	VMULPS  Y12, Y1, Y4    // (1-β₂)d
	VMULPS  Y1, Y4, Y4     // (1-β₂)d·d
	VADDPS  Y4, Y3, Y3     // v
	VSQRTPS Y3, Y5
	VDIVPS  Y14, Y5, Y5    // √v/bc2
	VADDPS  Y15, Y5, Y5    // + eps
	VMULPS  Y13, Y2, Y6    // stepSize·m
	VDIVPS  Y5, Y6, Y6
	VSUBPS  Y6, Y0, Y0     // p
	VMOVUPS Y0, (DI)(BX*4)
	VMOVUPS Y2, (R8)(BX*4)
	VMOVUPS Y3, (R9)(BX*4)
	ADDQ    $8, BX
	DECQ    CX
	JMP     loop

done:
	VZEROUPPER
	RET
