package dl_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
)

// Bugs found in review, each pinned by the smallest call that showed it.

// Expand once broadcast [3 4] "to" [1 4] and silently returned the first row.
func TestExpandRefusesToShrink(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { dl.Expand(dl.Zeros(3, 4), 1, 4) })
	if err == nil || !strings.HasPrefix(err.Error(), "dl: Expand: shapes [3 4] and [1 4]") {
		t.Fatalf("Expand [3 4] to [1 4]: %v", err)
	}
}

// Permute once normalised the caller's perm slice in place.
func TestPermuteLeavesPermAlone(t *testing.T) {
	t.Parallel()
	p := []int{-1, 0, 1}
	dl.Permute(dl.Zeros(2, 3, 4), p...)
	if !slices.Equal(p, []int{-1, 0, 1}) {
		t.Fatalf("perm became %v", p)
	}
}

// MatMul once reported only the batch axes ("shapes [2] and [3]").
func TestMatMulBatchErrorNamesOperands(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { dl.MatMul(dl.Zeros(2, 3, 4), dl.Zeros(3, 4, 5)) })
	if want := "dl: MatMul: shapes [2 3 4] and [3 4 5]: batch axes [2] and [3] do not broadcast"; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// CrossEntropy's backward once read the caller's target buffer, which a
// training loop refills with the next batch before calling Backward.
func TestCrossEntropyKeepsItsTargets(t *testing.T) {
	t.Parallel()
	grad := func(reuse bool) []float64 {
		buf := []int{0, 1}
		x := dl.FromFloat64([]float64{1, 2, 3, 4}, 2, 2).SetRequiresGrad(true)
		loss := dl.CrossEntropy(x, dl.NewInts(buf), -1)
		if reuse {
			buf[0], buf[1] = 1, 0
		}
		loss.Backward()
		return x.Grad().Floats()
	}
	if a, b := grad(false), grad(true); !slices.Equal(a, b) {
		t.Fatalf("gradient changed with the buffer: %v vs %v", a, b)
	}
}
