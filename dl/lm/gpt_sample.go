package lm

import (
	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// Stepper returns a Step for Generate that runs the new tokens only,
// against per-layer KV caches. While the context fits in the block this
// gives exactly the logits of a full forward over the context. Past the
// block, a model with learned positions must drop the oldest token, which
// shifts every position: the stepper then recomputes the last Block tokens
// in full, as nanoGPT's sampler does, so results stay identical to
// FullStepper's. Use a new Stepper for each generation.
func (m *GPT) Stepper() Step {
	caches := m.NewCaches()
	seen := 0
	return func(ctx []int) []float32 {
		if len(ctx) < seen {
			panic("lm: GPT stepper: context shrank; use a new Stepper per generation")
		}
		if len(ctx) > m.Cfg.Block {
			return m.lastLogits(ctx[len(ctx)-m.Cfg.Block:], nil)
		}
		logits := m.lastLogits(ctx[seen:], caches)
		seen = len(ctx)
		return logits
	}
}

// FullStepper returns a Step that recomputes the whole (cropped) context for
// every token, without a cache: the reference the cached stepper is tested
// against, and the baseline of its speed-up.
func (m *GPT) FullStepper() Step {
	return func(ctx []int) []float32 {
		return m.lastLogits(ctx[max(0, len(ctx)-m.Cfg.Block):], nil)
	}
}

// lastLogits runs ids as a [1, T] batch without recording and returns the
// logits of the last position.
func (m *GPT) lastLogits(ids []int, caches []*nn.KVCache) []float32 {
	var row []float32
	dl.NoGrad(func() {
		in := append([]int(nil), ids...)
		logits := m.ForwardCache(dl.NewInts(in, 1, len(in)), caches).To(dl.Float32).Float32s()
		row = logits[len(logits)-m.Cfg.Vocab:]
	})
	return row
}
