#include "textflag.h"

// func packRowsAVX(dst, src *float32, ld, kc, panels, nr int)
//
// For p < kc and q < panels, copies the nr floats at src[p*ld + q*nr] to
// dst[q*kc*nr + p*nr]: full column panels of a row-major B, read row by row.
// nr is a multiple of 8.
TEXT ·packRowsAVX(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ld+16(FP), R8
	SHLQ $2, R8
	MOVQ kc+24(FP), CX
	MOVQ panels+32(FP), R9
	MOVQ nr+40(FP), R10
	MOVQ CX, R11
	IMULQ R10, R11
	SHLQ $2, R11          // panel stride in bytes: kc*nr*4
	SHRQ $3, R10          // vectors per panel row
	TESTQ CX, CX
	JEQ done
	TESTQ R9, R9
	JEQ done
row:
	MOVQ SI, AX           // source cursor in this row
	MOVQ DI, DX           // destination cursor: row p of panel 0
	MOVQ R9, BX
panel:
	MOVQ R10, R12
	MOVQ DX, R13
vec:
	VMOVUPS (AX), Y0
	VMOVUPS Y0, (R13)
	ADDQ $32, AX
	ADDQ $32, R13
	DECQ R12
	JNZ vec
	ADDQ R11, DX
	DECQ BX
	JNZ panel
	ADDQ R8, SI
	MOVQ nr+40(FP), R12
	SHLQ $2, R12
	ADDQ R12, DI
	DECQ CX
	JNZ row
done:
	VZEROUPPER
	RET
