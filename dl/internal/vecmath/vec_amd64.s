#include "textflag.h"

// AVX2 + FMA kernels for vecmath, eight float32 lanes per iteration; each
// function handles len(src) &^ 7 elements and vector.go pads the tail.
// They follow scalar.go step by step (same reductions and coefficients)
// with fused multiply-adds. Go's operand order is Intel's reversed:
// VFMADD213PS c, x, p is p = x·p + c; VFMADD231PS c, x, n is n = x·c + n;
// VMAXPS x, lo, x keeps x when x is NaN, so NaN flows through the clamps.

// C8 defines a 32-byte constant: the 4-byte value v in all eight lanes.
#define C8(name, v) DATA name<>+0(SB)/4, $v; DATA name<>+4(SB)/4, $v; DATA name<>+8(SB)/4, $v; DATA name<>+12(SB)/4, $v; DATA name<>+16(SB)/4, $v; DATA name<>+20(SB)/4, $v; DATA name<>+24(SB)/4, $v; DATA name<>+28(SB)/4, $v; GLOBL name<>(SB), RODATA|NOPTR, $32

C8(one, 1.0)
C8(two, 2.0)
C8(half, 0.5)
C8(neghalf, -0.5)
C8(bias, 0x7f)
C8(absmask, 0x7fffffff)
C8(signmask, 0x80000000)
// e^x: clamp (beyond it e^x is 0 or +Inf anyway), n = floor(x·log2e + ½),
// r = x - n·ln2 in two parts, e^r = 1 + r + r²·P(r).
C8(explo, -104.0)
C8(exphi, 89.0)
C8(log2e, 1.44269504088896341)
C8(ln2hi, 0.693359375)
C8(ln2lo, -2.12194440e-4)
C8(ep0, 1.9875691500e-4)
C8(ep1, 1.3981999507e-3)
C8(ep2, 8.3334519073e-3)
C8(ep3, 4.1665795894e-2)
C8(ep4, 1.6666665459e-1)
C8(ep5, 5.0000001201e-1)
// tanh near 0: x + x·z·Q(z), z = x².
C8(tsmall, 0.625)
C8(tq0, -5.70498872745e-3)
C8(tq1, 2.06390887954e-2)
C8(tq2, -5.37397155531e-2)
C8(tq3, 1.33314422036e-1)
C8(tq4, -3.33332819422e-1)
// Φ: erf(z) = z·A(z²) for |z| < 1; erfc(|z|) = t·e^{-z²+B(t)}, t = 1/(1+|z|/2).
C8(rsqrt2, 0.7071067811865476)
C8(ea0, 7.853861353153693e-5)
C8(ea1, -8.010193625184903e-4)
C8(ea2, 5.188327685732524e-3)
C8(ea3, -2.685381193529856e-2)
C8(ea4, 1.128358514861418e-1)
C8(ea5, -3.761262582423300e-1)
C8(ea6, 1.128379165726710)
C8(eb0, 0.17087277)
C8(eb1, -0.82215223)
C8(eb2, 1.48851587)
C8(eb3, -1.13520398)
C8(eb4, 0.27886807)
C8(eb5, -0.18628806)
C8(eb6, 0.09678418)
C8(eb7, 0.37409196)
C8(eb8, 1.00002368)
C8(eb9, -1.26551223)
C8(invs2pi, 0.3989422804014327)

// LOADCLAMP puts EXP's clamp bounds in Y15 and Y14.
#define LOADCLAMP VMOVUPS explo<>(SB), Y15; VMOVUPS exphi<>(SB), Y14

