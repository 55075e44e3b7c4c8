package dl_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

// Permutations that keep the last axis in place take the row-copying
// path; compare every element with indexing, and the gradient with the
// inverse permutation, for the attention-head moves and a few others.
func TestPermuteKeepingLastAxis(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct {
		shape, perm []int
	}{
		{[]int{2, 3, 4, 5}, []int{0, 2, 1, 3}},
		{[]int{2, 3, 4, 5}, []int{2, 0, 1, 3}},
		{[]int{3, 1, 2, 1}, []int{2, 1, 0, 3}},
		{[]int{4, 6}, []int{0, 1}},
		{[]int{2, 0, 3}, []int{1, 0, 2}},
	} {
		x := dl.Randn(r, c.shape...).SetRequiresGrad(true)
		y := dl.Permute(x, c.perm...)
		n := 1
		for _, d := range c.shape {
			n *= d
		}
		src := make([]int, len(c.shape))
		for k := range n {
			rem := k
			for a := len(c.shape) - 1; a >= 0; a-- {
				src[a] = rem % c.shape[a]
				rem /= c.shape[a]
			}
			dst := make([]int, len(c.perm))
			for i, p := range c.perm {
				dst[i] = src[p]
			}
			if got, want := y.At(dst...), x.At(src...); got != want {
				t.Fatalf("Permute(%v, %v) at %v = %v, want x%v = %v", c.shape, c.perm, dst, got, src, want)
			}
		}
		w := dl.Randn(r, y.Shape()...)
		dl.Sum(dl.Mul(y, w)).Backward()
		back := dl.Permute(w, inverse(c.perm)...)
		for k, v := range x.Grad().Floats() {
			if want := back.Floats()[k]; v != want {
				t.Fatalf("Permute(%v, %v): gradient element %d = %v, want %v", c.shape, c.perm, k, v, want)
			}
		}
	}
}

func inverse(perm []int) []int {
	inv := make([]int, len(perm))
	for i, p := range perm {
		inv[p] = i
	}
	return inv
}
