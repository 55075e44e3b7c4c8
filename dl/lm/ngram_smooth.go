package lm

import (
	"fmt"
	"math"
)

// Smoothing turns an NGram's counts into a probability distribution over
// the next token. The two kinds are AddK and WittenBell.
type Smoothing interface {
	// dist fills p ([V]) with P(· | ctx) for a context of at most N-1 tokens.
	dist(m *NGram, ctx []int, p []float64)
	// prob returns P(w | ctx).
	prob(m *NGram, ctx []int, w int) float64
	String() string
}

// AddK is additive smoothing on the full context only:
//
//	P(w | h) = (c(h, w) + K) / (c(h) + K·V)
//
// K = 1 is Laplace smoothing; K = 0 is the maximum-likelihood estimate,
// which gives unseen tokens probability 0 (and an infinite perplexity to any
// text containing one). A context never seen gives the uniform 1/V. Small K
// (0.01 to 0.1) beats K = 1 on characters: Laplace moves most of the mass of
// a rare context to the V-1 tokens that never followed it.
type AddK struct{ K float64 }

func (s AddK) String() string { return fmt.Sprintf("add-%g", s.K) }

func (s AddK) prob(m *NGram, ctx []int, w int) float64 {
	r := m.row(ctx)
	if r == nil {
		return 1 / float64(m.V)
	}
	return (float64(r.next[w]) + s.K) / (float64(r.total) + s.K*float64(m.V))
}

func (s AddK) dist(m *NGram, ctx []int, p []float64) {
	r := m.row(ctx)
	if r == nil {
		for i := range p {
			p[i] = 1 / float64(m.V)
		}
		return
	}
	den := float64(r.total) + s.K*float64(m.V)
	for i := range p {
		p[i] = s.K / den
	}
	for id, c := range r.next {
		p[id] = (float64(c) + s.K) / den
	}
}

// WittenBell is interpolated Witten-Bell smoothing: every order is mixed
// with the next lower one, recursively down to the uniform distribution,
//
//	P(w | h) = (c(h, w) + T(h)·P(w | h')) / (c(h) + T(h))
//
// where h' is h without its oldest token, T(h) is the number of distinct
// tokens seen after h, and P(w | ∅) mixes the unigram with 1/V the same way.
// An unseen h gives P(w | h'). The more kinds of tokens a context has been
// followed by, the more weight goes to the shorter context: no parameter to
// tune, and every token keeps a probability above 0.
//
// It is an interpolation, not a backoff (Katz backoff uses the lower order
// only for unseen n-grams; stupid backoff is not normalised): every order
// always contributes. See Chen and Goodman, "An empirical study of
// smoothing techniques for language modeling" (1998), section 2.5.
type WittenBell struct{}

func (WittenBell) String() string { return "Witten-Bell" }

func (s WittenBell) prob(m *NGram, ctx []int, w int) float64 {
	p := 1 / float64(m.V)
	for k := 0; k <= len(ctx); k++ { // shortest context first
		r := m.row(ctx[len(ctx)-k:])
		if r == nil {
			break // longer contexts were not seen either
		}
		t := float64(len(r.next))
		p = (float64(r.next[w]) + t*p) / (float64(r.total) + t)
	}
	return p
}

func (s WittenBell) dist(m *NGram, ctx []int, p []float64) {
	for i := range p {
		p[i] = 1 / float64(m.V)
	}
	for k := 0; k <= len(ctx); k++ {
		r := m.row(ctx[len(ctx)-k:])
		if r == nil {
			break
		}
		t := float64(len(r.next))
		den := float64(r.total) + t
		for i := range p {
			p[i] = t * p[i] / den
		}
		for id, c := range r.next {
			p[id] += float64(c) / den
		}
	}
}

// Prob returns P(next | ctx) under m.Smoothing, using the last N-1 tokens
// of ctx (all of it when shorter). It panics if next is outside [0, V).
func (m *NGram) Prob(ctx []int, next int) float64 {
	if next < 0 || next >= m.V {
		panic(fmt.Sprintf("lm: NGram.Prob: ID %d outside [0, %d)", next, m.V))
	}
	return m.Smoothing.prob(m, m.trim(ctx), next)
}

// Dist returns the [V] distribution of the next token after ctx: the
// probabilities of the faces of the die for this context.
func (m *NGram) Dist(ctx []int) []float64 {
	p := make([]float64, m.V)
	m.Smoothing.dist(m, m.trim(ctx), p)
	return p
}

// Logits returns the log-probabilities of the next token after ctx as
// float32, the step function lm.Generate expects from any model:
//
//	ids := lm.Generate(r, m.Logits, prompt, lm.GenerateConfig{MaxTokens: 200})
//
// Tokens of probability 0 (AddK{0}) get -Inf and are never sampled.
func (m *NGram) Logits(ctx []int) []float32 {
	p := m.Dist(ctx)
	out := make([]float32, len(p))
	for i, v := range p {
		out[i] = float32(math.Log(v))
	}
	return out
}
