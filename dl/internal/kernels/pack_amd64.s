#include "textflag.h"

// func packRowsAVX(dst, src *float32, ld, kc, panels, nr int)
//
// For p < kc and q < panels, copies the nr floats at src[p*ld + q*nr] to
// dst[q*kc*nr + p*nr]: full column panels of a row-major B, read row by row,
// or the row panels of a transposed A (nr = mr, 12 or 6). Whole vectors of
// 8 floats, then 4, 2 and 1 for the rest of nr.
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
	SHRQ $3, R10          // whole vectors per panel row
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
	TESTQ R12, R12
	JEQ tail
vec:
	VMOVUPS (AX), Y0
	VMOVUPS Y0, (R13)
	ADDQ $32, AX
	ADDQ $32, R13
	DECQ R12
	JNZ vec
tail:
	MOVQ nr+40(FP), R12
	ANDQ $7, R12
	JEQ next
	TESTQ $4, R12
	JEQ tail2
	VMOVUPS (AX), X0
	VMOVUPS X0, (R13)
	ADDQ $16, AX
	ADDQ $16, R13
tail2:
	TESTQ $2, R12
	JEQ tail1
	MOVQ (AX), X0
	MOVQ X0, (R13)
	ADDQ $8, AX
	ADDQ $8, R13
tail1:
	TESTQ $1, R12
	JEQ next
	MOVSS (AX), X0
	MOVSS X0, (R13)
	ADDQ $4, AX
next:
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

// func packTransAVX(dst, src *float32, ld, kc, nr int)
//
// For p < kc and j < nr, dst[p*nr + j] = src[j*ld + p]: one full column
// panel of op(B) = B transposed, where B's rows are contiguous in p. kc is a
// multiple of 8 and nr of 8. Works in 8x8 blocks: eight rows of B are loaded
// and transposed in registers (unpack, shuffle, lane permute), and each
// result row is one depth step of eight panel columns.
TEXT ·packTransAVX(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ld+16(FP), R8
	SHLQ $2, R8                // ld bytes
	LEAQ (R8)(R8*2), R10       // 3 ld
	LEAQ (R8)(R8*4), R11       // 5 ld
	LEAQ (R10)(R8*4), R12      // 7 ld
	MOVQ kc+24(FP), CX
	MOVQ nr+32(FP), R13
	SHLQ $2, R13               // nr bytes: one depth step of the panel
	TESTQ CX, CX
	JEQ tdone
tstep:                         // depth steps p0 .. p0+7
	MOVQ SI, R9                // rows 0..7 of B at column p0
	MOVQ DI, DX                // panel columns 0..7 at step p0
	MOVQ nr+32(FP), BX
	SHRQ $3, BX
tblock:
	VMOVUPS (R9), Y0
	VMOVUPS (R9)(R8*1), Y1
	VMOVUPS (R9)(R8*2), Y2
	VMOVUPS (R9)(R10*1), Y3
	VMOVUPS (R9)(R8*4), Y4
	VMOVUPS (R9)(R11*1), Y5
	VMOVUPS (R9)(R10*2), Y6
	VMOVUPS (R9)(R12*1), Y7
	VUNPCKLPS Y1, Y0, Y8
	VUNPCKHPS Y1, Y0, Y9
	VUNPCKLPS Y3, Y2, Y10
	VUNPCKHPS Y3, Y2, Y11
	VUNPCKLPS Y5, Y4, Y12
	VUNPCKHPS Y5, Y4, Y13
	VUNPCKLPS Y7, Y6, Y14
	VUNPCKHPS Y7, Y6, Y15
	VSHUFPS $0x44, Y10, Y8, Y0
	VSHUFPS $0xEE, Y10, Y8, Y1
	VSHUFPS $0x44, Y11, Y9, Y2
	VSHUFPS $0xEE, Y11, Y9, Y3
	VSHUFPS $0x44, Y14, Y12, Y4
	VSHUFPS $0xEE, Y14, Y12, Y5
	VSHUFPS $0x44, Y15, Y13, Y6
	VSHUFPS $0xEE, Y15, Y13, Y7
	VPERM2F128 $0x20, Y4, Y0, Y8
	VPERM2F128 $0x20, Y5, Y1, Y9
	VPERM2F128 $0x20, Y6, Y2, Y10
	VPERM2F128 $0x20, Y7, Y3, Y11
	VPERM2F128 $0x31, Y4, Y0, Y12
	VPERM2F128 $0x31, Y5, Y1, Y13
	VPERM2F128 $0x31, Y6, Y2, Y14
	VPERM2F128 $0x31, Y7, Y3, Y15
	MOVQ DX, AX
	VMOVUPS Y8, (AX)
	ADDQ R13, AX
	VMOVUPS Y9, (AX)
	ADDQ R13, AX
	VMOVUPS Y10, (AX)
	ADDQ R13, AX
	VMOVUPS Y11, (AX)
	ADDQ R13, AX
	VMOVUPS Y12, (AX)
	ADDQ R13, AX
	VMOVUPS Y13, (AX)
	ADDQ R13, AX
	VMOVUPS Y14, (AX)
	ADDQ R13, AX
	VMOVUPS Y15, (AX)
	LEAQ (R9)(R8*8), R9        // next eight rows of B
	ADDQ $32, DX               // next eight panel columns
	DECQ BX
	JNZ tblock
	ADDQ $32, SI               // next eight depth steps
	LEAQ (DI)(R13*8), DI
	SUBQ $8, CX
	JNZ tstep
tdone:
	VZEROUPPER
	RET
