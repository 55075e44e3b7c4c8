package dl_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

func init() {
	attn := func(cfg dl.AttentionConfig) func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
		return func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Attention(in[0], in[1], in[2], cfg) }
	}
	gradCases = append(gradCases,
		gradCase{name: "Attention", shapes: [][]int{{2, 2, 3, 4}, {2, 2, 3, 4}, {2, 2, 3, 4}}, f: attn(dl.AttentionConfig{})},
		gradCase{name: "Attention/causal", shapes: [][]int{{1, 2, 4, 3}, {1, 2, 4, 3}, {1, 2, 4, 3}}, f: attn(dl.AttentionConfig{Causal: true})},
		gradCase{name: "Attention/window", shapes: [][]int{{1, 1, 5, 2}, {1, 1, 5, 2}, {1, 1, 5, 2}}, f: attn(dl.AttentionConfig{Causal: true, Window: 2})},
		gradCase{name: "Attention/grouped-query", shapes: [][]int{{1, 4, 3, 2}, {1, 2, 3, 2}, {1, 2, 3, 2}}, f: attn(dl.AttentionConfig{Causal: true})},
		gradCase{name: "Attention/kv-cache", shapes: [][]int{{2, 2, 1, 3}, {2, 2, 4, 3}, {2, 2, 4, 3}}, f: attn(dl.AttentionConfig{Causal: true, Scale: 0.7})},
		// longer than one 64-row chunk of queries: products over key ranges
		gradCase{name: "Attention/window-chunks", shapes: [][]int{{1, 1, 70, 2}, {1, 1, 70, 2}, {1, 1, 70, 2}}, f: attn(dl.AttentionConfig{Causal: true, Window: 5})},
		gradCase{name: "Attention/causal-chunks", shapes: [][]int{{1, 2, 66, 2}, {1, 1, 66, 2}, {1, 1, 66, 2}}, f: attn(dl.AttentionConfig{Causal: true})},
		gradCase{name: "AttentionQKV", shapes: [][]int{{2, 3, 12}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.AttentionQKV(in[0], 2, 1, dl.AttentionConfig{Causal: true}) // H 2, Hkv 1, D 3
		}},
		gradCase{name: "AttentionQKV/full", shapes: [][]int{{1, 4, 12}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.AttentionQKV(in[0], 2, 2, dl.AttentionConfig{}) // H 2, Hkv 2, D 2
		}},
		gradCase{name: "AttentionQKV/window-chunks", shapes: [][]int{{1, 67, 6}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.AttentionQKV(in[0], 1, 1, dl.AttentionConfig{Causal: true, Window: 4})
		}},
		gradCase{name: "RoPE", shapes: [][]int{{1, 2, 3, 4}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.RoPE(in[0], 2, 10000) }},
	)
}

// naiveAttention follows the textbook formula with explicit masking by -Inf.
func naiveAttention(q, k, v *dl.Tensor, cfg dl.AttentionConfig) []float64 {
	s := q.Shape()
	b, h, tq, d := s[0], s[1], s[2], s[3]
	hkv, tk := k.Dim(1), k.Dim(2)
	scale := cfg.Scale
	if scale == 0 {
		scale = 1 / math.Sqrt(float64(d))
	}
	out := make([]float64, q.Size())
	for bi := range b {
		for hi := range h {
			kh := hi / (h / hkv)
			for i := range tq {
				pos := tk - tq + i
				w := make([]float64, tk)
				mx := math.Inf(-1)
				for j := range tk {
					w[j] = math.Inf(-1)
					if cfg.Causal && (j > pos || (cfg.Window > 0 && j <= pos-cfg.Window)) {
						continue
					}
					w[j] = 0
					for c := range d {
						w[j] += q.At(bi, hi, i, c) * k.At(bi, kh, j, c) * scale
					}
					mx = math.Max(mx, w[j])
				}
				z := 0.0
				for j := range w {
					w[j] = math.Exp(w[j] - mx)
					z += w[j]
				}
				for c := range d {
					for j := range tk {
						out[((bi*h+hi)*tq+i)*d+c] += w[j] / z * v.At(bi, kh, j, c)
					}
				}
			}
		}
	}
	return out
}

func TestAttentionMatchesNaive(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		q, kv []int
		cfg   dl.AttentionConfig
	}{
		{"full", []int{2, 2, 5, 4}, []int{2, 2, 5, 4}, dl.AttentionConfig{}},
		{"causal", []int{2, 3, 6, 4}, []int{2, 3, 6, 4}, dl.AttentionConfig{Causal: true}},
		{"window", []int{1, 2, 7, 2}, []int{1, 2, 7, 2}, dl.AttentionConfig{Causal: true, Window: 3}},
		{"gqa", []int{1, 6, 4, 3}, []int{1, 2, 4, 3}, dl.AttentionConfig{Causal: true}},
		{"kv-cache", []int{1, 2, 2, 3}, []int{1, 2, 6, 3}, dl.AttentionConfig{Causal: true}},
		// several 64-row chunks of queries, each multiplied only by the keys it sees
		{"causal-chunks", []int{1, 2, 150, 3}, []int{1, 2, 150, 3}, dl.AttentionConfig{Causal: true}},
		{"window-chunks", []int{2, 2, 150, 4}, []int{2, 2, 150, 4}, dl.AttentionConfig{Causal: true, Window: 20}},
		{"window-kv-cache-chunks", []int{1, 4, 70, 3}, []int{1, 2, 200, 3}, dl.AttentionConfig{Causal: true, Window: 30}},
		{"large-scores", []int{1, 1, 4, 2}, []int{1, 1, 4, 2}, dl.AttentionConfig{Causal: true, Scale: 1e3}},
	}
	for _, c := range cases {
		r := rand.New(rand.NewPCG(5, 5))
		q, k, v := dl.RandnOf(r, dl.Float64, c.q...), dl.RandnOf(r, dl.Float64, c.kv...), dl.RandnOf(r, dl.Float64, c.kv...)
		got := dl.Attention(q, k, v, c.cfg).Float64s()
		want := naiveAttention(q, k, v, c.cfg)
		for i := range want {
			if math.IsNaN(got[i]) || math.Abs(got[i]-want[i]) > 1e-9 {
				t.Fatalf("%s: out[%d] = %v, naive %v", c.name, i, got[i], want[i])
			}
		}
		// float32 agrees too
		got32 := dl.Attention(q.To(dl.Float32), k.To(dl.Float32), v.To(dl.Float32), c.cfg).Float32s()
		for i := range want {
			if math.Abs(float64(got32[i])-want[i]) > 1e-4 {
				t.Fatalf("%s float32: out[%d] = %v, naive %v", c.name, i, got32[i], want[i])
			}
		}
	}
}

