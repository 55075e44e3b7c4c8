package dl

import (
	"math"
	"runtime"
	"sync"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// The attention kernels, shared by Attention (q, k, v as [B, H, T, D]) and
// AttentionQKV (q, k and v read in place from one fused projection
// [B, T, (H+2·Hkv)·D], the output written as [B, T, H·D]). An attnLayout
// says where each head's rows are, so both run the same products with
// different offsets and row strides, and the fused one needs no copies
// to split or merge heads.

// attnView locates one operand: the rows of head hh of batch row b start
// at base + b·bs + hh·hs and lie ld apart.
type attnView struct{ base, bs, hs, ld int }

func (v attnView) at(b, hh int) int { return v.base + b*v.bs + hh*v.hs }

// attnLayout places queries, keys, values and the output (and their
// gradients, which share the layout).
type attnLayout struct{ q, k, v, o attnView }

// headsLayout is [B, H, Tq, D] queries and output, [B, Hkv, Tk, D] keys
// and values, each head's rows contiguous.
func (a attnDims) headsLayout() attnLayout {
	q := attnView{bs: a.h * a.tq * a.d, hs: a.tq * a.d, ld: a.d}
	kv := attnView{bs: a.hkv * a.tk * a.d, hs: a.tk * a.d, ld: a.d}
	return attnLayout{q: q, k: kv, v: kv, o: q}
}

// fusedLayout is q, k and v side by side in the rows of [B, T, W] with
// W = (H+2·Hkv)·D, and the output [B, T, H·D]: heads are column blocks.
func (a attnDims) fusedLayout() attnLayout {
	w := (a.h + 2*a.hkv) * a.d
	in := attnView{bs: a.tq * w, hs: a.d, ld: w}
	k, v := in, in
	k.base, v.base = a.h*a.d, (a.h+a.hkv)*a.d
	return attnLayout{q: in, k: k, v: v, o: attnView{bs: a.tq * a.h * a.d, hs: a.d, ld: a.h * a.d}}
}

// heads runs f for every (batch, head) pair, spread over the CPUs; f gets
// the pair's index, its batch row, head and key/value head.
func (a attnDims) heads(f func(bh, bi, hi, kvh int)) {
	n := a.b * a.h
	workers := min(runtime.GOMAXPROCS(0), n)
	if a.tq*a.tk*a.d*n < 1<<16 {
		workers = 1
	}
	group := a.h / a.hkv
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bh := w; bh < n; bh += workers {
				bi, hi := bh/a.h, bh%a.h
				f(bh, bi, hi, hi/group)
			}
		}()
	}
	wg.Wait()
}

// attnChunk is how many query rows share one score product. A chunk of
// rows is multiplied only against the keys one of its rows can see, so a
// sliding window costs O(T·(Window+attnChunk)·D) instead of O(T²·D), and
// causal attention over many chunks skips most of the upper triangle.
const attnChunk = 64

// keys returns the range [lo, hi) of keys that queries [i0, i1) see
// together (visible's bounds never decrease with i).
func (a attnDims) keys(i0, i1 int) (lo, hi int) {
	lo, _ = a.visible(i0)
	_, hi = a.visible(i1 - 1)
	return lo, hi
}

func attnForward[T float](a attnDims, l attnLayout, q, k, v, probs, out []T) {
	ps, d := a.tq*a.tk, a.d
	scale := T(a.cfg.Scale)
	a.heads(func(bh, bi, hi, kvh int) {
		p := probs[bh*ps : (bh+1)*ps]
		qh, kh, vh, oh := q[l.q.at(bi, hi):], k[l.k.at(bi, kvh):], v[l.v.at(bi, kvh):], out[l.o.at(bi, hi):]
		for i0 := 0; i0 < a.tq; i0 += attnChunk {
			i1 := min(i0+attnChunk, a.tq)
			klo, khi := a.keys(i0, i1)
			// scores of rows i0..i1-1 against keys klo..khi-1 only
			gemm(false, true, i1-i0, khi-klo, d, qh[i0*l.q.ld:], l.q.ld, kh[klo*l.k.ld:], l.k.ld, 0, p[i0*a.tk+klo:], a.tk)
			for i := i0; i < i1; i++ {
				lo, hi := a.visible(i)
				softmaxRow(p[i*a.tk:(i+1)*a.tk], lo, hi, scale)
			}
			gemm(false, false, i1-i0, d, khi-klo, p[i0*a.tk+klo:], a.tk, vh[klo*l.v.ld:], l.v.ld, 0, oh[i0*l.o.ld:], l.o.ld)
		}
	})
}

