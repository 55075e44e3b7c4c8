package lm

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
)

// quarter is the distribution 0.1, 0.2, 0.3, 0.4 as logits.
var quarter = []float32{float32(math.Log(0.1)), float32(math.Log(0.2)), float32(math.Log(0.3)), float32(math.Log(0.4))}

func closeTo(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol {
			t.Fatalf("%s = %.5f, want %.5f", what, got, want)
		}
	}
}

func TestProbsKnownDistributions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cfg  SampleConfig
		want []float64
	}{
		{SampleConfig{}, []float64{0.1, 0.2, 0.3, 0.4}},
		{SampleConfig{Temperature: 1}, []float64{0.1, 0.2, 0.3, 0.4}},
		{SampleConfig{TopK: 2}, []float64{0, 0, 3.0 / 7, 4.0 / 7}},
		{SampleConfig{TopK: 4}, []float64{0.1, 0.2, 0.3, 0.4}},
		{SampleConfig{TopK: 9}, []float64{0.1, 0.2, 0.3, 0.4}},
		{SampleConfig{TopP: 0.5}, []float64{0, 0, 3.0 / 7, 4.0 / 7}},        // 0.4 < 0.5: add 0.3
		{SampleConfig{TopP: 0.75}, []float64{0, 2.0 / 9, 3.0 / 9, 4.0 / 9}}, // 0.7 < 0.75: add 0.2
		{SampleConfig{TopP: 0.3}, []float64{0, 0, 0, 1}},
		{SampleConfig{TopP: 0.75, TopK: 2}, []float64{0, 0, 3.0 / 7, 4.0 / 7}},
		// T = 2 takes square roots: p ∝ sqrt(p).
		{SampleConfig{Temperature: 2}, sqrtNorm(0.1, 0.2, 0.3, 0.4)},
		{SampleConfig{Temperature: 0.5}, sqNorm(0.1, 0.2, 0.3, 0.4)},
	} {
		closeTo(t, c.cfg.String(), Probs(quarter, c.cfg), c.want, 1e-6)
	}
}

