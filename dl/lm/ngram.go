package lm

import (
	"encoding/binary"
	"fmt"
)

// NGram is a count-based language model of order N: it predicts a token
// from the N-1 tokens before it (N = 1 ignores the context, N = 2 is the
// bigram of makemore). It keeps the counts of every context of length 0 to
// N-1, so a short context (the start of a text) and the interpolated
// smoothing both have the lower orders at hand.
//
// The zero value is not usable; make one with NewNGram and fill it with
// Count.
type NGram struct {
	N         int       // order: contexts of up to N-1 tokens
	V         int       // vocabulary size: IDs are 0..V-1
	Smoothing Smoothing // how counts become probabilities; NewNGram sets WittenBell{}

	tables []map[string]*counts // tables[k]: contexts of length k
	tokens int                  // tokens counted, i.e. the unigram total
}

// counts is the row of one context: how often each token followed it.
type counts struct {
	total int
	next  map[int]int
}

// NewNGram returns an empty model of order n over vocabSize tokens with
// interpolated Witten-Bell smoothing. It panics if n < 1 or vocabSize < 1.
func NewNGram(n, vocabSize int) *NGram {
	if n < 1 || vocabSize < 1 {
		panic(fmt.Sprintf("lm: NewNGram: order %d and vocabulary size %d must be positive", n, vocabSize))
	}
	m := &NGram{N: n, V: vocabSize, Smoothing: WittenBell{}, tables: make([]map[string]*counts, n)}
	for k := range m.tables {
		m.tables[k] = map[string]*counts{}
	}
	return m
}

// Count adds the n-grams of one sequence: for every position i and every
// context length k < N with k <= i, one observation of seq[i] after
// seq[i-k:i]. Separate sequences (names, each wrapped in "." boundary
// tokens) are counted with separate calls so no context spans two of them.
// It panics if an ID is outside [0, V).
func (m *NGram) Count(seq []int) {
	for i, id := range seq {
		if id < 0 || id >= m.V {
			panic(fmt.Sprintf("lm: NGram.Count: ID %d at position %d outside [0, %d)", id, i, m.V))
		}
	}
	var buf []byte
	for i, w := range seq {
		m.tokens++
		for k := 0; k < m.N && k <= i; k++ {
			buf = key(buf[:0], seq[i-k:i])
			c := m.tables[k][string(buf)]
			if c == nil {
				c = &counts{next: map[int]int{}}
				m.tables[k][string(buf)] = c
			}
			c.total++
			c.next[w]++
		}
	}
}

// key encodes a context as a map key.
func key(buf []byte, ctx []int) []byte {
	for _, id := range ctx {
		buf = binary.AppendUvarint(buf, uint64(id))
	}
	return buf
}

// row returns the counts after ctx (nil if ctx was never seen), for a
// context of at most N-1 tokens.
func (m *NGram) row(ctx []int) *counts {
	var arr [64]byte
	return m.tables[len(ctx)][string(key(arr[:0], ctx))]
}

// trim keeps the last N-1 tokens of ctx.
func (m *NGram) trim(ctx []int) []int {
	if len(ctx) > m.N-1 {
		return ctx[len(ctx)-(m.N-1):]
	}
	return ctx
}

// Tokens is the number of tokens counted.
func (m *NGram) Tokens() int { return m.tokens }

// Contexts is the number of distinct contexts of length k seen (k < N).
func (m *NGram) Contexts(k int) int { return len(m.tables[k]) }

// CountOf returns how often next followed ctx (the last N-1 tokens of
// ctx) and how often ctx was seen at all.
func (m *NGram) CountOf(ctx []int, next int) (c, total int) {
	r := m.row(m.trim(ctx))
	if r == nil {
		return 0, 0
	}
	return r.next[next], r.total
}

// countsOf returns the dense [V] counts after ctx and their total.
func (m *NGram) countsOf(ctx []int) ([]int, int) {
	out := make([]int, m.V)
	r := m.row(ctx)
	if r == nil {
		return out, 0
	}
	for id, c := range r.next {
		out[id] = c
	}
	return out, r.total
}
