package lm

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// abab is "a b a b a c" over {a, b, c}: unigrams a 3, b 2, c 1; a is
// followed by b twice and c once; b by a twice; c by nothing.
var abab = []int{0, 1, 0, 1, 0, 2}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %.15g, want %.15g", what, got, want)
	}
}

func TestNGramAddK(t *testing.T) {
	t.Parallel()
	m := NewNGram(2, 3)
	m.Count(abab)
	m.Smoothing = AddK{1}
	near(t, "P(b|a)", m.Prob([]int{0}, 1), 3.0/6)
	near(t, "P(a|a)", m.Prob([]int{0}, 0), 1.0/6)
	near(t, "P(c|a)", m.Prob([]int{0}, 2), 2.0/6)
	near(t, "P(a|c) unseen context", m.Prob([]int{2}, 0), 1.0/3)
	near(t, "P(b|a b a), trimmed to a", m.Prob([]int{0, 1, 0}, 1), 3.0/6)
	m.Smoothing = AddK{0}
	near(t, "ML P(b|a)", m.Prob([]int{0}, 1), 2.0/3)
	near(t, "ML P(a|a)", m.Prob([]int{0}, 0), 0)
	if nll := m.NLL([]int{0, 0}); !math.IsInf(nll, 1) {
		t.Errorf("NLL of an unseen bigram under ML = %v, want +Inf", nll)
	}
	near(t, "ML unigram P(a) at the start", m.Prob(nil, 0), 3.0/6)
}

func TestNGramWittenBell(t *testing.T) {
	t.Parallel()
	m := NewNGram(3, 3)
	m.Count(abab)
	// P0(w) = (c(w) + T·1/V) / (6 + T) with T = 3 distinct tokens.
	near(t, "P(a)", m.Prob(nil, 0), 4.0/9)
	near(t, "P(c)", m.Prob(nil, 2), 2.0/9)
	// After a: b 2, c 1, T = 2: P(w|a) = (c(a,w) + 2·P0(w)) / 5.
	near(t, "P(b|a)", m.Prob([]int{0}, 1), 8.0/15)
	near(t, "P(a|a)", m.Prob([]int{0}, 0), 8.0/45)
	near(t, "P(c|a)", m.Prob([]int{0}, 2), 13.0/45)
	near(t, "P(a|b)", m.Prob([]int{1}, 0), 22.0/27)
	near(t, "P(a|c) unseen: the unigram", m.Prob([]int{2}, 0), 4.0/9)
	// After a b: a 2, T = 1: (2 + P(a|b)) / 3.
	near(t, "P(a|a b)", m.Prob([]int{0, 1}, 0), 76.0/81)
	near(t, "P(a|c b), c b unseen: P(a|b)", m.Prob([]int{2, 1}, 0), 22.0/27)
	ll, n := m.LogLikelihood([]int{0, 1, 0})
	near(t, "log-likelihood of a b a", ll, math.Log(8.0/15)+math.Log(76.0/81))
	if n != 2 {
		t.Errorf("%d tokens scored, want 2", n)
	}
	near(t, "perplexity of a b a", m.Perplexity([]int{0, 1, 0}), math.Exp(-ll/2))
	if c, total := m.CountOf([]int{1, 0, 1}, 0); c != 2 || total != 2 {
		t.Errorf("CountOf(a b → a) = %d of %d", c, total)
	}
}

// TestNGramDistSumsToOne checks every smoothing on random text, every
// context length, against Prob.
func TestNGramDistSumsToOne(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	seq := make([]int, 300)
	for i := range seq {
		seq[i] = r.IntN(4) * r.IntN(3) // skewed, some IDs of 0..6 never seen
	}
	for n := 1; n <= 4; n++ {
		m := NewNGram(n, 7)
		m.Count(seq)
		for _, s := range []Smoothing{AddK{0.5}, AddK{1}, WittenBell{}} {
			m.Smoothing = s
			for _, ctx := range [][]int{nil, {3}, {0, 6}, {4, 2, 0}, {6, 6, 6, 6}} {
				p := m.Dist(ctx)
				var sum float64
				for w, v := range p {
					sum += v
					if math.Abs(v-m.Prob(ctx, w)) > 1e-12 {
						t.Fatalf("n=%d %v ctx %v: Dist[%d] = %v, Prob = %v", n, s, ctx, w, v, m.Prob(ctx, w))
					}
				}
				if math.Abs(sum-1) > 1e-12 {
					t.Fatalf("n=%d %v ctx %v: sum %v", n, s, ctx, sum)
				}
			}
		}
	}
}

func TestNGramSequencesStaySeparate(t *testing.T) {
	t.Parallel()
	m := NewNGram(2, 3)
	m.Count([]int{0, 1})
	m.Count([]int{2, 0})
	if c, _ := m.CountOf([]int{1}, 2); c != 0 {
		t.Fatal("a bigram spans two sequences")
	}
	if m.Tokens() != 4 || m.Contexts(1) != 2 {
		t.Fatalf("tokens %d contexts %d", m.Tokens(), m.Contexts(1))
	}
}

func TestDie(t *testing.T) {
	t.Parallel()
	m := NewNGram(2, 3)
	m.Count(abab)
	m.Smoothing = AddK{0}
	d := m.Die([]int{1, 0}, func(id int) string { return string(rune('a' + id)) })
	want := `die after 'a' (seen 3 times, 3 faces)
  'b'    0.667  ##########  2
  'c'    0.333  #####       1`
	if got := d.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	r := rand.New(rand.NewPCG(3, 4))
	var hits [3]int
	for range 30000 {
		hits[d.Roll(r)]++
	}
	if hits[0] != 0 || math.Abs(float64(hits[1])/30000-2.0/3) > 0.01 {
		t.Fatalf("rolls %v", hits)
	}
	if s := m.Die(nil, nil).String(); !strings.HasPrefix(s, "die after [] (seen 6 times") {
		t.Fatalf("unigram die: %s", s)
	}
}
