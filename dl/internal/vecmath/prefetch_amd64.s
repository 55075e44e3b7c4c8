#include "textflag.h"

// func prefetchRows(p *float32, rows, stride, n int)
// PREFETCHT0 every 64-byte line of rows rows of n floats, stride floats apart.
TEXT ·prefetchRows(SB), NOSPLIT, $0-32
	MOVQ p+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ stride+16(FP), DX
	SHLQ $2, DX
	MOVQ n+24(FP), BX
	SHLQ $2, BX

row:
	XORQ AX, AX

line:
	PREFETCHT0 (SI)(AX*1)
	ADDQ $64, AX
	CMPQ AX, BX
	JLT  line
	ADDQ DX, SI
	DECQ CX
	JNZ  row
	RET
