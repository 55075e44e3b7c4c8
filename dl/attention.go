package dl

import "math"

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
	out := emptyUninit(q.dtype, q.shape)                       // every head's rows come from one product
	probs := emptyUninit(q.dtype, []int{a.b, a.h, a.tq, a.tk}) // softmaxRow writes every row whole
	l := a.headsLayout()
	if q.dtype == Float64 {
		attnForward(a, l, q.f64, k.f64, v.f64, probs.f64, out.f64)
	} else {
		attnForward(a, l, q.f32, k.f32, v.f32, probs.f32, out.f32)
	}
	qd, kd, vd := q.Detach(), k.Detach(), v.Detach()
	return record("Attention", out, []*Tensor{q, k, v}, func(g *Tensor) []*Tensor {
		gq, gk, gv := newAttnGrad(a, q), newAttnGrad(a, k), newAttnGrad(a, v)
		if q.dtype == Float64 {
			attnBackward(a, l, g.f64, qd.f64, kd.f64, vd.f64, probs.f64, gq.f64, gk.f64, gv.f64)
		} else {
			attnBackward(a, l, g.f32, qd.f32, kd.f32, vd.f32, probs.f32, gq.f32, gk.f32, gv.f32)
		}
		return freshGrads(gq, gk, gv)
	})
}

// AttentionWeights returns the [B, H, Tq, Tk] probabilities Attention uses,
// for drawing heatmaps. It records nothing.
func AttentionWeights(q, k *Tensor, cfg AttentionConfig) *Tensor {
	a := attnSetup("AttentionWeights", q, k, k, cfg)
	p := empty(q.dtype, []int{a.b, a.h, a.tq, a.tk})
	out := empty(q.dtype, q.shape) // the product with k as v is discarded
	if q.dtype == Float64 {
		attnForward(a, a.headsLayout(), q.f64, k.f64, k.f64, p.f64, out.f64)
	} else {
		attnForward(a, a.headsLayout(), q.f32, k.f32, k.f32, p.f32, out.f32)
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

// AttentionQKV is Attention on the output of a fused projection, without
// splitting it: qkv is [B, T, (H+2·Hkv)·D], each row holding H query heads,
// then Hkv key heads, then Hkv value heads of D values each (a c_attn
// Linear's output); the result is [B, T, H·D], the heads side by side,
// ready for the output projection. It equals splitting qkv into
// [B, H, T, D] heads, Attention, and merging the heads back, but its
// products read the heads in place and write the output in place, so the
// five copies of the split and merge, forward and backward, never happen.
// Queries and keys share positions (Tq = Tk = T).
func AttentionQKV(qkv *Tensor, heads, kvHeads int, cfg AttentionConfig) *Tensor {
	if qkv.Rank() != 3 || heads <= 0 || kvHeads <= 0 || heads%kvHeads != 0 || qkv.shape[2]%(heads+2*kvHeads) != 0 {
		panicf("AttentionQKV", []*Tensor{qkv}, "want qkv [B, T, (H+2·Hkv)·D] with H = %d a multiple of Hkv = %d", heads, kvHeads)
	}
	b, t, d := qkv.shape[0], qkv.shape[1], qkv.shape[2]/(heads+2*kvHeads)
	if cfg.Window > 0 && !cfg.Causal {
		panicf("AttentionQKV", []*Tensor{qkv}, "a sliding window needs Causal")
	}
	if cfg.Scale == 0 {
		cfg.Scale = 1 / math.Sqrt(float64(d))
	}
	a := attnDims{b: b, h: heads, hkv: kvHeads, tq: t, tk: t, d: d, cfg: cfg}
	l := a.fusedLayout()
	out := emptyUninit(qkv.dtype, []int{b, t, heads * d})
	probs := emptyUninit(qkv.dtype, []int{b, heads, t, t})
	if qkv.dtype == Float64 {
		attnForward(a, l, qkv.f64, qkv.f64, qkv.f64, probs.f64, out.f64)
	} else {
		attnForward(a, l, qkv.f32, qkv.f32, qkv.f32, probs.f32, out.f32)
	}
	xd := qkv.Detach()
	return record("AttentionQKV", out, []*Tensor{qkv}, func(g *Tensor) []*Tensor {
		gx := freshGrad(newAttnGrad(a, xd))
		if qkv.dtype == Float64 {
			attnBackward(a, l, g.f64, xd.f64, xd.f64, xd.f64, probs.f64, gx.f64, gx.f64, gx.f64)
		} else {
			attnBackward(a, l, g.f32, xd.f32, xd.f32, xd.f32, probs.f32, gx.f32, gx.f32, gx.f32)
		}
		return []*Tensor{gx}
	})
}

// newAttnGrad allocates a gradient buffer shaped like t for attnBackward:
// zeros with grouped queries, which it adds to; otherwise unzeroed, since
// it writes every element.
func newAttnGrad(a attnDims, t *Tensor) *Tensor {
	if a.h == a.hkv {
		return emptyUninit(t.dtype, t.shape)
	}
	return ZerosLike(t)
}
