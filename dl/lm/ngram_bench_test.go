package lm

import (
	"math/rand/v2"
	"testing"
)

func benchText(n int) []int {
	r := rand.New(rand.NewPCG(1, 1))
	ids := make([]int, n)
	for i := range ids {
		ids[i] = r.IntN(8) + r.IntN(8)*r.IntN(8) // 0..56, skewed like letters
	}
	return ids
}

// BenchmarkNGramCount counts 100k tokens at order 5.
func BenchmarkNGramCount(b *testing.B) {
	ids := benchText(100_000)
	b.ReportAllocs()
	for b.Loop() {
		NewNGram(5, 65).Count(ids)
	}
}

// BenchmarkNGramNLL scores 10k tokens at order 5 with Witten-Bell.
func BenchmarkNGramNLL(b *testing.B) {
	ids := benchText(100_000)
	m := NewNGram(5, 65)
	m.Count(ids)
	b.ReportAllocs()
	for b.Loop() {
		m.NLL(ids[:10_000])
	}
}

// BenchmarkSampleTopP samples from 65 logits with nucleus filtering.
func BenchmarkSampleTopP(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	logits := make([]float32, 65)
	for i := range logits {
		logits[i] = float32(r.NormFloat64())
	}
	b.ReportAllocs()
	for b.Loop() {
		Sample(r, logits, SampleConfig{Temperature: 0.8, TopP: 0.9})
	}
}
