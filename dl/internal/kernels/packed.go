package kernels

import (
	"fmt"
	"runtime"
)

// PackedB is a right operand packed once for many products: Sgemm packs
// op(B) into panels on every call, which costs about as much as the product
// itself when A has few rows. A recurrent layer multiplies the same weight
// matrix at every time step (a batch of 32 rows by a 256x1024 LSTM weight);
// packing it once per sequence with Pack and multiplying with SgemmPacked
// removes that cost. The zero value is empty; Pack reuses its memory.
//
// A PackedB is not safe for concurrent Pack calls, but any number of
// SgemmPacked calls may read it at once.
type PackedB struct {
	g       *geometry[float32]
	k, n    int
	kcBlock int
	data    []float32
}

// Pack packs op(B), k-by-n, with Sgemm's conventions for transB and ldb. It
// panics with an *ArgError if ldb is too small or b too short. The packed
// copy does not follow later changes to b: pack again after changing it.
func (p *PackedB) Pack(transB bool, k, n int, b []float32, ldb int) {
	p.pack(bestGeometry32, transB, k, n, b, ldb)
}

func (p *PackedB) pack(g *geometry[float32], transB bool, k, n int, b []float32, ldb int) {
	o := operands[float32]{transB: transB, n: n, k: k, b: b, ldb: ldb}
	checkB(&o, "PackedB.Pack")
	p.g, p.k, p.n = g, k, n
	ncPad := roundUp(n, g.nr)
	p.kcBlock = balance(k, g.kc, 1)
	p.data = grow(p.data, k*ncPad)
	for pc := 0; pc < k; pc += p.kcBlock {
		kc := min(p.kcBlock, k-pc)
		packB(g, p.data[pc*ncPad:], &o, pc, kc, 0, n)
	}
}

// checkB validates the B arguments of a Pack call.
func checkB(o *operands[float32], op string) {
	if o.k < 0 || o.n < 0 {
		panic(&ArgError{Op: op, Msg: fmt.Sprintf("k=%d n=%d: negative dimension", o.k, o.n)})
	}
	br, bc := o.k, o.n
	if o.transB {
		br, bc = o.n, o.k
	}
	if o.ldb < bc {
		panic(&ArgError{Op: op, Msg: fmt.Sprintf("k=%d n=%d transB=%t: ldb %d < %d columns", o.k, o.n, o.transB, o.ldb, bc)})
	}
	if br > 0 && bc > 0 && len(o.b) < (br-1)*o.ldb+bc {
		panic(&ArgError{Op: op, Msg: fmt.Sprintf("k=%d n=%d transB=%t: len(b) %d < %d", o.k, o.n, o.transB, len(o.b), (br-1)*o.ldb+bc)})
	}
}

// K returns the rows of the packed op(B): the depth of the products.
func (p *PackedB) K() int { return p.k }

// N returns the columns of the packed op(B): the columns of C.
func (p *PackedB) N() int { return p.n }

// SgemmPacked computes C = alpha*op(A)*B + beta*C like Sgemm, with B packed
// by p.Pack: op(A) is m-by-p.K() and C is m-by-p.N(). It uses up to
// runtime.GOMAXPROCS(0) goroutines.
func SgemmPacked(transA bool, m int, alpha float32, a []float32, lda int, p *PackedB, beta float32, c []float32, ldc int) {
	SgemmPackedThreads(runtime.GOMAXPROCS(0), transA, m, alpha, a, lda, p, beta, c, ldc)
}

// SgemmPackedThreads is SgemmPacked with at most threads goroutines.
func SgemmPackedThreads(threads int, transA bool, m int, alpha float32, a []float32, lda int, p *PackedB, beta float32, c []float32, ldc int) {
	if p.g == nil {
		panic(&ArgError{Op: "SgemmPacked", Msg: "PackedB was never packed"})
	}
	o := operands[float32]{transA: transA, m: m, n: p.n, k: p.k, alpha: alpha,
		a: a, lda: lda, c: c, ldc: ldc}
	check("SgemmPacked", &o, false)
	if o.m == 0 || o.n == 0 {
		return
	}
	if beta == 0 && o.k > 0 && o.alpha != 0 {
		o.zeroC = true // the kernels store instead of adding, as in run
	} else {
		scale(o.c, o.m, o.n, o.ldc, beta)
	}
	if o.k == 0 || o.alpha == 0 {
		return
	}
	gemm(p.g, &o, max(threads, 1), p.data)
}
