package dl

import (
	"math"
	"runtime"
	"sync"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// AttentionConfig selects the attention pattern of Attention.
type AttentionConfig struct {
	// Causal lets query i see only keys at positions <= its own. Query i
	// sits at absolute position Tk - Tq + i, so with a KV cache (one new
	// query against all cached keys) the mask lines up by itself.
	Causal bool
	// Window, when > 0, also hides keys more than Window-1 positions back:
	// sliding-window attention (Longformer, Mistral). It needs Causal.
	Window int
	// Scale multiplies the scores; 0 means 1/√D.
	Scale float64
}

// Attention is fused scaled dot-product attention:
//
//	out = softmax(mask(q·kᵀ·scale))·v
//
// q is [B, H, Tq, D]; k and v are [B, Hkv, Tk, D] where H is a multiple of
// Hkv: with Hkv < H each group of H/Hkv query heads shares one key/value
// head (grouped-query attention; Hkv = 1 is multi-query). The result is
// [B, H, Tq, D]. The softmax subtracts each row's maximum over the visible
// keys, and masked entries are exact zeros, so any score magnitude is safe.
// The [Tq, Tk] probabilities are kept for backward, which is written out by
// hand; (batch, head) pairs run in parallel.
func Attention(q, k, v *Tensor, cfg AttentionConfig) *Tensor {
	a := attnSetup("Attention", q, k, v, cfg)
	out := empty(q.dtype, q.shape)
	probs := empty(q.dtype, []int{a.b, a.h, a.tq, a.tk})
	if q.dtype == Float64 {
		attnForward(a, q.f64, k.f64, v.f64, probs.f64, out.f64)
	} else {
		attnForward(a, q.f32, k.f32, v.f32, probs.f32, out.f32)
	}
	qd, kd, vd := q.Detach(), k.Detach(), v.Detach()
	return record("Attention", out, []*Tensor{q, k, v}, func(g *Tensor) []*Tensor {
		gq, gk, gv := ZerosLike(q), ZerosLike(k), ZerosLike(v)
		if q.dtype == Float64 {
			attnBackward(a, g.f64, qd.f64, kd.f64, vd.f64, probs.f64, gq.f64, gk.f64, gv.f64)
		} else {
			attnBackward(a, g.f32, qd.f32, kd.f32, vd.f32, probs.f32, gq.f32, gk.f32, gv.f32)
		}
		return []*Tensor{gq, gk, gv}
	})
}

// AttentionWeights returns the [B, H, Tq, Tk] probabilities Attention uses,
// for drawing heatmaps. It records nothing.
func AttentionWeights(q, k *Tensor, cfg AttentionConfig) *Tensor {
	a := attnSetup("AttentionWeights", q, k, k, cfg)
	p := empty(q.dtype, []int{a.b, a.h, a.tq, a.tk})
	out := empty(q.dtype, q.shape) // the product with k as v is discarded
	if q.dtype == Float64 {
		attnForward(a, q.f64, k.f64, k.f64, p.f64, out.f64)
	} else {
		attnForward(a, q.f32, k.f32, k.f32, p.f32, out.f32)
	}
	return p
}

// attnSetup checks the operands and returns the problem's dimensions.
func attnSetup(op string, q, k, v *Tensor, cfg AttentionConfig) attnDims {
	sameDType(op, q, k, v)
	if q.Rank() != 4 || k.Rank() != 4 || v.Rank() != 4 {
		panicf(op, []*Tensor{q, k, v}, "want q [B, H, Tq, D], k and v [B, Hkv, Tk, D]")
	}
	b, h, tq, d := q.shape[0], q.shape[1], q.shape[2], q.shape[3]
	hkv, tk := k.shape[1], k.shape[2]
	if k.shape[0] != b || k.shape[3] != d || v.shape[0] != b || v.shape[1] != hkv || v.shape[2] != tk || v.shape[3] != d {
		panicf(op, []*Tensor{q, k, v}, "k and v must be [B, Hkv, Tk, D] matching q's B and D")
	}
	if hkv == 0 || h%hkv != 0 {
		panicf(op, []*Tensor{q, k, v}, "%d query heads do not split into groups over %d key/value heads", h, hkv)
	}
	if cfg.Window > 0 && !cfg.Causal {
		panicf(op, []*Tensor{q, k, v}, "a sliding window needs Causal")
	}
	if cfg.Causal && tq > tk {
		panicf(op, []*Tensor{q, k, v}, "causal attention with more queries (%d) than keys (%d)", tq, tk)
	}
	if cfg.Scale == 0 {
		cfg.Scale = 1 / math.Sqrt(float64(d))
	}
	return attnDims{b: b, h: h, hkv: hkv, tq: tq, tk: tk, d: d, cfg: cfg}
}

type attnDims struct {
	b, h, hkv, tq, tk, d int
	cfg                  AttentionConfig
}

// visible returns the range [lo, hi) of keys query i may attend to.
func (a attnDims) visible(i int) (lo, hi int) {
	hi = a.tk
	if a.cfg.Causal {
		hi = a.tk - a.tq + i + 1
	}
	if a.cfg.Window > 0 {
		lo = max(0, hi-a.cfg.Window)
	}
	return lo, hi
}

// heads runs f for every (batch, head) pair, spread over the CPUs.
func (a attnDims) heads(f func(bh, bkv int)) {
	n := a.b * a.h
	workers := min(runtime.GOMAXPROCS(0), n)
	if a.tq*a.tk*a.d*n < 1<<16 {
		workers = 1
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bh := w; bh < n; bh += workers {
				bi, hi := bh/a.h, bh%a.h
				f(bh, bi*a.hkv+hi/(a.h/a.hkv))
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

func attnForward[T float](a attnDims, q, k, v, probs, out []T) {
	qs, ks, ps, d := a.tq*a.d, a.tk*a.d, a.tq*a.tk, a.d
	scale := T(a.cfg.Scale)
	a.heads(func(bh, bkv int) {
		p := probs[bh*ps : (bh+1)*ps]
		qh, kh, vh, oh := q[bh*qs:], k[bkv*ks:], v[bkv*ks:], out[bh*qs:]
		for i0 := 0; i0 < a.tq; i0 += attnChunk {
			i1 := min(i0+attnChunk, a.tq)
			klo, khi := a.keys(i0, i1)
			// scores of rows i0..i1-1 against keys klo..khi-1 only
			gemm(false, true, i1-i0, khi-klo, d, qh[i0*d:], d, kh[klo*d:], d, 0, p[i0*a.tk+klo:], a.tk)
			for i := i0; i < i1; i++ {
				lo, hi := a.visible(i)
				softmaxRow(p[i*a.tk:(i+1)*a.tk], lo, hi, scale)
			}
			gemm(false, false, i1-i0, d, khi-klo, p[i0*a.tk+klo:], a.tk, vh[klo*d:], d, 0, oh[i0*d:], d)
		}
	})
}

func attnBackward[T float](a attnDims, g, q, k, v, probs, gq, gk, gv []T) {
	qs, ks, ps := a.tq*a.d, a.tk*a.d, a.tq*a.tk
	scale := T(a.cfg.Scale)
	// Heads of one group write the same dK/dV slot; give each its own
	// scratch and sum afterwards, so the pairs can still run in parallel.
	group := a.h / a.hkv
	gks, gvs := make([]T, a.b*a.h*ks), make([]T, a.b*a.h*ks)
	d := a.d
	a.heads(func(bh, bkv int) {
		p := probs[bh*ps : (bh+1)*ps]
		dp := make([]T, ps)
		gh, qh, kh, vh := g[bh*qs:], q[bh*qs:], k[bkv*ks:], v[bkv*ks:]
		for i0 := 0; i0 < a.tq; i0 += attnChunk {
			i1 := min(i0+attnChunk, a.tq)
			klo, khi := a.keys(i0, i1)
			m, n := i1-i0, khi-klo
			pc, dc := p[i0*a.tk+klo:], dp[i0*a.tk+klo:]                                 // the chunk's [m, n] block, stride tk
			gemm(false, true, m, n, d, gh[i0*d:], d, vh[klo*d:], d, 0, dc, a.tk)        // dP = dO·Vᵀ
			gemm(true, false, n, d, m, pc, a.tk, gh[i0*d:], d, 1, gvs[bh*ks+klo*d:], d) // dV += Pᵀ·dO
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
			gemm(false, false, m, d, n, dc, a.tk, kh[klo*d:], d, 0, gq[bh*qs+i0*d:], d) // dQ = dS·K
			gemm(true, false, n, d, m, dc, a.tk, qh[i0*d:], d, 1, gks[bh*ks+klo*d:], d) // dK += dSᵀ·Q
		}
	})
	for bh := range a.b * a.h {
		bkv := (bh/a.h)*a.hkv + (bh%a.h)/group
		dk, dv := gk[bkv*ks:(bkv+1)*ks], gv[bkv*ks:(bkv+1)*ks]
		for i, x := range gks[bh*ks : (bh+1)*ks] {
			dk[i] += x
		}
		for i, x := range gvs[bh*ks : (bh+1)*ks] {
			dv[i] += x
		}
	}
}

// softmaxRow turns the scores row[lo:hi] into probabilities of
// softmax(scale·score) and zeroes the rest of the row (the masked keys).
// float32 rows take their exponentials eight at a time.
func softmaxRow[T float](row []T, lo, hi int, scale T) {
	clear(row[:lo])
	clear(row[hi:])
	vis := row[lo:hi]
	m := T(math.Inf(-1))
	for _, v := range vis {
		m = max(m, v*scale)
	}
	for j, v := range vis {
		vis[j] = v*scale - m
	}
	if is32[T]() {
		v32 := as32(vis)
		vecmath.ExpTo(v32, v32)
	} else {
		for j, v := range vis {
			vis[j] = T(math.Exp(float64(v)))
		}
	}
	var s T
	for _, v := range vis {
		s += v
	}
	inv := 1 / s
	for j := range vis {
		vis[j] *= inv
	}
}
