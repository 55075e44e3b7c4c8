package lm

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/gendl/gendl/dl"
)

// SampleConfig says how to pick the next token from a model's logits. The
// zero value samples from the model's own distribution.
//
// The steps run in the order of the fields: divide the logits by
// Temperature, keep the TopK most probable tokens, keep the smallest set of
// most probable tokens whose probability reaches TopP, renormalise, draw.
// Greedy skips all of it and takes the most probable token.
type SampleConfig struct {
	Temperature float64 // > 1 flattens, < 1 sharpens; 0 means 1 (unchanged)
	TopK        int     // keep only the K most probable tokens; 0 keeps all
	TopP        float64 // nucleus sampling: keep the top tokens up to this much probability; 0 (or >= 1) keeps all
	Greedy      bool    // take the argmax (lowest ID on ties); no randomness
}

// String prints the non-default settings, for notebook tables.
func (c SampleConfig) String() string {
	if c.Greedy {
		return "greedy"
	}
	s := fmt.Sprintf("T=%g", c.temperature())
	if c.TopK > 0 {
		s += fmt.Sprintf(" top-k=%d", c.TopK)
	}
	if c.TopP > 0 && c.TopP < 1 {
		s += fmt.Sprintf(" top-p=%g", c.TopP)
	}
	return s
}

func (c SampleConfig) temperature() float64 {
	if c.Temperature == 0 {
		return 1
	}
	return c.Temperature
}

// Sample picks a token ID from a row of logits ([V]) under cfg, drawing
// with r (unused when cfg.Greedy). The same seed gives the same tokens.
//
// It panics with a *dl.ShapeError on an empty row, and with an error on a
// negative temperature or logits that are all -Inf or contain NaN.
func Sample(r *rand.Rand, logits []float32, cfg SampleConfig) int {
	if cfg.Greedy {
		return argmax(logits)
	}
	return sampleFrom(r, Probs(logits, cfg))
}

// SampleTensor is Sample for a [V] tensor of either dtype, such as the
// last row of a model's [1, T, V] output reshaped to [V].
func SampleTensor(r *rand.Rand, logits *dl.Tensor, cfg SampleConfig) int {
	if logits.Rank() != 1 {
		panic(&dl.ShapeError{Op: "lm.SampleTensor", Shapes: [][]int{logits.Shape()}, Msg: "want a [V] row of logits"})
	}
	row := logits.Floats()
	x := make([]float32, len(row))
	for i, v := range row {
		x[i] = float32(v)
	}
	return Sample(r, x, cfg)
}

// Probs returns the [V] distribution Sample draws from under cfg (ignoring
// Greedy): the softmax of the tempered logits with the tokens outside the
// top-k and the nucleus set to 0. Plot it to see what a setting does.
func Probs(logits []float32, cfg SampleConfig) []float64 {
	if len(logits) == 0 {
		panic(&dl.ShapeError{Op: "lm.Sample", Shapes: [][]int{{0}}, Msg: "no logits"})
	}
	t := cfg.temperature()
	if !(t > 0) {
		panic(fmt.Errorf("lm: Sample: temperature %v must be positive", cfg.Temperature))
	}
	// Softmax in float64, shifted by the max so exp never overflows.
	hi := math.Inf(-1)
	for _, v := range logits {
		if math.IsNaN(float64(v)) {
			panic(fmt.Errorf("lm: Sample: NaN in logits"))
		}
		hi = max(hi, float64(v))
	}
	if math.IsInf(hi, -1) {
		panic(fmt.Errorf("lm: Sample: every logit is -Inf"))
	}
	p := make([]float64, len(logits))
	var sum float64
	for i, v := range logits {
		p[i] = math.Exp((float64(v) - hi) / t)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	if k, nucleus := cfg.TopK, cfg.TopP > 0 && cfg.TopP < 1; (k > 0 && k < len(p)) || nucleus {
		order := make([]int, len(p)) // most probable first, ties by ID
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p[b], p[a]) })
		keep := len(p)
		if k > 0 {
			keep = min(keep, k)
		}
		if nucleus {
			// Keep a token while the mass of the tokens before it is
			// below TopP: the first token that reaches it is kept.
			var mass float64
			for j, id := range order[:keep] {
				if mass >= cfg.TopP {
					keep = j
					break
				}
				mass += p[id]
			}
		}
		var kept float64
		for _, id := range order[:keep] {
			kept += p[id]
		}
		for _, id := range order[keep:] {
			p[id] = 0
		}
		for _, id := range order[:keep] {
			p[id] /= kept
		}
	}
	return p
}

// argmax returns the index of the largest logit, the lowest on ties.
func argmax(x []float32) int {
	if len(x) == 0 {
		panic(&dl.ShapeError{Op: "lm.Sample", Shapes: [][]int{{0}}, Msg: "no logits"})
	}
	best := 0
	for i, v := range x {
		if math.IsNaN(float64(v)) {
			panic(fmt.Errorf("lm: Sample: NaN in logits"))
		}
		if v > x[best] {
			best = i
		}
	}
	return best
}
