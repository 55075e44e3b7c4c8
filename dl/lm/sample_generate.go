package lm

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
)

// GenerateConfig is a SampleConfig plus when to stop and where to stream.
type GenerateConfig struct {
	SampleConfig

	// MaxTokens is the most tokens to generate (required, > 0).
	MaxTokens int
	// StopTokens end the generation when sampled; the stop token is neither
	// returned nor streamed (the "." that ends a makemore name).
	StopTokens []int
	// StopString ends the generation once the generated text ends with it
	// (for instance "\n\n" after a speech); the tokens that spell it are
	// returned and streamed. It needs Decode.
	StopString string
	// Decode returns the text of tokens, as a vocabulary's Decode does.
	Decode func(ids []int) string
	// OnToken, when set, is called with every generated token as soon as it
	// is sampled, to print the text while it is being generated.
	OnToken func(tok int)
}

// Step is any model seen as a next-token predictor: it returns the [V]
// logits of the token that follows ctx. ctx is the prompt followed by
// everything generated so far; a model with a block size crops it to its
// last block (ctx[max(0, len(ctx)-T):]), an n-gram to its last N-1 tokens.
// A step must not modify or keep ctx. Log-probabilities are logits too.
type Step func(ctx []int) []float32

// Generate samples up to cfg.MaxTokens tokens after prompt from the model
// behind step, drawing with r, and returns the generated tokens (without
// the prompt). It stops early on a stop token or the stop string. The
// same r state, model and config give the same tokens.
//
//	out := lm.Generate(r, model.Logits, prompt, lm.GenerateConfig{
//		SampleConfig: lm.SampleConfig{Temperature: 0.8, TopK: 20},
//		MaxTokens:    500,
//		OnToken:      func(t int) { fmt.Print(string(vocab.Rune(t))) },
//	})
//
// It panics if MaxTokens is not positive or StopString is set without
// Decode; it panics as Sample does on bad logits.
func Generate(r *rand.Rand, step Step, prompt []int, cfg GenerateConfig) []int {
	if cfg.MaxTokens <= 0 {
		panic(errors.New("lm: Generate: MaxTokens must be positive"))
	}
	if cfg.StopString != "" && cfg.Decode == nil {
		panic(errors.New("lm: Generate: StopString needs Decode"))
	}
	ctx := make([]int, len(prompt), len(prompt)+cfg.MaxTokens)
	copy(ctx, prompt)
	var text strings.Builder // the generated text, kept only for StopString
	for range cfg.MaxTokens {
		tok := Sample(r, step(ctx[:len(ctx):len(ctx)]), cfg.SampleConfig)
		if slices.Contains(cfg.StopTokens, tok) {
			break
		}
		ctx = append(ctx, tok)
		if cfg.OnToken != nil {
			cfg.OnToken(tok)
		}
		if cfg.StopString != "" {
			text.WriteString(cfg.Decode([]int{tok}))
			if strings.HasSuffix(text.String(), cfg.StopString) {
				break
			}
		}
	}
	return slices.Clone(ctx[len(prompt):])
}
