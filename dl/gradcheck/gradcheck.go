package gradcheck

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/gendl/gendl/dl"
)

// Config sets the finite-difference step and the tolerances. An analytic
// gradient a matches a numeric one n when |a - n| <= Atol + Rtol·|n|.
type Config struct {
	Eps  float64 // central-difference step; default 1e-6
	Atol float64 // default 1e-6
	Rtol float64 // default 1e-4
	// MaxPerTensor caps how many elements of each tensor are checked
	// (chosen at random when the tensor is larger); 0 means 64.
	MaxPerTensor int
}

func (c Config) withDefaults() Config {
	if c.Eps == 0 {
		c.Eps = 1e-6
	}
	if c.Atol == 0 {
		c.Atol = 1e-6
	}
	if c.Rtol == 0 {
		c.Rtol = 1e-4
	}
	if c.MaxPerTensor == 0 {
		c.MaxPerTensor = 64
	}
	return c
}

// Mismatch is one element whose analytic gradient disagrees with the
// numeric one.
type Mismatch struct {
	Tensor   int    // position in the wrt list
	Name     string // the tensor's Name(), if any
	Index    []int  // the element
	Analytic float64
	Numeric  float64
}

// Report is the outcome of a check.
type Report struct {
	Checked    int // elements compared
	MaxAbsDiff float64
	Mismatches []Mismatch
}

// OK reports whether every compared element matched.
func (r Report) OK() bool { return len(r.Mismatches) == 0 }

// Err returns nil when the check passed, and otherwise an error listing the
// first mismatches: which tensor, which element, analytic vs numeric.
func (r Report) Err() error {
	if r.OK() {
		return nil
	}
	return fmt.Errorf("%s", r)
}

func (r Report) String() string {
	if r.OK() {
		return fmt.Sprintf("gradcheck: OK (%d elements, max |analytic-numeric| = %.2g)", r.Checked, r.MaxAbsDiff)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "gradcheck: %d of %d elements disagree", len(r.Mismatches), r.Checked)
	for i, m := range r.Mismatches {
		if i == 5 {
			fmt.Fprintf(&b, "\n  ... %d more", len(r.Mismatches)-5)
			break
		}
		name := m.Name
		if name == "" {
			name = "input"
		}
		fmt.Fprintf(&b, "\n  %s #%d at %v: analytic %.6g, numeric %.6g", name, m.Tensor, m.Index, m.Analytic, m.Numeric)
	}
	return b.String()
}

// Check compares the gradients Backward computes for f with central
// differences, with respect to every tensor in wrt.
//
// f is called repeatedly and must read the current values of the wrt tensors
// (it closes over them, or over a module that owns them). Its output, of any
// shape, is reduced to a scalar with a fixed random weighting drawn from r:
// L = Σ w⊙f(). A plain sum would give every output element the same weight
// and hide bugs such as a transposed gradient. The wrt tensors must be
// float64 (float32 differences are too noisy to judge); Check panics
// otherwise. Their requires-grad flags are set and their Grads cleared.
func Check(r *rand.Rand, cfg Config, f func() *dl.Tensor, wrt ...*dl.Tensor) Report {
	cfg = cfg.withDefaults()
	for i, t := range wrt {
		if t.DType() != dl.Float64 {
			panic(fmt.Sprintf("gradcheck: tensor %d (%q) is %v; check in float64 (use To(dl.Float64))", i, t.Name(), t.DType()))
		}
		t.SetRequiresGrad(true)
		t.ZeroGrad()
	}
	out := f()
	w := dl.RandnOf(r, dl.Float64, out.Shape()...)
	loss := func(o *dl.Tensor) float64 {
		s := 0.0
		for i, v := range o.Float64s() {
			s += v * w.Float64s()[i]
		}
		return s
	}
	dl.Sum(dl.Mul(out, w)).Backward()

	var rep Report
	for ti, t := range wrt {
		data := t.Float64s()
		var grad []float64
		if g := t.Grad(); g != nil {
			grad = g.Float64s()
		}
		for _, i := range pick(r, len(data), cfg.MaxPerTensor) {
			orig := data[i]
			data[i] = orig + cfg.Eps
			up := loss(evalNoGrad(f))
			data[i] = orig - cfg.Eps
			down := loss(evalNoGrad(f))
			data[i] = orig
			num := (up - down) / (2 * cfg.Eps)
			ana := 0.0
			if grad != nil {
				ana = grad[i]
			}
			d := math.Abs(ana - num)
			rep.Checked++
			rep.MaxAbsDiff = math.Max(rep.MaxAbsDiff, d)
			if !(d <= cfg.Atol+cfg.Rtol*math.Abs(num)) {
				rep.Mismatches = append(rep.Mismatches, Mismatch{Tensor: ti, Name: t.Name(), Index: unravel(i, t.Shape()), Analytic: ana, Numeric: num})
			}
		}
	}
	return rep
}

func evalNoGrad(f func() *dl.Tensor) (out *dl.Tensor) {
	dl.NoGrad(func() { out = f() })
	return out
}

// pick returns all indices below n, or k of them at random when n > k.
func pick(r *rand.Rand, n, k int) []int {
	if n <= k {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	return r.Perm(n)[:k]
}

func unravel(i int, shape []int) []int {
	idx := make([]int, len(shape))
	for a := len(shape) - 1; a >= 0; a-- {
		idx[a] = i % shape[a]
		i /= shape[a]
	}
	return idx
}
