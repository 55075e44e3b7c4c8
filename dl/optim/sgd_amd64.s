#include "textflag.h"

// func sgdAVX(p, g []float32, lr, wd float32)
//
// Plain SGD, p -= lr·(g + wd·p), on 16 floats at a time for the first
// len(p) &^ 15 elements. The same float32 operations in the same order as
// sgdUpdate's loop, without fused multiply-adds, so bit-identical results.
TEXT ·sgdAVX(SB), NOSPLIT, $0-56
	MOVQ p_base+0(FP), DI
	MOVQ p_len+8(FP), CX
	MOVQ g_base+24(FP), SI
	VBROADCASTSS lr+48(FP), Y8
	VBROADCASTSS wd+52(FP), Y9
	SHRQ $4, CX

loop:
	TESTQ CX, CX
	JZ    done
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMULPS  Y9, Y0, Y2     // wd·p
	VMULPS  Y9, Y1, Y3
	VADDPS  (SI), Y2, Y2   // g + wd·p
	VADDPS  32(SI), Y3, Y3
	VMULPS  Y8, Y2, Y2     // lr·(g + wd·p)
	VMULPS  Y8, Y3, Y3
	VSUBPS  Y2, Y0, Y0
	VSUBPS  Y3, Y1, Y1
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	ADDQ    $64, DI
	ADDQ    $64, SI
	DECQ    CX
	JMP     loop

done:
	VZEROUPPER
	RET
