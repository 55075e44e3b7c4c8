package dataset

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	tr, va := Split([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.9)
	if !slices.Equal(tr, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}) || !slices.Equal(va, []int{9}) {
		t.Fatalf("%v %v", tr, va)
	}
	tr = append(tr, 99) // must not overwrite val
	if va[0] != 9 {
		t.Fatal("appending to train overwrote val")
	}
}

func TestRandomBatch(t *testing.T) {
	t.Parallel()
	data := make([]int, 50)
	for i := range data {
		data[i] = i
	}
	x, y := RandomBatch(rand.New(rand.NewPCG(1, 2)), data, 4, 8)
	if !slices.Equal(x.Shape(), []int{4, 8}) || !slices.Equal(y.Shape(), []int{4, 8}) {
		t.Fatalf("shapes %v %v", x.Shape(), y.Shape())
	}
	for b := range 4 {
		for tt := range 8 {
			if x.At(b, tt) != x.At(b, 0)+tt || y.At(b, tt) != x.At(b, tt)+1 {
				t.Fatalf("row %d not a window with shifted targets: %v", b, x)
			}
		}
	}
	x2, _ := RandomBatch(rand.New(rand.NewPCG(1, 2)), data, 4, 8)
	if !slices.Equal(x.Data, x2.Data) {
		t.Fatal("same seed, different batch")
	}
	// Every offset, including the last one, is reachable; none beyond.
	r := rand.New(rand.NewPCG(3, 4))
	seen := map[int]bool{}
	for range 200 {
		x, _ := RandomBatch(r, data[:12], 1, 8)
		seen[x.Data[0]] = true
	}
	if len(seen) != 4 || !seen[0] || !seen[3] {
		t.Fatalf("offsets seen %v, want 0..3", seen)
	}
	if err := dl.Try(func() { RandomBatch(r, data[:8], 1, 8) }); !dl.IsShapeError(err) {
		t.Fatalf("too short: %v", err)
	}
}

func TestBPTTStreamsContinue(t *testing.T) {
	t.Parallel()
	data := make([]int, 103)
	for i := range data {
		data[i] = i
	}
	s := NewBPTT(data, 4, 5) // L = 25, 5 batches
	if s.Len() != 5 {
		t.Fatalf("Len = %d", s.Len())
	}
	var prev *dl.Ints
	n := 0
	for {
		x, y, ok := s.Next()
		if !ok {
			break
		}
		for b := range 4 {
			if x.At(b, 0) != b*25+n*5 || y.At(b, 4) != x.At(b, 4)+1 {
				t.Fatalf("batch %d row %d: %v", n, b, x)
			}
			if prev != nil && x.At(b, 0) != prev.At(b, 4)+1 {
				t.Fatalf("row %d of batch %d does not continue the previous batch", b, n)
			}
		}
		prev = x
		n++
	}
	if n != 5 {
		t.Fatalf("%d batches", n)
	}
	if x, _, ok := s.Next(); !ok || x.At(0, 0) != 0 {
		t.Fatal("epoch did not start over")
	}
	if err := dl.Try(func() { NewBPTT(data[:20], 4, 5) }); !dl.IsShapeError(err) {
		t.Fatalf("too short: %v", err)
	}
}
