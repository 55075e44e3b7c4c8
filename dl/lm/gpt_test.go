package lm_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/dataset"
	"github.com/gendl/gendl/dl/gradcheck"
	"github.com/gendl/gendl/dl/lm"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

func TestGPTGradients(t *testing.T) {
	t.Parallel()
	for _, cfg := range []lm.GPTConfig{
		{Vocab: 7, Block: 5, Layers: 2, Heads: 2, Embed: 8, Bias: true},
		{Vocab: 7, Block: 5, Layers: 1, Heads: 4, KVHeads: 2, Embed: 8, RoPE: true, Window: 3},
	} {
		r := rand.New(rand.NewPCG(1, 1))
		m := lm.NewGPT(r, cfg, nn.WithDType(dl.Float64))
		ids := dl.NewInts([]int{1, 2, 3, 4, 5, 6, 0, 1}, 2, 4)
		var wrt []*dl.Tensor
		for _, p := range m.Parameters() {
			wrt = append(wrt, p.Tensor)
		}
		rep := gradcheck.Check(r, gradcheck.Config{MaxPerTensor: 8}, func() *dl.Tensor { return m.Forward(ids) }, wrt...)
		if !rep.OK() {
			t.Fatalf("%+v: %v", cfg, rep)
		}
	}
}

func TestGPTParameterNamesFollowNanoGPT(t *testing.T) {
	t.Parallel()
	m := lm.NewGPT(rand.New(rand.NewPCG(1, 1)), lm.GPTConfig{Vocab: 65, Block: 64, Layers: 4, Heads: 4, Embed: 128})
	ps := m.Parameters()
	names := map[string][]int{}
	for _, p := range ps {
		names[p.Name] = p.Tensor.Shape()
	}
	for name, shape := range map[string][]int{
		"transformer.wte.weight":             {65, 128},
		"transformer.wpe.weight":             {64, 128},
		"transformer.h.0.attn.c_attn.weight": {384, 128},
		"transformer.h.3.mlp.c_proj.weight":  {128, 512},
		"transformer.ln_f.weight":            {128},
	} {
		if !slices.Equal(names[name], shape) {
			t.Errorf("%s: shape %v, want %v", name, names[name], shape)
		}
	}
	if n := nn.NumParams(m); n < 790_000 || n > 810_000 {
		t.Errorf("%d parameters; nanoGPT's 4x4x128 char model has about 0.80M", n)
	}
}

// The cached sampler must produce the very tokens of full recomputation for
// the same seed, including past the block size, and be faster.
func TestGPTKVCacheSamplingMatchesFull(t *testing.T) {
	t.Parallel()
	for _, cfg := range []lm.GPTConfig{
		{Vocab: 30, Block: 48, Layers: 2, Heads: 4, Embed: 32},
		{Vocab: 30, Block: 48, Layers: 2, Heads: 4, KVHeads: 2, Embed: 32, RoPE: true},
	} {
		m := lm.NewGPT(rand.New(rand.NewPCG(2, 2)), cfg)
		gen := func(step lm.Step) ([]int, time.Duration) {
			start := time.Now()
			out := lm.Generate(rand.New(rand.NewPCG(7, 7)), step, []int{1, 2, 3}, lm.GenerateConfig{
				SampleConfig: lm.SampleConfig{Temperature: 1}, MaxTokens: 60})
			return out, time.Since(start)
		}
		cached, tc := gen(m.Stepper())
		full, tf := gen(m.FullStepper())
		if !slices.Equal(cached, full) {
			t.Fatalf("%+v:\ncached %v\nfull   %v", cfg, cached, full)
		}
		t.Logf("RoPE=%v: 60 tokens cached %v, full %v", cfg.RoPE, tc, tf)
	}
}

func TestGPTLearnsShakespeare(t *testing.T) {
	t.Parallel()
	v, ids := shakespeareIDs(t)
	train, val := dataset.Split(ids, 0.9)
	r := rand.New(rand.NewPCG(1, 2))
	m := lm.NewGPT(r, lm.GPTConfig{Vocab: v.Size(), Block: 32, Layers: 2, Heads: 2, Embed: 32})
	opt := optim.NewAdamW(m.Parameters(), 3e-3)
	vr := rand.New(rand.NewPCG(3, 4))
	var vb [][2]*dl.Ints
	for range 4 {
		x, y := dataset.RandomBatch(vr, val, 8, 32)
		vb = append(vb, [2]*dl.Ints{x, y})
	}
	eval := func() float64 {
		return lm.EvalLoss(m, len(vb), func(i int) (x, y *dl.Ints) { return vb[i][0], vb[i][1] })
	}
	before := eval()
	for range 60 {
		x, y := dataset.RandomBatch(r, train, 8, 32)
		opt.ZeroGrad()
		lm.Loss(m, x, y).Backward()
		opt.Step()
	}
	after := eval()
	t.Logf("GPT val loss %.3f -> %.3f", before, after)
	if !(after < before-0.8) {
		t.Fatalf("val loss %.3f -> %.3f: did not fall by 0.8 nats", before, after)
	}
}
