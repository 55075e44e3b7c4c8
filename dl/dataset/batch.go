package dataset

import (
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Split returns the first trainFrac of s and the rest, without copying:
// nanoGPT's 90/10 split of a token stream is Split(ids, 0.9). Shuffle
// first (with a *rand.Rand) when the items are independent, like names.
// It panics unless 0 <= trainFrac <= 1.
func Split[S ~[]E, E any](s S, trainFrac float64) (train, val S) {
	if !(trainFrac >= 0 && trainFrac <= 1) {
		panic(fmt.Sprintf("dataset: Split: train fraction %v outside [0, 1]", trainFrac))
	}
	n := int(float64(len(s)) * trainFrac)
	return s[:n:n], s[n:]
}

// RandomBatch draws B windows of T+1 consecutive tokens from data at
// uniformly random offsets and returns inputs and next-token targets:
// x[b, t] = data[o_b+t] and y[b, t] = data[o_b+t+1], both [B, T]. This is
// nanoGPT's get_batch; the windows may overlap.
//
// It panics with a *dl.ShapeError if data has fewer than T+1 tokens or B or
// T is not positive.
func RandomBatch(r *rand.Rand, data []int, B, T int) (x, y *dl.Ints) {
	if B <= 0 || T <= 0 || len(data) < T+1 {
		panic(&dl.ShapeError{Op: "dataset.RandomBatch", Shapes: [][]int{{len(data)}},
			Msg: fmt.Sprintf("cannot draw [B=%d, T=%d] windows from %d tokens (need B, T > 0 and T+1 tokens)", B, T, len(data))})
	}
	xs := make([]int, B*T)
	ys := make([]int, B*T)
	for b := range B {
		o := r.IntN(len(data) - T) // the last window starts at len-T-1
		copy(xs[b*T:(b+1)*T], data[o:o+T])
		copy(ys[b*T:(b+1)*T], data[o+1:o+T+1])
	}
	return dl.NewInts(xs, B, T), dl.NewInts(ys, B, T)
}

// BPTT yields sequential batches for truncated backpropagation through
// time. The token stream is cut into B contiguous streams, one per batch
// row; batch i holds the i-th window of T tokens of every stream, so row b
// of batch i+1 continues row b of batch i exactly where it stopped and the
// hidden state left by one batch is the right initial state for the next.
//
//	stream b = data[b*L : b*L+L+1], L = (len(data)-1)/B
//	x_i[b, t] = data[b*L + i*T + t], y_i[b, t] = x_i[b, t] + 1 position
//
// Len() = L/T batches make an epoch; the tail of each stream shorter than T
// is dropped so every batch is [B, T].
type BPTT struct {
	data    []int
	B, T, L int
	next    int
}

// NewBPTT returns the sequential batches of data. It panics with a
// *dl.ShapeError if data is too short for one [B, T] batch.
func NewBPTT(data []int, B, T int) *BPTT {
	if B <= 0 || T <= 0 || len(data) < B*T+1 {
		panic(&dl.ShapeError{Op: "dataset.NewBPTT", Shapes: [][]int{{len(data)}},
			Msg: fmt.Sprintf("cannot cut %d tokens into %d streams of at least T+1 = %d", len(data), B, T+1)})
	}
	return &BPTT{data: data, B: B, T: T, L: (len(data) - 1) / B}
}

// Len is the number of batches in an epoch.
func (s *BPTT) Len() int { return s.L / s.T }

// Batch returns batch i (0 <= i < Len()) as [B, T] inputs and targets.
func (s *BPTT) Batch(i int) (x, y *dl.Ints) {
	if i < 0 || i >= s.Len() {
		panic(&dl.ShapeError{Op: "dataset.BPTT.Batch", Shapes: [][]int{{s.B, s.T}},
			Msg: fmt.Sprintf("batch %d out of range [0, %d)", i, s.Len())})
	}
	xs := make([]int, s.B*s.T)
	ys := make([]int, s.B*s.T)
	for b := range s.B {
		o := b*s.L + i*s.T
		copy(xs[b*s.T:(b+1)*s.T], s.data[o:o+s.T])
		copy(ys[b*s.T:(b+1)*s.T], s.data[o+1:o+s.T+1])
	}
	return dl.NewInts(xs, s.B, s.T), dl.NewInts(ys, s.B, s.T)
}

// Next returns the next batch of the epoch, or ok = false at its end (and
// then starts over: the following call returns batch 0 again, which is
// when a model should reset its hidden state).
func (s *BPTT) Next() (x, y *dl.Ints, ok bool) {
	if s.next >= s.Len() {
		s.next = 0
		return nil, nil, false
	}
	x, y = s.Batch(s.next)
	s.next++
	return x, y, true
}

// Reset makes Next start again from batch 0.
func (s *BPTT) Reset() { s.next = 0 }
