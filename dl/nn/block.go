package nn

import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Block is a pre-LN transformer block (GPT-2, nanoGPT):
//
//	x = x + Attn(LN1(x))
//	x = x + MLP(LN2(x)),  MLP = Linear(C, 4C) → GELU → Linear(4C, C)
//
// Normalising before each sublayer keeps the residual path an identity,
// which is what lets deep stacks train without warm-up tricks.
type Block struct {
	LN1  *LayerNorm
	Attn *CausalSelfAttention
	LN2  *LayerNorm
	FC   *Linear // "mlp.c_fc"
	Proj *Linear // "mlp.c_proj"
	drop *Dropout
}

// NewBlock builds a block of width cfg.Embed, drawing from r.
func NewBlock(r *rand.Rand, cfg SelfAttentionConfig, opts ...Option) *Block {
	b := &Block{
		LN1:  NewLayerNorm(cfg.Embed, opts...),
		Attn: NewCausalSelfAttention(r, cfg, opts...),
		LN2:  NewLayerNorm(cfg.Embed, opts...),
		FC:   NewLinear(r, cfg.Embed, 4*cfg.Embed, opts...),
		Proj: NewLinear(r, 4*cfg.Embed, cfg.Embed, opts...),
	}
	if cfg.Dropout > 0 {
		b.drop = NewDropout(r, cfg.Dropout)
	}
	return b
}

// Forward maps [B, T, C] to [B, T, C].
func (b *Block) Forward(x *dl.Tensor) *dl.Tensor { return b.ForwardCache(x, nil) }

// ForwardCache is Forward for new tokens after those in the attention's
// KV cache (nil: none).
func (b *Block) ForwardCache(x *dl.Tensor, cache *KVCache) *dl.Tensor {
	x = dl.Add(x, b.Attn.ForwardCache(b.LN1.Forward(x), cache))
	m := b.Proj.Forward(dl.GELU(b.FC.Forward(b.LN2.Forward(x))))
	if b.drop != nil {
		m = b.drop.Forward(m)
	}
	return dl.Add(x, m)
}

// Parameters uses nanoGPT's names: ln_1, attn.c_attn, attn.c_proj, ln_2,
// mlp.c_fc, mlp.c_proj.
func (b *Block) Parameters() []Param {
	ps := Child("ln_1", b.LN1)
	ps = append(ps, Child("attn", b.Attn)...)
	ps = append(ps, Child("ln_2", b.LN2)...)
	ps = append(ps, Child("mlp.c_fc", b.FC)...)
	return append(ps, Child("mlp.c_proj", b.Proj)...)
}

// SetTraining reaches the dropouts.
func (b *Block) SetTraining(training bool) {
	b.Attn.SetTraining(training)
	if b.drop != nil {
		b.drop.SetTraining(training)
	}
}
