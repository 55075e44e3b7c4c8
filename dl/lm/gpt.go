package lm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// GPTConfig sizes a GPT. The zero values of the optional fields give
// nanoGPT's model: learned positions, full causal attention, no dropout.
type GPTConfig struct {
	Vocab  int // V
	Block  int // the longest context T the model sees
	Layers int
	Heads  int
	Embed  int // C
	// KVHeads < Heads shares key/value heads (grouped-query attention).
	KVHeads int
	// Window > 0 makes every layer use sliding-window attention.
	Window int
	// RoPE replaces the learned position embeddings with rotary ones.
	RoPE    bool
	Dropout float64
	Bias    bool // biases in Linear and LayerNorm (nanoGPT's bias=True)
}

// GPT is a decoder-only transformer language model (Radford et al., 2019,
// as in Karpathy's nanoGPT): token (+ position) embeddings, pre-LN blocks,
// a final LayerNorm and a head tied to the token embedding. It follows the
// model contract, [B, T] IDs in and [B, T, V] logits out, and nanoGPT's
// parameter names (transformer.wte.weight, transformer.h.0.attn.c_attn.weight,
// ...). The head shares the embedding tensor, so it is listed once.
type GPT struct {
	Cfg    GPTConfig
	WTE    *nn.Embedding // [V, C], also the output head
	WPE    *nn.Embedding // [Block, C]; nil with RoPE
	Blocks []*nn.Block
	LNF    *nn.LayerNorm
	drop   *nn.Dropout
}

// NewGPT builds a GPT with nanoGPT's initialisation (weights N(0, 0.02),
// residual projections N(0, 0.02/√(2·Layers)), zero biases), drawing from r.
func NewGPT(r *rand.Rand, cfg GPTConfig, opts ...nn.Option) *GPT {
	if cfg.Vocab < 1 || cfg.Block < 1 || cfg.Layers < 1 || cfg.Embed < 1 {
		panic(fmt.Sprintf("lm: NewGPT: sizes must be positive, got %+v", cfg))
	}
	if !cfg.Bias {
		opts = append(opts, nn.NoBias())
	}
	acfg := nn.SelfAttentionConfig{Embed: cfg.Embed, Heads: cfg.Heads, KVHeads: cfg.KVHeads,
		Window: cfg.Window, RoPE: cfg.RoPE, Dropout: cfg.Dropout}
	m := &GPT{Cfg: cfg, WTE: nn.NewEmbedding(r, cfg.Vocab, cfg.Embed, opts...), LNF: nn.NewLayerNorm(cfg.Embed, opts...)}
	if !cfg.RoPE {
		m.WPE = nn.NewEmbedding(r, cfg.Block, cfg.Embed, opts...)
	}
	for range cfg.Layers {
		m.Blocks = append(m.Blocks, nn.NewBlock(r, acfg, opts...))
	}
	if cfg.Dropout > 0 {
		m.drop = nn.NewDropout(r, cfg.Dropout)
	}
	for _, p := range m.Parameters() {
		switch name := p.Name; {
		case endsWith(name, ".bias"):
			p.Tensor.Fill(0)
		case endsWith(name, "ln_1.weight"), endsWith(name, "ln_2.weight"), endsWith(name, "ln_f.weight"):
			// LayerNorm gains stay at one
		case endsWith(name, "c_proj.weight"):
			normal(r, p.Tensor, 0.02/math.Sqrt(2*float64(cfg.Layers)))
		default:
			normal(r, p.Tensor, 0.02)
		}
	}
	return m
}

func endsWith(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

// normal overwrites t with draws from N(0, std²).
func normal(r *rand.Rand, t *dl.Tensor, std float64) {
	if t.DType() == dl.Float64 {
		for i := range t.Float64s() {
			t.Float64s()[i] = r.NormFloat64() * std
		}
		return
	}
	for i := range t.Float32s() {
		t.Float32s()[i] = float32(r.NormFloat64() * std)
	}
}

// Forward maps ids [B, T] (T <= Block) to logits [B, T, V].
func (m *GPT) Forward(ids *dl.Ints) *dl.Tensor { return m.ForwardCache(ids, nil) }

// ForwardCache maps new ids [B, Tn] that follow the tokens already in the
// per-layer caches (nil: no cache) to their logits [B, Tn, V], appending
// their keys and values to the caches. Positions continue from the caches.
func (m *GPT) ForwardCache(ids *dl.Ints, caches []*nn.KVCache) *dl.Tensor {
	if ids.Rank() != 2 {
		panic(&dl.ShapeError{Op: "GPT", Shapes: [][]int{ids.Shape()}, Msg: "ids must be [B, T]"})
	}
	t := ids.Shape()[1]
	pos := 0
	if caches != nil {
		pos = caches[0].Pos
	}
	if m.WPE != nil && pos+t > m.Cfg.Block {
		panic(&dl.ShapeError{Op: "GPT", Shapes: [][]int{ids.Shape()}, Msg: fmt.Sprintf("positions up to %d exceed the block size %d", pos+t, m.Cfg.Block)})
	}
	x := m.WTE.Forward(ids) // [B, T, C]
	if m.WPE != nil {
		p := make([]int, t)
		for i := range p {
			p[i] = pos + i
		}
		x = dl.Add(x, m.WPE.Forward(dl.NewInts(p, t))) // [T, C] broadcast over B
	}
	if m.drop != nil {
		x = m.drop.Forward(x)
	}
	for i, blk := range m.Blocks {
		var c *nn.KVCache
		if caches != nil {
			c = caches[i]
		}
		x = blk.ForwardCache(x, c)
	}
	x = m.LNF.Forward(x)
	return dl.Linear(x, m.WTE.Weight, nil) // [B, T, V], the tied head
}

// NewCaches returns one empty KV cache per layer.
func (m *GPT) NewCaches() []*nn.KVCache {
	cs := make([]*nn.KVCache, len(m.Blocks))
	for i := range cs {
		cs[i] = &nn.KVCache{}
	}
	return cs
}

// Parameters lists transformer.wte, transformer.wpe, transformer.h.N.*,
// transformer.ln_f in nanoGPT's order.
func (m *GPT) Parameters() []nn.Param {
	ps := nn.Child("transformer.wte", m.WTE)
	if m.WPE != nil {
		ps = append(ps, nn.Child("transformer.wpe", m.WPE)...)
	}
	for i, b := range m.Blocks {
		ps = append(ps, nn.Child(fmt.Sprintf("transformer.h.%d", i), b)...)
	}
	return append(ps, nn.Child("transformer.ln_f", m.LNF)...)
}

// SetTraining reaches every dropout.
func (m *GPT) SetTraining(training bool) {
	if m.drop != nil {
		m.drop.SetTraining(training)
	}
	for _, b := range m.Blocks {
		b.SetTraining(training)
	}
}
