package lm_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/gendl/gendl/dl/dataset"
	"github.com/gendl/gendl/dl/lm"
)

// What each setting does to the distribution 0.1, 0.2, 0.3, 0.4.
func ExampleProbs() {
	logits := []float32{float32(math.Log(0.1)), float32(math.Log(0.2)), float32(math.Log(0.3)), float32(math.Log(0.4))}
	for _, cfg := range []lm.SampleConfig{
		{},
		{Temperature: 0.5},
		{Temperature: 2},
		{TopK: 2},
		{TopP: 0.75},
	} {
		fmt.Printf("%-10v %.3f\n", cfg, lm.Probs(logits, cfg))
	}
	fmt.Println(lm.Sample(nil, logits, lm.SampleConfig{Greedy: true}))
	// Output:
	// T=1        [0.100 0.200 0.300 0.400]
	// T=0.5      [0.033 0.133 0.300 0.533]
	// T=2        [0.163 0.230 0.282 0.325]
	// T=1 top-k=2 [0.000 0.000 0.429 0.571]
	// T=1 top-p=0.75 [0.000 0.222 0.333 0.444]
	// 3
}

// Generate streams each token as it is sampled; a seed makes it repeat.
func ExampleGenerate() {
	text := strings.Repeat("to be or not to be, that is the question.\n", 10)
	vocab := dataset.NewCharVocab(text)
	ids, _ := vocab.Encode(text)
	m := lm.NewNGram(4, vocab.Size())
	m.Count(ids)
	prompt, _ := vocab.Encode("to ")
	decode := func(ids []int) string { s, _ := vocab.Decode(ids); return s }
	for range 2 {
		r := rand.New(rand.NewPCG(42, 0))
		fmt.Print("to ")
		lm.Generate(r, m.Logits, prompt, lm.GenerateConfig{
			SampleConfig: lm.SampleConfig{Temperature: 0.5},
			MaxTokens:    100,
			StopString:   "\n",
			Decode:       decode,
			OnToken:      func(tok int) { fmt.Print(string(vocab.Rune(tok))) },
		})
	}
	// Output:
	// to be or not to be, the question.
	// to be or not to be, the question.
}
