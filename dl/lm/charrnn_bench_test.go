package lm

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkCharRNNGenerate is W6: 100 characters, batch 1, from a random
// CharRNN (Embedding 65×64 → RNN 256 → Linear) with multinomial sampling.
// Its allocations per character are most of what batch-1 sampling costs
// beside the two matrix-vector products.
func BenchmarkCharRNNGenerate(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	m := NewCharRNN(r, CharRNNConfig{Kind: "rnn", Vocab: 65, Embed: 64, Hidden: 256})
	b.ReportAllocs()
	for b.Loop() {
		Generate(r, m.Stepper(), []int{0}, GenerateConfig{MaxTokens: 100})
	}
}