func sqrtNorm(p ...float64) []float64 {
	var s float64
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = math.Sqrt(v)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

func sqNorm(p ...float64) []float64 {
	var s float64
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = v * v
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// TestSampleFrequencies draws many tokens and checks the support exactly
// and the frequencies within 5 standard errors.
func TestSampleFrequencies(t *testing.T) {
	t.Parallel()
	const n = 40000
	for _, c := range []struct {
		cfg  SampleConfig
		want []float64
	}{
		{SampleConfig{}, []float64{0.1, 0.2, 0.3, 0.4}},
		{SampleConfig{TopK: 2}, []float64{0, 0, 3.0 / 7, 4.0 / 7}},
		{SampleConfig{TopP: 0.75}, []float64{0, 2.0 / 9, 3.0 / 9, 4.0 / 9}},
		{SampleConfig{Temperature: 0.5, TopK: 3}, []float64{0, 4.0 / 29, 9.0 / 29, 16.0 / 29}},
	} {
		r := rand.New(rand.NewPCG(7, 8))
		hits := make([]float64, 4)
		for range n {
			hits[Sample(r, quarter, c.cfg)]++
		}
		for i, p := range c.want {
			f := hits[i] / n
			if p == 0 && hits[i] != 0 {
				t.Fatalf("%v: token %d outside the support drawn %v times", c.cfg, i, hits[i])
			}
			if se := math.Sqrt(p * (1 - p) / n); math.Abs(f-p) > 5*se+1e-9 {
				t.Fatalf("%v: token %d frequency %.4f, want %.4f ± %.4f", c.cfg, i, f, p, 5*se)
			}
		}
	}
}

func TestSampleEdgeCases(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	if got := Sample(nil, []float32{1, 3, 3, -1}, SampleConfig{Greedy: true}); got != 1 {
		t.Fatalf("greedy = %d, want 1 (first of the tied maxima)", got)
	}
	inf := float32(math.Inf(-1))
	for range 1000 {
		if got := Sample(r, []float32{inf, 0, inf, 0}, SampleConfig{}); got != 1 && got != 3 {
			t.Fatalf("sampled a -Inf logit: %d", got)
		}
	}
	// Huge logits do not overflow; a very low temperature is greedy.
	if got := Sample(r, []float32{1e30, 2e30, 0}, SampleConfig{Temperature: 1e-3}); got != 1 {
		t.Fatalf("got %d", got)
	}
	if err := dl.Try(func() { Sample(r, nil, SampleConfig{}) }); !dl.IsShapeError(err) {
		t.Fatalf("empty logits: %v", err)
	}
	for _, bad := range []func(){
		func() { Sample(r, []float32{inf, inf}, SampleConfig{}) },
		func() { Sample(r, []float32{float32(math.NaN()), 1}, SampleConfig{}) },
		func() { Sample(r, quarter, SampleConfig{Temperature: -1}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			bad()
		}()
	}
	for _, x := range []*dl.Tensor{dl.FromFloat32(slices.Clone(quarter), 4), dl.FromFloat64([]float64{0, 5, 1, 2}, 4)} {
		if got := SampleTensor(r, x, SampleConfig{Greedy: true}); got != argmax32(x) {
			t.Fatalf("SampleTensor greedy = %d", got)
		}
	}
	if err := dl.Try(func() { SampleTensor(r, dl.Zeros(2, 2), SampleConfig{}) }); !dl.IsShapeError(err) {
		t.Fatalf("[2 2] logits: %v", err)
	}
}

func argmax32(x *dl.Tensor) int {
	f := x.Floats()
	best := 0
	for i, v := range f {
		if v > f[best] {
			best = i
		}
	}
	return best
}

// counter is a toy model: after token t comes t+1 (mod 5), almost surely.
func counter(ctx []int) []float32 {
	out := make([]float32, 5)
	next := 0
	if len(ctx) > 0 {
		next = (ctx[len(ctx)-1] + 1) % 5
	}
	out[next] = 20
	return out
}

func TestGenerateStops(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var streamed []int
	var seen [][]int
	step := func(ctx []int) []float32 {
		seen = append(seen, slices.Clone(ctx))
		return counter(ctx)
	}
	got := Generate(r, step, []int{1}, GenerateConfig{SampleConfig: SampleConfig{Greedy: true}, MaxTokens: 7,
		OnToken: func(tok int) { streamed = append(streamed, tok) }})
	if !slices.Equal(got, []int{2, 3, 4, 0, 1, 2, 3}) || !slices.Equal(streamed, got) {
		t.Fatalf("generated %v, streamed %v", got, streamed)
	}
	if !slices.Equal(seen[0], []int{1}) || !slices.Equal(seen[3], []int{1, 2, 3, 4}) {
		t.Fatalf("contexts %v", seen)
	}
	got = Generate(r, counter, []int{1}, GenerateConfig{MaxTokens: 50, StopTokens: []int{0}})
	if !slices.Equal(got, []int{2, 3, 4}) {
		t.Fatalf("stop token: %v", got)
	}
	letters := func(ids []int) string {
		b := make([]byte, len(ids))
		for i, id := range ids {
			b[i] = "abcde"[id]
		}
		return string(b)
	}
	got = Generate(r, counter, nil, GenerateConfig{MaxTokens: 50, StopString: "cde", Decode: letters})
	if letters(got) != "abcde" {
		t.Fatalf("stop string: %q", letters(got))
	}
}

func TestGenerateReproducible(t *testing.T) {
	t.Parallel()
	m := NewNGram(3, 3)
	m.Count(abab)
	run := func(seed uint64, cfg SampleConfig) []int {
		return Generate(rand.New(rand.NewPCG(seed, 0)), m.Logits, []int{0}, GenerateConfig{SampleConfig: cfg, MaxTokens: 40})
	}
	for _, cfg := range []SampleConfig{{}, {Temperature: 1.5, TopK: 2}, {TopP: 0.9}} {
		a, b, c := run(1, cfg), run(1, cfg), run(2, cfg)
		if !slices.Equal(a, b) || slices.Equal(a, c) || len(a) != 40 {
			t.Fatalf("%v: seed 1 %v / %v, seed 2 %v", cfg, a, b, c)
		}
	}
}
