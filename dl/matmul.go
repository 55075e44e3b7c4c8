package dl

import "slices"

// MatMul returns the matrix product of a [..., M, K] and b [..., K, N] as
// [..., M, N]. The leading (batch) axes broadcast like numpy's matmul; a 2-D
// b (a weight) is applied to every matrix of a in one product.
func MatMul(a, b *Tensor) *Tensor {
	sameDType("MatMul", a, b)
	if a.Rank() < 2 || b.Rank() < 2 {
		panicf("MatMul", []*Tensor{a, b}, "operands need rank >= 2")
	}
	m, k := a.shape[a.Rank()-2], a.shape[a.Rank()-1]
	k2, n := b.shape[b.Rank()-2], b.shape[b.Rank()-1]
	if k != k2 {
		panicf("MatMul", []*Tensor{a, b}, "inner dims %d != %d", k, k2)
	}
	batchA, batchB := a.shape[:a.Rank()-2], b.shape[:b.Rank()-2]
	var batch []int
	if Try(func() { batch = broadcastShapes("MatMul", batchA, batchB) }) != nil {
		panicf("MatMul", []*Tensor{a, b}, "batch axes %v and %v do not broadcast", batchA, batchB)
	}
	out := emptyUninit(a.dtype, append(slices.Clone(batch), m, n))
	pairs := batchPairs(batchA, batchB, batch)
	if b.Rank() == 2 {
		// fold a's batch into its rows: one [P·M, K]·[K, N] product
		m *= numel("MatMul", batchA)
		pairs = [][3]int{{0, 0, 0}}
	}
	dispatchGemm(a, b, out, false, false, m, n, k, pairs, 0) // beta 0: each output block written once
	ad, bd := a.Detach(), b.Detach()
	return record("MatMul", out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if a.needsGrad() { // dA = dC · Bᵀ
			ga = ZerosLike(ad)
			dispatchGemmInto(g, bd, ga, false, true, m, k, n, swapOut(pairs))
		}
		if b.needsGrad() { // dB = Aᵀ · dC
			gb = ZerosLike(bd)
			dispatchGemmInto(ad, g, gb, true, false, k, n, m, pairsForB(pairs))
		}
		return []*Tensor{ga, gb}
	})
}

// batchPairs lists, for every batch index of the output, the flat batch
// indices {out, a, b} of the matrices that multiply into it.
func batchPairs(batchA, batchB, batch []int) [][3]int {
	var pairs [][3]int
	if len(batch) == 0 {
		return [][3]int{{0, 0, 0}}
	}
	broadcastIndex(batch, broadcastStrides(batchA, batch), broadcastStrides(batchB, batch), func(o, i, j int) {
		pairs = append(pairs, [3]int{o, i, j})
	})
	return pairs
}

// In the backward products the roles move: for dA the "output" is A's slot
// (accumulated, since a broadcast A receives from several output matrices),
// for dB it is B's slot.
func swapOut(p [][3]int) [][3]int {
	q := make([][3]int, len(p))
	for i, t := range p {
		q[i] = [3]int{t[1], t[0], t[2]} // C_out=A slot, left=g slot, right=B slot
	}
	return q
}

func pairsForB(p [][3]int) [][3]int {
	q := make([][3]int, len(p))
	for i, t := range p {
		q[i] = [3]int{t[2], t[1], t[0]} // C_out=B slot, left=A slot, right=g slot
	}
	return q
}

// dispatchGemm runs one product per pair {c, l, r}: C[c] = op(L[l])·op(R[r]).
func dispatchGemm(l, r, c *Tensor, tl, tr bool, m, n, k int, pairs [][3]int, beta float64) {
	lda, ldb := k, n
	if tl {
		lda = m
	}
	if tr {
		ldb = k
	}
	ls, rs, cs := m*k, k*n, m*n
	for _, p := range pairs {
		if c.dtype == Float64 {
			gemm(tl, tr, m, n, k, l.f64[p[1]*ls:], lda, r.f64[p[2]*rs:], ldb, beta, c.f64[p[0]*cs:], n)
		} else {
			gemm(tl, tr, m, n, k, l.f32[p[1]*ls:], lda, r.f32[p[2]*rs:], ldb, float32(beta), c.f32[p[0]*cs:], n)
		}
	}
}

// dispatchGemmInto accumulates the products into c (beta = 1), which sums
// the contributions of broadcast batch matrices.
func dispatchGemmInto(l, r, c *Tensor, tl, tr bool, m, n, k int, pairs [][3]int) {
	dispatchGemm(l, r, c, tl, tr, m, n, k, pairs, 1)
}
