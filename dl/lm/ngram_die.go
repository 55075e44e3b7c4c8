package lm

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Die is the lecture's "many-sided die" of a context: one face per token,
// weighted by the probability that it comes next. Printing it shows the
// heaviest faces; rolling it samples the next token.
type Die struct {
	Context []int     // the context used: the last N-1 tokens asked for
	Probs   []float64 // [V] P(face | Context), smoothed
	Counts  []int     // [V] how often each face followed Context in the counts
	Seen    int       // how often Context was seen (sum of Counts)
	Label   func(id int) string
	// Label names a token for String; nil prints IDs. For characters:
	// func(id int) string { return string(vocab.Rune(id)) }.
}

// Face is one side of a Die.
type Face struct {
	ID    int
	Prob  float64
	Count int
}

// Die returns the die of the next token after ctx (trimmed to its last N-1
// tokens). label may be nil.
func (m *NGram) Die(ctx []int, label func(id int) string) *Die {
	ctx = m.trim(ctx)
	c, total := m.countsOf(ctx)
	return &Die{Context: slices.Clone(ctx), Probs: m.Dist(ctx), Counts: c, Seen: total, Label: label}
}

// Top returns the k most probable faces, most probable first (ties by ID).
func (d *Die) Top(k int) []Face {
	faces := make([]Face, len(d.Probs))
	for i, p := range d.Probs {
		faces[i] = Face{ID: i, Prob: p, Count: d.Counts[i]}
	}
	slices.SortStableFunc(faces, func(a, b Face) int { return cmp.Compare(b.Prob, a.Prob) })
	return faces[:min(k, len(faces))]
}

// Roll samples a face.
func (d *Die) Roll(r *rand.Rand) int { return sampleFrom(r, d.Probs) }

// String shows the context, how often it was seen and the ten heaviest
// faces of non-zero probability as a bar chart:
//
//	die after "th" (seen 2 times, 27 faces)
//	  'e'  0.500  ##########  1
//	  'a'  0.250  #####       1
func (d *Die) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "die after %s (seen %d times, %d faces)", d.name(d.Context), d.Seen, len(d.Probs))
	top := d.Top(10)
	if len(top) == 0 {
		return b.String()
	}
	for _, f := range top {
		if f.Prob == 0 {
			break // the rest are impossible too
		}
		bar := int(f.Prob/top[0].Prob*10 + 0.5)
		fmt.Fprintf(&b, "\n  %-6s %.3f  %-10s  %d", d.name([]int{f.ID}), f.Prob, strings.Repeat("#", bar), f.Count)
	}
	return b.String()
}

// name quotes the tokens of ids, joined as a string.
func (d *Die) name(ids []int) string {
	if d.Label == nil {
		return fmt.Sprint(ids)
	}
	var s strings.Builder
	for _, id := range ids {
		s.WriteString(d.Label(id))
	}
	if len(ids) == 1 && len([]rune(s.String())) == 1 {
		return strconv.QuoteRune([]rune(s.String())[0])
	}
	return strconv.Quote(s.String())
}

// sampleFrom draws an index with probability proportional to p (p >= 0,
// not all zero) by inverting the cumulative sum.
func sampleFrom(r *rand.Rand, p []float64) int {
	var total float64
	for _, v := range p {
		total += v
	}
	u := r.Float64() * total
	last := 0
	for i, v := range p {
		if v <= 0 {
			continue
		}
		last = i
		if u < v {
			return i
		}
		u -= v
	}
	return last // rounding left u just above the total
}