// EXP replaces x with e^x, using n, r2 and p as scratch. The scale 2^n is
// applied as 2^(n>>1)·2^(n-(n>>1)), so both factors are normal floats for
// every n of the clamped range and the result rounds once.
#define EXP(x, n, r2, p) \
	VMAXPS x, Y15, x; \
	VMINPS x, Y14, x; \
	VMOVUPS half<>(SB), n; \
	VFMADD231PS log2e<>(SB), x, n; \
	VROUNDPS $1, n, n; \
	VFNMADD231PS ln2hi<>(SB), n, x; \
	VFNMADD231PS ln2lo<>(SB), n, x; \
	VMULPS x, x, r2; \
	VMOVUPS ep0<>(SB), p; \
	VFMADD213PS ep1<>(SB), x, p; \
	VFMADD213PS ep2<>(SB), x, p; \
	VFMADD213PS ep3<>(SB), x, p; \
	VFMADD213PS ep4<>(SB), x, p; \
	VFMADD213PS ep5<>(SB), x, p; \
	VFMADD213PS x, r2, p; \
	VADDPS one<>(SB), p, p; \
	VCVTPS2DQ n, n; \
	VPSRAD $1, n, r2; \
	VPSUBD r2, n, n; \
	VPADDD bias<>(SB), r2, r2; \
	VPSLLD $23, r2, r2; \
	VPADDD bias<>(SB), n, n; \
	VPSLLD $23, n, n; \
	VMULPS r2, p, p; \
	VMULPS n, p, x

// TANH replaces Y0 with tanh(Y0); scratch Y1–Y3, Y5–Y12.
#define TANH \
	VANDPS absmask<>(SB), Y0, Y5; \
	VANDPS signmask<>(SB), Y0, Y6; \
	VADDPS Y5, Y5, Y7; \
	EXP(Y7, Y1, Y2, Y3); \
	VADDPS one<>(SB), Y7, Y7; \
	VMOVUPS two<>(SB), Y8; \
	VDIVPS Y7, Y8, Y8; \
	VMOVUPS one<>(SB), Y9; \
	VSUBPS Y8, Y9, Y9; \
	VORPS Y6, Y9, Y9; \
	VMULPS Y0, Y0, Y10; \
	VMOVUPS tq0<>(SB), Y11; \
	VFMADD213PS tq1<>(SB), Y10, Y11; \
	VFMADD213PS tq2<>(SB), Y10, Y11; \
	VFMADD213PS tq3<>(SB), Y10, Y11; \
	VFMADD213PS tq4<>(SB), Y10, Y11; \
	VMULPS Y10, Y11, Y11; \
	VFMADD213PS Y0, Y0, Y11; \
	VCMPPS $1, tsmall<>(SB), Y5, Y12; \
	VBLENDVPS Y12, Y11, Y9, Y0

// SIGMOID replaces Y0 with 1/(1+e^-Y0); scratch Y1–Y3.
#define SIGMOID \
	VXORPS signmask<>(SB), Y0, Y0; \
	EXP(Y0, Y1, Y2, Y3); \
	VADDPS one<>(SB), Y0, Y0; \
	VMOVUPS one<>(SB), Y1; \
	VDIVPS Y0, Y1, Y0

// NORMCDF replaces Y0 with Φ(Y0); scratch Y1–Y13.
#define NORMCDF \
	VMULPS rsqrt2<>(SB), Y0, Y4; \
	VANDPS absmask<>(SB), Y4, Y5; \
	VMULPS Y4, Y4, Y6; \
	VMOVUPS ea0<>(SB), Y7; \
	VFMADD213PS ea1<>(SB), Y6, Y7; \
	VFMADD213PS ea2<>(SB), Y6, Y7; \
	VFMADD213PS ea3<>(SB), Y6, Y7; \
	VFMADD213PS ea4<>(SB), Y6, Y7; \
	VFMADD213PS ea5<>(SB), Y6, Y7; \
	VFMADD213PS ea6<>(SB), Y6, Y7; \
	VMULPS Y4, Y7, Y7; \
	VMOVUPS half<>(SB), Y8; \
	VFMADD231PS half<>(SB), Y7, Y8; \
	VMOVUPS one<>(SB), Y9; \
	VFMADD231PS half<>(SB), Y5, Y9; \
	VMOVUPS one<>(SB), Y10; \
	VDIVPS Y9, Y10, Y10; \
	VMOVUPS eb0<>(SB), Y11; \
	VFMADD213PS eb1<>(SB), Y10, Y11; \
	VFMADD213PS eb2<>(SB), Y10, Y11; \
	VFMADD213PS eb3<>(SB), Y10, Y11; \
	VFMADD213PS eb4<>(SB), Y10, Y11; \
	VFMADD213PS eb5<>(SB), Y10, Y11; \
	VFMADD213PS eb6<>(SB), Y10, Y11; \
	VFMADD213PS eb7<>(SB), Y10, Y11; \
	VFMADD213PS eb8<>(SB), Y10, Y11; \
	VFMADD213PS eb9<>(SB), Y10, Y11; \
	VFNMADD231PS Y5, Y5, Y11; \
	EXP(Y11, Y1, Y2, Y3); \
	VMULPS Y10, Y11, Y11; \
	VMOVUPS two<>(SB), Y12; \
	VSUBPS Y11, Y12, Y12; \
	VXORPS Y13, Y13, Y13; \
	VCMPPS $1, Y4, Y13, Y13; \
	VBLENDVPS Y13, Y12, Y11, Y11; \
	VMULPS half<>(SB), Y11, Y11; \
	VCMPPS $1, one<>(SB), Y5, Y12; \
	VBLENDVPS Y12, Y8, Y11, Y0

