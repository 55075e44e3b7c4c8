package check

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gradcheck"
)

// Gradients checks the gradients Backward computes for f against central
// finite differences, with respect to each tensor in wrt (float64,
// named with SetName so the message can say which one is wrong). f must
// recompute its output from the current values of wrt each time it is
// called. The output is reduced to a scalar with fixed random weights, so
// a transposed or misplaced gradient cannot hide behind a plain sum.
func (t *T) Gradients(what string, f func() *dl.Tensor, wrt ...*dl.Tensor) bool {
	for i, x := range wrt {
		if x.DType() != dl.Float64 {
			t.Errorf("%s: tensor %d (%s) is %v; gradient checks need float64", what, i, x.Name(), x.DType())
			return false
		}
	}
	rep := gradcheck.Check(rand.New(rand.NewPCG(7, 11)), gradcheck.Config{Atol: 1e-6, Rtol: 1e-4, MaxPerTensor: 200}, f, wrt...)
	if rep.OK() {
		return true
	}
	// Group the mismatches by tensor and describe the first of each.
	var parts []string
	seen := map[int]int{}
	var order []int
	for _, m := range rep.Mismatches {
		if seen[m.Tensor] == 0 {
			order = append(order, m.Tensor)
		}
		seen[m.Tensor]++
	}
	for _, ti := range order {
		var m gradcheck.Mismatch
		for _, mm := range rep.Mismatches {
			if mm.Tensor == ti {
				m = mm
				break
			}
		}
		name := wrt[ti].Name()
		if name == "" {
			name = fmt.Sprintf("input %d", ti)
		}
		parts = append(parts, fmt.Sprintf("d/d%s wrong in %d of %d checked elements, first at %v: yours %.6g, finite differences %.6g",
			name, seen[ti], checkedOf(wrt[ti]), m.Index, m.Analytic, m.Numeric))
	}
	t.Errorf("%s: gradient check failed: %s", what, strings.Join(parts, "; "))
	return false
}

// checkedOf is how many elements of x the gradient check compares.
func checkedOf(x *dl.Tensor) int { return min(x.Size(), 200) }