// attnBackward writes the gradients into gq, gk and gv, laid out like q, k
// and v (for the fused layout they are one buffer). The query blocks are
// overwritten. With one query head per key/value head (H = Hkv), each
// (batch, head) pair clears and accumulates its own key and value blocks,
// so the buffers need not be zeroed first; with grouped queries they are
// added to (callers pass zeros), from per-pair scratch summed afterwards.
func attnBackward[T float](a attnDims, l attnLayout, g, q, k, v, probs, gq, gk, gv []T) {
	ks, ps, d := a.tk*a.d, a.tq*a.tk, a.d
	scale := T(a.cfg.Scale)
	direct := a.h == a.hkv
	// Heads of one group write the same dK/dV slot; give each its own
	// scratch ([Tk, D] rows) and sum afterwards, so the pairs can still
	// run in parallel.
	var gks, gvs []T
	if !direct {
		gks, gvs = make([]T, a.b*a.h*ks), make([]T, a.b*a.h*ks)
	}
	a.heads(func(bh, bi, hi, kvh int) {
		p := probs[bh*ps : (bh+1)*ps]
		dp := uninit[T](ps) // each chunk's block is written by dP = dO·Vᵀ before it is read
		qo := l.q.at(bi, hi)
		gh, qh, kh, vh := g[l.o.at(bi, hi):], q[qo:], k[l.k.at(bi, kvh):], v[l.v.at(bi, kvh):]
		dk, dv, ldkv := gks, gvs, d // where this pair's dK and dV rows go
		if direct {
			ko, vo := l.k.at(bi, kvh), l.v.at(bi, kvh)
			dk, dv, ldkv = gk[ko:], gv[vo:], l.k.ld
			for j := range a.tk {
				clear(dk[j*ldkv : j*ldkv+d])
				clear(dv[j*l.v.ld : j*l.v.ld+d])
			}
		} else {
			dk, dv = gks[bh*ks:], gvs[bh*ks:]
		}
		for i0 := 0; i0 < a.tq; i0 += attnChunk {
			i1 := min(i0+attnChunk, a.tq)
			klo, khi := a.keys(i0, i1)
			m, n := i1-i0, khi-klo
			pc, dc := p[i0*a.tk+klo:], dp[i0*a.tk+klo:] // the chunk's [m, n] block, stride tk
			go1 := gh[i0*l.o.ld:]
			gemm(false, true, m, n, d, go1, l.o.ld, vh[klo*l.v.ld:], l.v.ld, 0, dc, a.tk) // dP = dO·Vᵀ
			gemm(true, false, n, d, m, pc, a.tk, go1, l.o.ld, 1, dv[klo*ldkv:], ldkv)     // dV += Pᵀ·dO
			for i := i0; i < i1; i++ {
				pr, dr := p[i*a.tk+klo:i*a.tk+khi], dp[i*a.tk+klo:i*a.tk+khi]
				var dot T
				for j, pv := range pr {
					dot += pv * dr[j]
				}
				for j, pv := range pr {
					dr[j] = pv * (dr[j] - dot) * scale // dS, zero where masked since p is
				}
			}
			gemm(false, false, m, d, n, dc, a.tk, kh[klo*l.k.ld:], l.k.ld, 0, gq[qo+i0*l.q.ld:], l.q.ld) // dQ = dS·K
			gemm(true, false, n, d, m, dc, a.tk, qh[i0*l.q.ld:], l.q.ld, 1, dk[klo*ldkv:], ldkv)         // dK += dSᵀ·Q
		}
	})
	if direct {
		return
	}
	for bh := range a.b * a.h {
		bi, hi := bh/a.h, bh%a.h
		kvh := hi / (a.h / a.hkv)
		ko, vo := l.k.at(bi, kvh), l.v.at(bi, kvh)
		for j := range a.tk {
			addRow(gk[ko+j*l.k.ld:ko+j*l.k.ld+d], gks[bh*ks+j*d:bh*ks+(j+1)*d])
			addRow(gv[vo+j*l.v.ld:vo+j*l.v.ld+d], gvs[bh*ks+j*d:bh*ks+(j+1)*d])
		}
	}
}

// softmaxRow turns the scores row[lo:hi] into probabilities of
// softmax(scale·score) and zeroes the rest of the row (the masked keys).
// float32 rows go through vecmath.Softmax, eight lanes at a time.
func softmaxRow[T float](row []T, lo, hi int, scale T) {
	clear(row[:lo])
	clear(row[hi:])
	vis := row[lo:hi]
	for j, v := range vis {
		vis[j] = v * scale
	}
	if is32[T]() {
		v32 := as32(vis)
		vecmath.Softmax(v32, v32)
		return
	}
	m := T(math.Inf(-1))
	for _, v := range vis {
		m = max(m, v)
	}
	var s T
	for j, v := range vis {
		vis[j] = T(math.Exp(float64(v - m)))
		s += vis[j]
	}
	inv := 1 / s
	for j := range vis {
		vis[j] *= inv
	}
}
