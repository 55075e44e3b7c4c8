package nn

import (
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// SelfAttentionConfig sizes a CausalSelfAttention.
type SelfAttentionConfig struct {
	Embed   int // C, the model width
	Heads   int // query heads H; C must be a multiple of H (head size D = C/H)
	KVHeads int // key/value heads; 0 means Heads. Fewer gives grouped-query attention
	// Window > 0 restricts each token to the Window most recent positions
	// (itself included): sliding-window attention.
	Window int
	// RoPE rotates queries and keys by their positions (rotary embeddings),
	// base RoPEBase (0 means 10000), instead of relying on learned
	// position embeddings.
	RoPE     bool
	RoPEBase float64
	Dropout  float64 // dropout on the output projection while training
}

// CausalSelfAttention is multi-head causal self-attention with the
// nanoGPT layout: QKV projects [B, T, C] to queries, keys and values at once
// ("c_attn", weight [C + 2·KVHeads·D, C]) and Proj maps the heads back
// ("c_proj"). The attention itself is the fused dl.Attention op.
type CausalSelfAttention struct {
	Cfg  SelfAttentionConfig
	QKV  *Linear
	Proj *Linear
	drop *Dropout
}

// NewCausalSelfAttention builds the layer with PyTorch's default Linear
// initialisation, drawing from r. It panics on sizes that do not divide.
func NewCausalSelfAttention(r *rand.Rand, cfg SelfAttentionConfig, opts ...Option) *CausalSelfAttention {
	if cfg.KVHeads == 0 {
		cfg.KVHeads = cfg.Heads
	}
	if cfg.Heads < 1 || cfg.Embed%cfg.Heads != 0 || cfg.KVHeads < 1 || cfg.Heads%cfg.KVHeads != 0 {
		panic(fmt.Sprintf("nn: attention with C=%d, %d heads, %d KV heads: C must split into heads and heads into KV groups", cfg.Embed, cfg.Heads, cfg.KVHeads))
	}
	if cfg.RoPEBase == 0 {
		cfg.RoPEBase = 10000
	}
	d := cfg.Embed / cfg.Heads
	a := &CausalSelfAttention{
		Cfg:  cfg,
		QKV:  NewLinear(r, cfg.Embed, cfg.Embed+2*cfg.KVHeads*d, opts...),
		Proj: NewLinear(r, cfg.Embed, cfg.Embed, opts...),
	}
	if cfg.Dropout > 0 {
		a.drop = NewDropout(r, cfg.Dropout)
	}
	return a
}

// KVCache holds one attention layer's keys and values for the tokens seen so
// far, [B, KVHeads, T, D] each, so that sampling computes attention for
// each new token only.
type KVCache struct {
	K, V *dl.Tensor
	// Pos counts the tokens seen: the position of the next one. It can
	// exceed the cached length when a sliding window dropped old keys.
	Pos int
}

// Len is the number of cached positions.
func (c *KVCache) Len() int {
	if c == nil || c.K == nil {
		return 0
	}
	return c.K.Dim(2)
}

func (c *KVCache) pos() int {
	if c == nil {
		return 0
	}
	return c.Pos
}

// Forward attends over x [B, T, C] causally and returns [B, T, C].
func (a *CausalSelfAttention) Forward(x *dl.Tensor) *dl.Tensor { return a.ForwardCache(x, nil) }

// ForwardCache attends over the new tokens x [B, Tn, C], which follow the
// cache's positions, and appends their keys and values to cache (nil: no
// cache). With a sliding window the cache keeps only the last Window
// positions.
func (a *CausalSelfAttention) ForwardCache(x *dl.Tensor, cache *KVCache) *dl.Tensor {
	c := a.Cfg.Embed
	if x.Rank() != 3 || x.Dim(2) != c {
		panic(&dl.ShapeError{Op: "CausalSelfAttention", Shapes: [][]int{x.Shape()}, Msg: fmt.Sprintf("input must be [B, T, %d]", c)})
	}
	b, t := x.Dim(0), x.Dim(1)
	if cache == nil && !a.Cfg.RoPE { // heads read in place from the fused projection
		y := dl.AttentionQKV(a.QKV.Forward(x), a.Cfg.Heads, a.Cfg.KVHeads, dl.AttentionConfig{Causal: true, Window: a.Cfg.Window}) // [B, T, C]
		return a.output(y)
	}
	q, k, v := a.project(x, cache.pos())
	if cache != nil {
		cache.Pos += t
		if cache.K != nil {
			k, v = dl.Concat(2, cache.K, k), dl.Concat(2, cache.V, v)
		}
		if w := a.Cfg.Window; w > 0 && k.Dim(2) > w+t-1 {
			// keys older than every new query's window are never read again
			n := k.Dim(2)
			cache.K, cache.V = dl.Slice(k, 2, n-w, n), dl.Slice(v, 2, n-w, n)
		} else {
			cache.K, cache.V = k, v
		}
	}
	y := dl.Attention(q, k, v, dl.AttentionConfig{Causal: true, Window: a.Cfg.Window}) // [B, H, T, D]
	return a.output(dl.Reshape(dl.Permute(y, 0, 2, 1, 3), b, t, c))                    // [B, T, C]
}

// output is the output projection and dropout of the merged heads.
func (a *CausalSelfAttention) output(y *dl.Tensor) *dl.Tensor {
	y = a.Proj.Forward(y)
	if a.drop != nil {
		y = a.drop.Forward(y)
	}
	return y
}

// project computes queries [B, H, T, D], keys and values [B, Hkv, T, D]
// for x [B, T, C] at positions offset, offset+1, ...
func (a *CausalSelfAttention) project(x *dl.Tensor, offset int) (q, k, v *dl.Tensor) {
	c, h, hkv := a.Cfg.Embed, a.Cfg.Heads, a.Cfg.KVHeads
	b, t, d := x.Dim(0), x.Dim(1), c/h
	qkv := a.QKV.Forward(x)               // [B, T, C + 2·Hkv·D]
	heads := func(lo, n int) *dl.Tensor { // columns [lo, lo+n·D) as [B, n, T, D]
		return dl.Permute(dl.Reshape(dl.Slice(qkv, 2, lo, lo+n*d), b, t, n, d), 0, 2, 1, 3)
	}
	q, k, v = heads(0, h), heads(c, hkv), heads(c+hkv*d, hkv)
	if a.Cfg.RoPE {
		q, k = dl.RoPE(q, offset, a.Cfg.RoPEBase), dl.RoPE(k, offset, a.Cfg.RoPEBase)
	}
	return q, k, v
}

// Weights returns the attention probabilities [B, H, T, T] for x, for
// heatmaps. It records nothing.
func (a *CausalSelfAttention) Weights(x *dl.Tensor) *dl.Tensor {
	var p *dl.Tensor
	dl.NoGrad(func() {
		q, k, _ := a.project(x, 0)
		p = dl.AttentionWeights(q, k, dl.AttentionConfig{Causal: true, Window: a.Cfg.Window})
	})
	return p
}

// Parameters returns c_attn.* then c_proj.*, nanoGPT's names.
func (a *CausalSelfAttention) Parameters() []Param {
	return append(Child("c_attn", a.QKV), Child("c_proj", a.Proj)...)
}

// SetTraining switches the output dropout.
func (a *CausalSelfAttention) SetTraining(training bool) {
	if a.drop != nil {
		a.drop.SetTraining(training)
	}
}
