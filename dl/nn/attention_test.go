package nn_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

func init() {
	attn := func(name string, cfg nn.SelfAttentionConfig) moduleCase {
		return layerCase(name, func(r *rand.Rand) nn.Layer { return nn.NewCausalSelfAttention(r, cfg, f64) }, 2, 5, cfg.Embed)
	}
	moduleCases = append(moduleCases,
		attn("CausalSelfAttention", nn.SelfAttentionConfig{Embed: 8, Heads: 2}),
		attn("CausalSelfAttention/gqa-rope-window", nn.SelfAttentionConfig{Embed: 8, Heads: 4, KVHeads: 2, RoPE: true, Window: 3}),
		layerCase("Block", func(r *rand.Rand) nn.Layer {
			b := nn.NewBlock(r, nn.SelfAttentionConfig{Embed: 8, Heads: 2}, f64)
			b.LN1.Weight.CopyFrom(randn(r, 8)) // not all ones, so mistakes show
			return b
		}, 2, 3, 8),
		// The cache is gradient-checked as the op sequence sampling runs:
		// a prefix through the cache, then new tokens.
		moduleCase{"KVCache", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
			a := nn.NewCausalSelfAttention(r, nn.SelfAttentionConfig{Embed: 4, Heads: 2, RoPE: true}, f64)
			x1, x2 := randn(r, 1, 3, 4), randn(r, 1, 2, 4)
			return func() *dl.Tensor {
				cache := &nn.KVCache{}
				a.ForwardCache(x1, cache)
				return a.ForwardCache(x2, cache)
			}, append([]*dl.Tensor{x2}, tensors(a)...)
		}},
	)
}

// Feeding tokens through the KV cache one at a time must give the same
// outputs as attending over the whole sequence at once, for every variant.
func TestKVCacheMatchesFullAttention(t *testing.T) {
	t.Parallel()
	for _, cfg := range []nn.SelfAttentionConfig{
		{Embed: 8, Heads: 2},
		{Embed: 8, Heads: 4, KVHeads: 1, RoPE: true},
		{Embed: 8, Heads: 2, Window: 3, RoPE: true},
	} {
		r := rand.New(rand.NewPCG(3, 3))
		a := nn.NewCausalSelfAttention(r, cfg, f64)
		x := randn(r, 2, 7, 8)
		full := a.Forward(x).Float64s()
		cache := &nn.KVCache{}
		for s := range 7 {
			step := a.ForwardCache(dl.Slice(x, 1, s, s+1), cache).Float64s() // [2, 1, 8]
			for b := range 2 {
				for j := range 8 {
					if got, want := step[b*8+j], full[(b*7+s)*8+j]; math.Abs(got-want) > 1e-12 {
						t.Fatalf("%+v: step %d batch %d col %d: cached %v, full %v", cfg, s, b, j, got, want)
					}
				}
			}
		}
		if cfg.Window > 0 && cache.Len() > cfg.Window {
			t.Fatalf("%+v: cache holds %d positions, window is %d", cfg, cache.Len(), cfg.Window)
		}
	}
}

func TestAttentionParameterNames(t *testing.T) {
	t.Parallel()
	b := nn.NewBlock(rand.New(rand.NewPCG(1, 1)), nn.SelfAttentionConfig{Embed: 8, Heads: 2, KVHeads: 1})
	want := []string{"ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias",
		"ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias"}
	ps := b.Parameters()
	for i, w := range want {
		if ps[i].Name != w {
			t.Fatalf("param %d = %s, want %s", i, ps[i].Name, w)
		}
	}
	if got := ps[2].Tensor.Shape(); got[0] != 8+2*4 || got[1] != 8 {
		t.Fatalf("grouped-query c_attn weight is %v, want [16 8]", got)
	}
}
