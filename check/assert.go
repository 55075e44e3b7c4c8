package check

import (
	"fmt"
	"math"
	"slices"

	"github.com/gendl/gendl/dl"
)

// T collects the failures of one task's test. Its assertions return
// whether they held; a failed one records a reason and the test goes on,
// unless it calls Fatalf.
type T struct {
	reasons []string
	notes   []string
}

// Logf records a note that Run prints under the verdict (Summary does
// not), such as a number the student may want to see.
func (t *T) Logf(format string, args ...any) {
	t.notes = append(t.notes, fmt.Sprintf(format, args...))
}

// Errorf records a failure.
func (t *T) Errorf(format string, args ...any) {
	t.reasons = append(t.reasons, fmt.Sprintf(format, args...))
}

// Fatalf records a failure and stops the test.
func (t *T) Fatalf(format string, args ...any) {
	t.Errorf(format, args...)
	panic(fatal{})
}

// Failed reports whether a failure has been recorded.
func (t *T) Failed() bool { return len(t.reasons) > 0 }

// True records the failure described by format when cond is false.
func (t *T) True(cond bool, format string, args ...any) bool {
	if !cond {
		t.Errorf(format, args...)
	}
	return cond
}

// Shape checks that got is a tensor of the given shape. what names it in
// the message, e.g. "Linear output".
func (t *T) Shape(what string, got *dl.Tensor, want ...int) bool {
	if got == nil {
		t.Errorf("%s: got nil, want a tensor of shape %v", what, want)
		return false
	}
	if !slices.Equal(got.Shape(), want) {
		t.Errorf("%s: shape %v, want %v", what, got.Shape(), want)
		return false
	}
	return true
}

// near reports whether got is within tol of want, absolutely or relative
// to want.
func near(got, want, tol float64) bool {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// Close checks that got has want's shape and that every value is within
// tol of want's (absolutely, or relative to values larger than 1). The
// message says how many values are off, where the first one is and by how
// much, not what it should be.
func (t *T) Close(what string, got, want *dl.Tensor, tol float64) bool {
	if !t.Shape(what, got, want.Shape()...) {
		return false
	}
	return t.closeValues(what, got.Floats(), want.Floats(), want.Shape(), tol)
}

// CloseSlice is Close for plain slices; the message gives indices.
func (t *T) CloseSlice(what string, got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		t.Errorf("%s: %d values, want %d", what, len(got), len(want))
		return false
	}
	return t.closeValues(what, got, want, []int{len(want)}, tol)
}

// Float checks one number.
func (t *T) Float(what string, got, want, tol float64) bool {
	if !near(got, want, tol) {
		if math.IsNaN(got) || math.IsInf(got, 0) {
			t.Errorf("%s: %v is not a finite number", what, got)
		} else {
			t.Errorf("%s: %.6g is off by %.3g (tolerance %.1g)", what, got, math.Abs(got-want), tol)
		}
		return false
	}
	return true
}

// Equal checks that two comparable values (counts, IDs, strings) are
// equal. The message shows only got.
func Equal[V comparable](t *T, what string, got, want V) bool {
	if got != want {
		t.Errorf("%s: %v is not right", what, got)
		return false
	}
	return true
}

func (t *T) closeValues(what string, got, want []float64, shape []int, tol float64) bool {
	bad, first := 0, -1
	for i := range want {
		if !near(got[i], want[i], tol) {
			if first < 0 {
				first = i
			}
			bad++
		}
	}
	if bad == 0 {
		return true
	}
	g, w := got[first], want[first]
	detail := fmt.Sprintf("off by %.3g", math.Abs(g-w))
	if math.IsNaN(g) || math.IsInf(g, 0) {
		detail = "not a finite number"
	}
	t.Errorf("%s: %d of %d values wrong (tolerance %.1g); first at %v: yours is %.6g, %s",
		what, bad, len(want), tol, unravel(first, shape), g, detail)
	return false
}

// unravel turns a flat row-major index into one index per axis.
func unravel(i int, shape []int) []int {
	idx := make([]int, len(shape))
	for a := len(shape) - 1; a >= 0; a-- {
		if shape[a] > 0 {
			idx[a] = i % shape[a]
			i /= shape[a]
		}
	}
	return idx
}

// Recorded checks that out was produced by an op named op on the tape
// (the student's dl.Func), not by a library op: a task that asks for a
// hand-written backward must be graded on that backward.
func (t *T) Recorded(what string, out *dl.Tensor, op string) bool {
	if out == nil || out.Node() == nil {
		t.Errorf("%s: nothing was recorded on the tape; wrap the result with dl.Func(%q, ...) so Backward runs your backward", what, op)
		return false
	}
	if got := out.Node().Op; got != op {
		t.Errorf("%s: the tape's last op is %s, want your own op %q (dl.Func(%q, ...))", what, got, op, op)
		return false
	}
	return true
}