// UNARY defines func sym(dst, src []float32): dst = f(src), eight floats at
// a time, where body replaces Y0 with f(Y0).
#define UNARY(sym, body) \
TEXT sym(SB), NOSPLIT, $0-48; \
	MOVQ dst_base+0(FP), DI; \
	MOVQ src_base+24(FP), SI; \
	MOVQ src_len+32(FP), CX; \
	SHRQ $3, CX; \
	LOADCLAMP; \
loop: \
	TESTQ CX, CX; \
	JZ    done; \
	VMOVUPS (SI), Y0; \
	body; \
	VMOVUPS Y0, (DI); \
	ADDQ  $32, SI; \
	ADDQ  $32, DI; \
	DECQ  CX; \
	JMP   loop; \
done: \
	VZEROUPPER; \
	RET

// func expAVX2(dst, src []float32)
UNARY(·expAVX2, EXP(Y0, Y1, Y2, Y3))

// func tanhAVX2(dst, src []float32)
UNARY(·tanhAVX2, TANH)

// func sigmoidAVX2(dst, src []float32)
UNARY(·sigmoidAVX2, SIGMOID)

// func geluAVX2(y, cdf, x []float32): cdf = Φ(x), y = x·Φ(x).
TEXT ·geluAVX2(SB), NOSPLIT, $0-72
	MOVQ y_base+0(FP), DI
	MOVQ cdf_base+24(FP), DX
	MOVQ x_base+48(FP), SI
	MOVQ x_len+56(FP), CX
	SHRQ $3, CX
	LOADCLAMP