func TestAttentionWeightsRowsSumToOneAndRespectMask(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	q, k := dl.Randn(r, 1, 1, 5, 4), dl.Randn(r, 1, 1, 5, 4)
	p := dl.AttentionWeights(q, k, dl.AttentionConfig{Causal: true, Window: 2})
	for i := range 5 {
		sum := 0.0
		for j := range 5 {
			w := p.At(0, 0, i, j)
			if (j > i || j < i-1) && w != 0 {
				t.Fatalf("weight[%d][%d] = %v, want 0 outside the window", i, j, w)
			}
			sum += w
		}
		if math.Abs(sum-1) > 1e-6 {
			t.Fatalf("row %d sums to %v", i, sum)
		}
	}
}

// With RoPE, q·k depends only on the distance between the positions.
func TestRoPERelativePosition(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(2, 2))
	q, k := dl.RandnOf(r, dl.Float64, 1, 1, 1, 8), dl.RandnOf(r, dl.Float64, 1, 1, 1, 8)
	dot := func(pq, pk int) float64 {
		a, b := dl.RoPE(q, pq, 10000).Float64s(), dl.RoPE(k, pk, 10000).Float64s()
		s := 0.0
		for i := range a {
			s += a[i] * b[i]
		}
		return s
	}
	if d1, d2 := dot(3, 1), dot(10, 8); math.Abs(d1-d2) > 1e-9 {
		t.Fatalf("q·k at positions (3,1) = %v, at (10,8) = %v; want equal", d1, d2)
	}
	if d0, d1 := dot(0, 0), dot(0, 3); math.Abs(d0-d1) < 1e-6 {
		t.Fatal("RoPE did not change the dot product across distances")
	}
}

// AttentionQKV against splitting the fused projection into heads,
// Attention and merging the heads: outputs and the gradient of the fused
// input, float64 and float32, for multi-head, grouped-query, windowed and
// several-chunk shapes.
func TestAttentionQKVMatchesSplitHeads(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name            string
		b, t, h, hkv, d int
		cfg             dl.AttentionConfig
	}{
		{"causal", 2, 9, 4, 4, 8, dl.AttentionConfig{Causal: true}},
		{"full", 1, 5, 2, 2, 3, dl.AttentionConfig{}},
		{"gqa", 2, 7, 6, 2, 4, dl.AttentionConfig{Causal: true}},
		{"window-chunks", 1, 150, 2, 1, 4, dl.AttentionConfig{Causal: true, Window: 20}},
	} {
		for _, dt := range []dl.DType{dl.Float64, dl.Float32} {
			r := rand.New(rand.NewPCG(8, 8))
			w := (c.h + 2*c.hkv) * c.d
			x := dl.RandnOf(r, dt, c.b, c.t, w)
			gout := dl.RandnOf(r, dt, c.b, c.t, c.h*c.d)
			a := x.Detach().SetRequiresGrad(true)
			got := dl.AttentionQKV(a, c.h, c.hkv, c.cfg)
			got.BackwardWith(gout)
			bx := x.Detach().SetRequiresGrad(true)
			heads := func(lo, n int) *dl.Tensor {
				return dl.Permute(dl.Reshape(dl.Slice(bx, 2, lo, lo+n*c.d), c.b, c.t, n, c.d), 0, 2, 1, 3)
			}
			y := dl.Attention(heads(0, c.h), heads(c.h*c.d, c.hkv), heads((c.h+c.hkv)*c.d, c.hkv), c.cfg)
			want := dl.Reshape(dl.Permute(y, 0, 2, 1, 3), c.b, c.t, c.h*c.d)
			want.BackwardWith(gout)
			tol := 1e-12
			if dt == dl.Float32 {
				tol = 1e-5
			}
			for _, pair := range [][2]*dl.Tensor{{got, want}, {a.Grad(), bx.Grad()}} {
				g, wv := pair[0].To(dl.Float64).Float64s(), pair[1].To(dl.Float64).Float64s()
				for i := range wv {
					if math.Abs(g[i]-wv[i]) > tol*(1+math.Abs(wv[i])) {
						t.Fatalf("%s %v: element %d = %v, split heads %v", c.name, dt, i, g[i], wv[i])
					}
				}
			}
		}
	}
}