geluloop:
	TESTQ CX, CX
	JZ    geludone
	VMOVUPS (SI), Y0
	NORMCDF
	VMOVUPS Y0, (DX)
	VMULPS  (SI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ  $32, SI
	ADDQ  $32, DX
	ADDQ  $32, DI
	DECQ  CX
	JMP   geluloop

geludone:
	VZEROUPPER
	RET

// func geluGradAVX2(gx, g, x, cdf []float32): gx = g·(Φ(x) + x·e^{-x²/2}/√(2π)).
TEXT ·geluGradAVX2(SB), NOSPLIT, $0-96
	MOVQ gx_base+0(FP), DI
	MOVQ g_base+24(FP), BX
	MOVQ x_base+48(FP), SI
	MOVQ x_len+56(FP), CX
	MOVQ cdf_base+72(FP), DX
	SHRQ $3, CX
	LOADCLAMP

ggloop:
	TESTQ CX, CX
	JZ    ggdone
	VMOVUPS (SI), Y4
	VMULPS  neghalf<>(SB), Y4, Y0
	VMULPS  Y4, Y0, Y0
	EXP(Y0, Y1, Y2, Y3)
	VMULPS  Y4, Y0, Y0
	VMULPS  invs2pi<>(SB), Y0, Y0
	VADDPS  (DX), Y0, Y0
	VMULPS  (BX), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ  $32, SI
	ADDQ  $32, DX
	ADDQ  $32, BX
	ADDQ  $32, DI
	DECQ  CX
	JMP   ggloop

ggdone:
	VZEROUPPER
	RET

// func lstmCellGradAVX2(a, gout, dh, dc, cPrev, dp *float32, h, n int)
//
// The LSTM cell's backward pass for elements [0, n) of one row (n a
// multiple of 8), as lstm.go's scalar loop: a = [i f g o tanh(c)] and
// gout = [dh dc] are h apart, dp = [di df dg do] likewise.
TEXT ·lstmCellGradAVX2(SB), NOSPLIT, $0-64
	MOVQ a+0(FP), SI
	MOVQ gout+8(FP), DI
	MOVQ dh+16(FP), BX
	MOVQ dc+24(FP), CX
	MOVQ cPrev+32(FP), R10
	MOVQ dp+40(FP), DX
	MOVQ h+48(FP), R8
	SHLQ $2, R8            // h in bytes
	LEAQ (R8)(R8*2), R9    // 3h in bytes
	MOVQ n+56(FP), R11
	SHRQ $3, R11
	VMOVUPS one<>(SB), Y8

cgloop:
	TESTQ R11, R11
	JZ    cgdone
	VMOVUPS (SI), Y0          // i
	VMOVUPS (SI)(R8*1), Y1    // f
	VMOVUPS (SI)(R8*2), Y2    // g
	VMOVUPS (SI)(R9*1), Y3    // o
	VMOVUPS (SI)(R8*4), Y4    // tanh(c)
	VMOVUPS (DI), Y5
	VADDPS  (BX), Y5, Y5      // dh' = dh_out + dh_next
	VMOVUPS (DI)(R8*1), Y6
	VADDPS  (CX), Y6, Y6      // dc_out + dc_next
	VMULPS  Y4, Y4, Y7
	VSUBPS  Y7, Y8, Y7        // 1 - tanh²(c)
	VMULPS  Y3, Y5, Y9        // dh'·o
	VFMADD231PS Y9, Y7, Y6    // dc' = dc_out + dc_next + dh'·o·(1 - tanh²(c))
	VSUBPS  Y0, Y8, Y10
	VMULPS  Y0, Y10, Y10
	VMULPS  Y2, Y10, Y10
	VMULPS  Y6, Y10, Y10      // di = dc'·g·i·(1-i)
	VMOVUPS Y10, (DX)
	VSUBPS  Y1, Y8, Y11
	VMULPS  Y1, Y11, Y11
	VMULPS  (R10), Y11, Y11
	VMULPS  Y6, Y11, Y11      // df = dc'·c_prev·f·(1-f)
	VMOVUPS Y11, (DX)(R8*1)
	VMULPS  Y2, Y2, Y12
	VSUBPS  Y12, Y8, Y12
	VMULPS  Y0, Y12, Y12
	VMULPS  Y6, Y12, Y12      // dg = dc'·i·(1-g²)
	VMOVUPS Y12, (DX)(R8*2)
	VSUBPS  Y3, Y8, Y13
	VMULPS  Y3, Y13, Y13
	VMULPS  Y4, Y13, Y13
	VMULPS  Y5, Y13, Y13      // do = dh'·tanh(c)·o·(1-o)
	VMOVUPS Y13, (DX)(R9*1)
	VMULPS  Y1, Y6, Y14       // dc_prev = dc'·f
	VMOVUPS Y14, (CX)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX
	ADDQ    $32, BX
	ADDQ    $32, CX
	ADDQ    $32, R10
	DECQ    R11
	JMP     cgloop

cgdone:
	VZEROUPPER
	RET

// func maxAVX2(src *float32, n int) float32
//
// The maximum of src[:n], n a positive multiple of 8. NaN lanes are kept
// (VMAXPS keeps its second source when either is NaN).
TEXT ·maxAVX2(SB), NOSPLIT, $0-20
	MOVQ src+0(FP), SI
	MOVQ n+8(FP), CX
	SHRQ $3, CX
	VMOVUPS (SI), Y0
	ADDQ $32, SI
	DECQ CX

maxloop:
	TESTQ CX, CX
	JZ    maxdone
	VMOVUPS (SI), Y1
	VMAXPS  Y0, Y1, Y0
	ADDQ    $32, SI
	DECQ    CX
	JMP     maxloop

maxdone:
	VEXTRACTF128 $1, Y0, X1
	VMAXPS  X0, X1, X0
	VPERMILPS $0x4e, X0, X1
	VMAXPS  X0, X1, X0
	VPERMILPS $0xb1, X0, X1
	VMAXPS  X0, X1, X0
	VZEROUPPER
	MOVSS X0, ret+16(FP)
	RET

// func expShiftSumAVX2(dst, src *float32, n int, m float32) float32
//
// dst[i] = e^(src[i] - m) for i < n (a multiple of 8), returning the sum of
// the results (eight partial sums, added at the end).
TEXT ·expShiftSumAVX2(SB), NOSPLIT, $0-36
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	VBROADCASTSS m+24(FP), Y13
	VXORPS Y12, Y12, Y12
	LOADCLAMP

esloop:
	TESTQ CX, CX
	JZ    esdone
	VMOVUPS (SI), Y0
	VSUBPS  Y13, Y0, Y0
	EXP(Y0, Y1, Y2, Y3)
	VMOVUPS Y0, (DI)
	VADDPS  Y0, Y12, Y12
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JMP     esloop

esdone:
	VEXTRACTF128 $1, Y12, X1
	VADDPS  X12, X1, X0
	VPERMILPS $0x4e, X0, X1
	VADDPS  X0, X1, X0
	VPERMILPS $0xb1, X0, X1
	VADDPS  X0, X1, X0
	VZEROUPPER
	MOVSS X0, ret+32(FP)
	RET

// func scaleAVX2(x *float32, n int, c float32)
//
// x[i] *= c for i < n, a multiple of 8.
TEXT ·scaleAVX2(SB), NOSPLIT, $0-20
	MOVQ x+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $3, CX
	VBROADCASTSS c+16(FP), Y1

scloop:
	TESTQ CX, CX
	JZ    scdone
	VMULPS  (DI), Y1, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, DI
	DECQ    CX
	JMP     scloop

scdone:
	VZEROUPPER
	RET

// func layerNormRowAVX2(x, w, b, out *float32, c int, eps float64) (mean, rstd float64)
//
// One row of LayerNorm, c a positive multiple of 8: the mean and the
// centred variance summed in float64 lanes, rstd = 1/√(var + eps), then
// x̂ = (x - mean)·rstd in float64 and out = x̂·w + b in float32.
TEXT ·layerNormRowAVX2(SB), NOSPLIT, $0-64
	MOVQ x+0(FP), SI
	MOVQ w+8(FP), R8
	MOVQ b+16(FP), R9
	MOVQ out+24(FP), DI
	MOVQ c+32(FP), CX
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	MOVQ CX, DX
	SHRQ $3, DX
	MOVQ SI, AX

lnsum:
	VCVTPS2PD (AX), Y0
	VCVTPS2PD 16(AX), Y1
	VADDPD  Y0, Y8, Y8
	VADDPD  Y1, Y9, Y9
	ADDQ    $32, AX
	DECQ    DX
	JNZ     lnsum
	VADDPD  Y9, Y8, Y8
	VEXTRACTF128 $1, Y8, X9
	VADDPD  X9, X8, X8
	VHADDPD X8, X8, X8
	VCVTSI2SDQ CX, X10, X10
	VDIVSD  X10, X8, X8        // mean
	VBROADCASTSD X8, Y11
	VXORPD  Y12, Y12, Y12
	VXORPD  Y13, Y13, Y13
	MOVQ CX, DX
	SHRQ $3, DX
	MOVQ SI, AX

lnvar:
	VCVTPS2PD (AX), Y0
	VCVTPS2PD 16(AX), Y1
	VSUBPD  Y11, Y0, Y0
	VSUBPD  Y11, Y1, Y1
	VFMADD231PD Y0, Y0, Y12
	VFMADD231PD Y1, Y1, Y13
	ADDQ    $32, AX
	DECQ    DX
	JNZ     lnvar
	VADDPD  Y13, Y12, Y12
	VEXTRACTF128 $1, Y12, X13
	VADDPD  X13, X12, X12
	VHADDPD X12, X12, X12
	VDIVSD  X10, X12, X12      // variance
	VADDSD  eps+40(FP), X12, X12
	VSQRTSD X12, X12, X12
	MOVQ    $0x3ff0000000000000, AX
	VMOVQ   AX, X14
	VDIVSD  X12, X14, X14      // rstd
	VMOVSD  X8, mean+48(FP)
	VMOVSD  X14, rstd+56(FP)
	VBROADCASTSD X14, Y15      // rstd
	MOVQ CX, DX
	SHRQ $3, DX

lnout:
	VCVTPS2PD (SI), Y0         // (x - mean)·rstd in float64: a large mean
	VCVTPS2PD 16(SI), Y1       // would cost float32 digits here
	VSUBPD  Y11, Y0, Y0
	VSUBPD  Y11, Y1, Y1
	VMULPD  Y15, Y0, Y0
	VMULPD  Y15, Y1, Y1
	VCVTPD2PSY Y0, X0
	VCVTPD2PSY Y1, X1
	VINSERTF128 $1, X1, Y0, Y0
	VMOVUPS (R9), Y1
	VFMADD231PS (R8), Y0, Y1
	VMOVUPS Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, DI
	DECQ    DX
	JNZ     lnout
	VZEROUPPER
	RET

// func addAVX2(dst, src *float32, n int)
//
// dst[i] += src[i] for i < n, a multiple of 8: 32 floats per iteration
// while they last, then 8.
TEXT ·addAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX

add32:
	CMPQ    CX, $4
	JLT     add8
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS 64(SI), Y2
	VMOVUPS 96(SI), Y3
	VADDPS  (DI), Y0, Y0
	VADDPS  32(DI), Y1, Y1
	VADDPS  64(DI), Y2, Y2
	VADDPS  96(DI), Y3, Y3
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ    $128, SI
	ADDQ    $128, DI
	SUBQ    $4, CX
	JMP     add32

add8:
	TESTQ   CX, CX
	JZ      adddone
	VMOVUPS (SI), Y0
	VADDPS  (DI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JMP     add8

adddone:
	VZEROUPPER
	RET


// AVX-512 (F) forms of EXP, TANH and SIGMOID on sixteen lanes, for the
// LSTM cell: the same steps and constants as the AVX2 macros above, read
// with embedded broadcasts (.BCST) from the first lane of the 32-byte
// tables; compare results go to K1 and VBLENDMPS takes the place of
// VBLENDVPS. LOADCLAMP512 puts the clamp bounds in Z15 and Z14.
#define LOADCLAMP512 VBROADCASTSS explo<>(SB), Z15; VBROADCASTSS exphi<>(SB), Z14

#define EXP512(x, n, r2, p) \
	VMAXPS x, Z15, x; \
	VMINPS x, Z14, x; \
	VBROADCASTSS half<>(SB), n; \
	VFMADD231PS.BCST log2e<>(SB), x, n; \
	VRNDSCALEPS $1, n, n; \
	VFNMADD231PS.BCST ln2hi<>(SB), n, x; \
	VFNMADD231PS.BCST ln2lo<>(SB), n, x; \
	VMULPS x, x, r2; \
	VBROADCASTSS ep0<>(SB), p; \
	VFMADD213PS.BCST ep1<>(SB), x, p; \
	VFMADD213PS.BCST ep2<>(SB), x, p; \
	VFMADD213PS.BCST ep3<>(SB), x, p; \
	VFMADD213PS.BCST ep4<>(SB), x, p; \
	VFMADD213PS.BCST ep5<>(SB), x, p; \
	VFMADD213PS x, r2, p; \
	VADDPS.BCST one<>(SB), p, p; \
	VCVTPS2DQ n, n; \
	VPSRAD $1, n, r2; \
	VPSUBD r2, n, n; \
	VPADDD.BCST bias<>(SB), r2, r2; \
	VPSLLD $23, r2, r2; \
	VPADDD.BCST bias<>(SB), n, n; \
	VPSLLD $23, n, n; \
	VMULPS r2, p, p; \
	VMULPS n, p, x

// TANH512 replaces Z0 with tanh(Z0); scratch Z1–Z3, Z5–Z12, K1.
#define TANH512 \
	VPANDD.BCST absmask<>(SB), Z0, Z5; \
	VPANDD.BCST signmask<>(SB), Z0, Z6; \
	VADDPS Z5, Z5, Z7; \
	EXP512(Z7, Z1, Z2, Z3); \
	VADDPS.BCST one<>(SB), Z7, Z7; \
	VBROADCASTSS two<>(SB), Z8; \
	VDIVPS Z7, Z8, Z8; \
	VBROADCASTSS one<>(SB), Z9; \
	VSUBPS Z8, Z9, Z9; \
	VPORD Z6, Z9, Z9; \
	VMULPS Z0, Z0, Z10; \
	VBROADCASTSS tq0<>(SB), Z11; \
	VFMADD213PS.BCST tq1<>(SB), Z10, Z11; \
	VFMADD213PS.BCST tq2<>(SB), Z10, Z11; \
	VFMADD213PS.BCST tq3<>(SB), Z10, Z11; \
	VFMADD213PS.BCST tq4<>(SB), Z10, Z11; \
	VMULPS Z10, Z11, Z11; \
	VFMADD213PS Z0, Z0, Z11; \
	VCMPPS.BCST $1, tsmall<>(SB), Z5, K1; \
	VBLENDMPS Z11, Z9, K1, Z0

// SIGMOID512 replaces Z0 with 1/(1+e^-Z0); scratch Z1–Z3.
#define SIGMOID512 \
	VPXORD.BCST signmask<>(SB), Z0, Z0; \
	EXP512(Z0, Z1, Z2, Z3); \
	VADDPS.BCST one<>(SB), Z0, Z0; \
	VBROADCASTSS one<>(SB), Z1; \
	VDIVPS Z0, Z1, Z0

// LSTMCELL defines func sym(a, xp, out, cPrev *float32, h, n int): the
// LSTM cell's forward pass for elements [0, n) of one row, as dl's
// lstmCell: the pre-activations a + xp (each [i f g o], h apart) become
// the gates σ(i), σ(f), tanh(g), σ(o) in a, then c = f·c_prev + i·g and
// h = o·tanh(c) go to out = [h c] (h apart) and tanh(c) to a's fifth
// block. V0, V4 and V13 are one register width's registers 0, 4 and 13
// (V4 holds i, then o; V13 builds c), sig and tanh that width's macros,
// lanes its float count (n is a multiple of it) and shift its log2.
#define LSTMCELL(sym, V0, V4, V13, loadclamp, sig, tanh, lanes, shift) \
TEXT sym(SB), NOSPLIT, $0-48; \
	MOVQ a+0(FP), SI; \
	MOVQ xp+8(FP), R10; \
	MOVQ out+16(FP), DI; \
	MOVQ cPrev+24(FP), BX; \
	MOVQ h+32(FP), R8; \
	SHLQ $2, R8; \
	LEAQ (R8)(R8*2), R9; \
	MOVQ n+40(FP), CX; \
	SHRQ $shift, CX; \
	loadclamp; \
loop: \
	TESTQ CX, CX; \
	JZ    done; \
	VMOVUPS (SI), V0; \
	VADDPS  (R10), V0, V0; \
	sig; \
	VMOVUPS V0, (SI); \
	VMOVAPS V0, V4; \
	VMOVUPS (SI)(R8*1), V0; \
	VADDPS  (R10)(R8*1), V0, V0; \
	sig; \
	VMOVUPS V0, (SI)(R8*1); \
	VMULPS  (BX), V0, V13; \
	VMOVUPS (SI)(R8*2), V0; \
	VADDPS  (R10)(R8*2), V0, V0; \
	tanh; \
	VMOVUPS V0, (SI)(R8*2); \
	VFMADD231PS V0, V4, V13; \
	VMOVUPS (SI)(R9*1), V0; \
	VADDPS  (R10)(R9*1), V0, V0; \
	sig; \
	VMOVUPS V0, (SI)(R9*1); \
	VMOVAPS V0, V4; \
	VMOVUPS V13, (DI)(R8*1); \
	VMOVAPS V13, V0; \
	tanh; \
	VMOVUPS V0, (SI)(R8*4); \
	VMULPS  V0, V4, V0; \
	VMOVUPS V0, (DI); \
	ADDQ    $(lanes*4), SI; \
	ADDQ    $(lanes*4), R10; \
	ADDQ    $(lanes*4), DI; \
	ADDQ    $(lanes*4), BX; \
	DECQ    CX; \
	JMP     loop; \
done: \
	VZEROUPPER; \
	RET

// func lstmCellAVX2(a, xp, out, cPrev *float32, h, n int), n a multiple of 8.
LSTMCELL(·lstmCellAVX2, Y0, Y4, Y13, LOADCLAMP, SIGMOID, TANH, 8, 3)

// func lstmCellAVX512(a, xp, out, cPrev *float32, h, n int), n a multiple of 16.
LSTMCELL(·lstmCellAVX512, Z0, Z4, Z13, LOADCLAMP512, SIGMOID512, TANH512, 16, 4)
