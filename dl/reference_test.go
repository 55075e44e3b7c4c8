package dl_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
)

// refCase is one row of the forward-value table: an op on random inputs of
// the given shapes, and a naive loop over nd arrays that computes the same
// values from the op's definition. Broadcasting variants are rows too. The
// part of name before "/" is the exported dl function under test.
type refCase struct {
	name     string
	shapes   [][]int
	positive bool // strictly positive inputs (log, sqrt, pow, divisors)
	op       func(in []*dl.Tensor) *dl.Tensor
	ref      func(in []nd) nd
}

func refUnary(name string, op func(x *dl.Tensor) *dl.Tensor, f func(v float64) float64, shape ...int) refCase {
	return refCase{name: name, shapes: [][]int{shape},
		op:  func(in []*dl.Tensor) *dl.Tensor { return op(in[0]) },
		ref: func(in []nd) nd { return mapND(in[0], f) }}
}

func refBinary(name string, op func(a, b *dl.Tensor) *dl.Tensor, f func(x, y float64) float64, sa, sb []int) refCase {
	return refCase{name: name, shapes: [][]int{sa, sb},
		op:  func(in []*dl.Tensor) *dl.Tensor { return op(in[0], in[1]) },
		ref: func(in []nd) nd { return zipND(in[0], in[1], f) }}
}

func refReduce(name string, op func(x *dl.Tensor) *dl.Tensor, keepdim bool, axes []int, init float64, f func(acc, v float64) float64, fin func(acc float64, n int) float64, shape ...int) refCase {
	return refCase{name: name, shapes: [][]int{shape},
		op:  func(in []*dl.Tensor) *dl.Tensor { return op(in[0]) },
		ref: func(in []nd) nd { return reduceND(in[0], keepdim, axes, init, f, fin) }}
}

func refAlong(name string, op func(x *dl.Tensor) *dl.Tensor, axis int, f func(line []float64) []float64, shape ...int) refCase {
	return refCase{name: name, shapes: [][]int{shape},
		op:  func(in []*dl.Tensor) *dl.Tensor { return op(in[0]) },
		ref: func(in []nd) nd { return alongAxis(in[0], axis, f) }}
}

func sum(acc, v float64) float64         { return acc + v }
func ident(acc float64, _ int) float64   { return acc }
func meanFin(acc float64, n int) float64 { return acc / float64(n) }
func sigm(v float64) float64             { return 1 / (1 + math.Exp(-v)) }
func lineMax(line []float64) (m float64) { return slices.Max(line) }
func lineLSE(line []float64) float64     { return logSumExp(line) }
func logSumExp(line []float64) (s float64) {
	m := lineMax(line)
	for _, v := range line {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

func softmaxLine(line []float64) []float64 {
	out := make([]float64, len(line))
	lse := lineLSE(line)
	for i, v := range line {
		out[i] = math.Exp(v - lse)
	}
	return out
}

func logSoftmaxLine(line []float64) []float64 {
	out := make([]float64, len(line))
	lse := lineLSE(line)
	for i, v := range line {
		out[i] = v - lse
	}
	return out
}

// refCases is the table; refcases_test.go and other files append rows
// for the indexing, masking and fused ops.
var refCases = []refCase{
	refBinary("Add", dl.Add, func(x, y float64) float64 { return x + y }, []int{3, 4}, []int{3, 4}),
	refBinary("Add/broadcast-row", dl.Add, func(x, y float64) float64 { return x + y }, []int{3, 4}, []int{4}),
	refBinary("Add/broadcast-row-first", dl.Add, func(x, y float64) float64 { return x + y }, []int{1, 4}, []int{2, 3, 4}),
	refBinary("Add/broadcast-both", dl.Add, func(x, y float64) float64 { return x + y }, []int{3, 1}, []int{1, 4}),
	refBinary("Add/scalar", dl.Add, func(x, y float64) float64 { return x + y }, []int{2, 3}, []int{}),
	refBinary("Sub", dl.Sub, func(x, y float64) float64 { return x - y }, []int{2, 3}, []int{2, 1}),
	refBinary("Sub/broadcast-row", dl.Sub, func(x, y float64) float64 { return x - y }, []int{4}, []int{3, 4}),
	refBinary("Mul", dl.Mul, func(x, y float64) float64 { return x * y }, []int{2, 3, 4}, []int{3, 1}),
	refBinary("Mul/same", dl.Mul, func(x, y float64) float64 { return x * y }, []int{2, 3}, []int{2, 3}),
	refBinary("Mul/broadcast-row", dl.Mul, func(x, y float64) float64 { return x * y }, []int{2, 3, 4}, []int{1, 1, 4}),
	{name: "Div", shapes: [][]int{{3, 4}, {4}}, positive: true,
		op:  func(in []*dl.Tensor) *dl.Tensor { return dl.Div(in[0], in[1]) },
		ref: func(in []nd) nd { return zipND(in[0], in[1], func(x, y float64) float64 { return x / y }) }},
	refBinary("Sub/column-first", dl.Sub, func(x, y float64) float64 { return x - y }, []int{3, 1}, []int{3, 4}),
	{name: "Div/column", shapes: [][]int{{2, 3, 4}, {2, 3, 1}}, positive: true,
		op:  func(in []*dl.Tensor) *dl.Tensor { return dl.Div(in[0], in[1]) },
		ref: func(in []nd) nd { return zipND(in[0], in[1], func(x, y float64) float64 { return x / y }) }},
	{name: "Div/scalar-first", shapes: [][]int{{}, {3}}, positive: true,
		op:  func(in []*dl.Tensor) *dl.Tensor { return dl.Div(in[0], in[1]) },
		ref: func(in []nd) nd { return zipND(in[0], in[1], func(x, y float64) float64 { return x / y }) }},
	refBinary("Maximum", dl.Maximum, math.Max, []int{3, 4}, []int{4}),
	refBinary("Minimum", dl.Minimum, math.Min, []int{3, 4}, []int{3, 1}),
	refUnary("Neg", dl.Neg, func(v float64) float64 { return -v }, 5),
	refUnary("Scale", func(x *dl.Tensor) *dl.Tensor { return dl.Scale(x, -2.5) }, func(v float64) float64 { return -2.5 * v }, 2, 3),
	refUnary("AddScalar", func(x *dl.Tensor) *dl.Tensor { return dl.AddScalar(x, 3) }, func(v float64) float64 { return v + 3 }, 2, 3),
	refUnary("Exp", dl.Exp, math.Exp, 3, 3),
	{name: "Log", shapes: [][]int{{3, 3}}, positive: true, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Log(in[0]) }, ref: func(in []nd) nd { return mapND(in[0], math.Log) }},
	{name: "Sqrt", shapes: [][]int{{3, 3}}, positive: true, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Sqrt(in[0]) }, ref: func(in []nd) nd { return mapND(in[0], math.Sqrt) }},
	refUnary("Abs", dl.Abs, math.Abs, 3, 3),
	{name: "Pow", shapes: [][]int{{3, 3}}, positive: true, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Pow(in[0], 1.7) },
		ref: func(in []nd) nd { return mapND(in[0], func(v float64) float64 { return math.Pow(v, 1.7) }) }},
	refUnary("Square", dl.Square, func(v float64) float64 { return v * v }, 4),
	refUnary("Clamp", func(x *dl.Tensor) *dl.Tensor { return dl.Clamp(x, -0.5, 0.5) }, func(v float64) float64 { return math.Min(0.5, math.Max(-0.5, v)) }, 4, 4),
	refUnary("Sigmoid", dl.Sigmoid, sigm, 3, 4),
	refUnary("Tanh", dl.Tanh, math.Tanh, 3, 4),
	refUnary("ReLU", dl.ReLU, func(v float64) float64 { return math.Max(v, 0) }, 3, 4),
	refUnary("LeakyReLU", func(x *dl.Tensor) *dl.Tensor { return dl.LeakyReLU(x, 0.1) }, func(v float64) float64 {
		if v < 0 {
			return 0.1 * v
		}
		return v
	}, 3, 4),
	refUnary("GELU", dl.GELU, func(v float64) float64 { return v * 0.5 * math.Erfc(-v/math.Sqrt2) }, 3, 4),
	refUnary("SiLU", dl.SiLU, func(v float64) float64 { return v * sigm(v) }, 3, 4),
	refAlong("Softmax", func(x *dl.Tensor) *dl.Tensor { return dl.Softmax(x, -1) }, -1, softmaxLine, 3, 5),
	refAlong("Softmax/axis0", func(x *dl.Tensor) *dl.Tensor { return dl.Softmax(x, 0) }, 0, softmaxLine, 3, 2, 2),
	refAlong("LogSoftmax", func(x *dl.Tensor) *dl.Tensor { return dl.LogSoftmax(x, -1) }, -1, logSoftmaxLine, 3, 5),
	refAlong("LogSoftmax/axis1", func(x *dl.Tensor) *dl.Tensor { return dl.LogSoftmax(x, 1) }, 1, logSoftmaxLine, 2, 3, 2),
	refMatMul("MatMul", []int{3, 4}, []int{4, 5}),
	refMatMul("MatMul/batched-weight", []int{2, 3, 4}, []int{4, 2}),
	refMatMul("MatMul/batched", []int{2, 3, 4}, []int{2, 4, 2}),
	refMatMul("MatMul/broadcast-batch", []int{2, 1, 3, 4}, []int{3, 4, 2}),
	refMatMul("MatMul/weight-first", []int{3, 4}, []int{2, 4, 5}),
	{name: "Linear", shapes: [][]int{{2, 3, 4}, {5, 4}, {5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Linear(in[0], in[1], in[2]) }, ref: refLinear},
	{name: "Linear/no-bias", shapes: [][]int{{3, 4}, {2, 4}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Linear(in[0], in[1], nil) }, ref: refLinear},
	{name: "Reshape", shapes: [][]int{{2, 6}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Reshape(in[0], 3, -1) },
		ref: func(in []nd) nd { return nd{[]int{3, 4}, in[0].v} }},
	{name: "Flatten", shapes: [][]int{{2, 3, 2}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Flatten(in[0]) },
		ref: func(in []nd) nd { return nd{[]int{2, 6}, in[0].v} }},
	{name: "Transpose", shapes: [][]int{{2, 3, 4}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Transpose(in[0], 0, -1) },
		ref: func(in []nd) nd { return refPermute(in[0], []int{2, 1, 0}) }},
	{name: "Permute", shapes: [][]int{{2, 3, 4}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Permute(in[0], 2, 0, 1) },
		ref: func(in []nd) nd { return refPermute(in[0], []int{2, 0, 1}) }},
	{name: "Expand", shapes: [][]int{{3, 1}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Expand(in[0], 2, 3, 4) },
		ref: func(in []nd) nd {
			out := newND(2, 3, 4)
			each(out.shape, func(idx []int) { out.set(in[0].bat(idx), idx...) })
			return out
		}},
	refReduce("Sum", dl.Sum, false, nil, 0, sum, ident, 3, 4),
	refReduce("SumAxes", func(x *dl.Tensor) *dl.Tensor { return dl.SumAxes(x, false, 1) }, false, []int{1}, 0, sum, ident, 2, 3, 4),
	refReduce("SumAxes/keepdim", func(x *dl.Tensor) *dl.Tensor { return dl.SumAxes(x, true, 0, 2) }, true, []int{0, 2}, 0, sum, ident, 2, 3, 4),
	refReduce("Mean", dl.Mean, false, nil, 0, sum, meanFin, 3, 4),
	refReduce("MeanAxes", func(x *dl.Tensor) *dl.Tensor { return dl.MeanAxes(x, true, -1) }, true, []int{-1}, 0, sum, meanFin, 3, 4),
	refReduce("Max", dl.Max, false, nil, math.Inf(-1), math.Max, ident, 3, 4),
	refReduce("MaxAxes", func(x *dl.Tensor) *dl.Tensor { return dl.MaxAxes(x, false, 1) }, false, []int{1}, math.Inf(-1), math.Max, ident, 3, 4, 2),
	refReduce("Min", dl.Min, false, nil, math.Inf(1), math.Min, ident, 3, 4),
	refReduce("MinAxes", func(x *dl.Tensor) *dl.Tensor { return dl.MinAxes(x, true, 0, 2) }, true, []int{0, 2}, math.Inf(1), math.Min, ident, 3, 4, 2),
	{name: "VarAxes", shapes: [][]int{{3, 5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.VarAxes(in[0], 1, false, -1) },
		ref: func(in []nd) nd { return refVar(in[0], 1) }},
	{name: "VarAxes/population", shapes: [][]int{{4, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.VarAxes(in[0], 0, false, -1) },
		ref: func(in []nd) nd { return refVar(in[0], 0) }},
	{name: "LogSumExp", shapes: [][]int{{3, 5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.LogSumExp(in[0], false, -1) },
		ref: func(in []nd) nd {
			out := newND(3)
			for i := range 3 {
				out.v[i] = logSumExp(in[0].v[i*5 : i*5+5])
			}
			return out
		}},
	{name: "LogSumExp/all-keepdim", shapes: [][]int{{2, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.LogSumExp(in[0], true) },
		ref: func(in []nd) nd { return nd{[]int{1, 1}, []float64{logSumExp(in[0].v)}} }},
}

func refMatMul(name string, sa, sb []int) refCase {
	return refCase{name: name, shapes: [][]int{sa, sb},
		op: func(in []*dl.Tensor) *dl.Tensor { return dl.MatMul(in[0], in[1]) },
		ref: func(in []nd) nd {
			a, b := in[0], in[1]
			m, k, n := a.shape[len(a.shape)-2], a.shape[len(a.shape)-1], b.shape[len(b.shape)-1]
			batch := bshape(a.shape[:len(a.shape)-2], b.shape[:len(b.shape)-2])
			out := newND(append(slices.Clone(batch), m, n)...)
			each(out.shape, func(idx []int) {
				ai, bi := slices.Clone(idx), slices.Clone(idx)
				i, j := idx[len(idx)-2], idx[len(idx)-1]
				s := 0.0
				for p := range k {
					ai[len(ai)-2], ai[len(ai)-1] = i, p
					bi[len(bi)-2], bi[len(bi)-1] = p, j
					s += a.bat(ai) * b.bat(bi)
				}
				out.set(s, idx...)
			})
			return out
		}}
}

func refLinear(in []nd) nd {
	x, w := in[0], in[1]
	o, k := w.shape[0], w.shape[1]
	shape := append(slices.Clone(x.shape[:len(x.shape)-1]), o)
	out := newND(shape...)
	rows := len(x.v) / k
	for r := range rows {
		for j := range o {
			s := 0.0
			if len(in) > 2 {
				s = in[2].v[j]
			}
			for p := range k {
				s += x.v[r*k+p] * w.at(j, p)
			}
			out.v[r*o+j] = s
		}
	}
	return out
}

// refPermute returns a with output axis i taken from input axis perm[i].
func refPermute(a nd, perm []int) nd {
	shape := make([]int, len(perm))
	for i, p := range perm {
		shape[i] = a.shape[p]
	}
	out := newND(shape...)
	src := make([]int, len(perm))
	each(shape, func(idx []int) {
		for i, p := range perm {
			src[p] = idx[i]
		}
		out.set(a.at(src...), idx...)
	})
	return out
}

// refVar is the variance of each row of a 2-D array with divisor n-corr.
func refVar(a nd, corr int) nd {
	rows, n := a.shape[0], a.shape[1]
	out := newND(rows)
	for r := range rows {
		row := a.v[r*n : (r+1)*n]
		mean := 0.0
		for _, v := range row {
			mean += v / float64(n)
		}
		for _, v := range row {
			out.v[r] += (v - mean) * (v - mean) / float64(n-corr)
		}
	}
	return out
}

// TestForwardMatchesReference runs every row in float64 and float32: the
// float32 run starts from the float32-rounded inputs, so only the kernel's
// own rounding is measured.
func TestForwardMatchesReference(t *testing.T) {
	t.Parallel()
	for _, c := range refCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(2, uint64(len(c.name))))
			in := make([]*dl.Tensor, len(c.shapes))
			for i, s := range c.shapes {
				in[i] = dl.RandnOf(r, dl.Float64, s...)
				if c.positive {
					in[i] = dl.AddScalar(dl.Abs(in[i]), 0.5)
				}
			}
			for _, dt := range []dl.DType{dl.Float64, dl.Float32} {
				typed := make([]*dl.Tensor, len(in))
				nds := make([]nd, len(in))
				for i, x := range in {
					typed[i] = x.To(dt)
					nds[i] = ndOf(typed[i])
				}
				got := c.op(typed)
				if got.DType() != dt {
					t.Fatalf("%v inputs gave a %v result", dt, got.DType())
				}
				compareND(t, dt.String(), dt, ndOf(got), c.ref(nds))
			}
		})
	}
}

// compareND fails t unless got and want have the same shape and values
// within a tolerance fit for the dtype (infinities must match exactly).
func compareND(t *testing.T, what string, dt dl.DType, got, want nd) {
	t.Helper()
	if !slices.Equal(got.shape, want.shape) {
		t.Fatalf("%s: shape %v, want %v", what, got.shape, want.shape)
	}
	atol, rtol := 1e-12, 1e-10
	if dt == dl.Float32 {
		atol, rtol = 1e-5, 1e-5
	}
	for i := range got.v {
		g, w := got.v[i], want.v[i]
		if math.IsInf(w, 0) || math.IsInf(g, 0) {
			if g != w {
				t.Fatalf("%s: element %d = %v, want %v", what, i, g, w)
			}
			continue
		}
		if !(math.Abs(g-w) <= atol+rtol*math.Abs(w)) {
			t.Fatalf("%s: element %d = %.10g, want %.10g (|diff| %.3g)", what, i, g, w, math.Abs(g-w))
		}
	}
}

// ArgMax and ArgMin return IDs, not tensors, so they have their own loop.
func TestArgMaxArgMinMatchReference(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	x := dl.RandnOf(r, dl.Float64, 3, 4, 2)
	x.SetAt(x.At(1, 0, 1), 1, 3, 1) // a tie: the first position wins
	a := ndOf(x)
	for _, axis := range []int{0, 1, -1} {
		for _, least := range []bool{false, true} {
			got := dl.ArgMax(x, axis)
			if least {
				got = dl.ArgMin(x, axis)
			}
			ax := (axis + 3) % 3
			shape := slices.Delete(slices.Clone(a.shape), ax, ax+1)
			if !slices.Equal(got.Shape(), shape) {
				t.Fatalf("axis %d: shape %v, want %v", axis, got.Shape(), shape)
			}
			lines := alongAxis(a, ax, func(line []float64) []float64 {
				best := 0
				for j, v := range line {
					if (!least && v > line[best]) || (least && v < line[best]) {
						best = j
					}
				}
				return slices.Repeat([]float64{float64(best)}, len(line))
			})
			k := 0
			each(lines.shape, func(idx []int) {
				if idx[ax] != 0 {
					return
				}
				if want := int(lines.at(idx...)); got.Data[k] != want {
					t.Fatalf("axis %d least %v: element %d = %d, want %d", axis, least, k, got.Data[k], want)
				}
				k++
			})
		}
	}
}

// Every pairing of a set of shapes that broadcast, through the four
// arithmetic ops: each of their layout-specific loops (equal, scalar, row,
// column, general) meets the naive broadcast on both sides.
func TestArithmeticBroadcastSweep(t *testing.T) {
	t.Parallel()
	shapes := [][]int{{}, {1}, {4}, {3, 1}, {1, 4}, {3, 4}, {2, 3, 4}, {2, 1, 4}, {2, 3, 1}, {1, 1, 4}, {2, 1, 1}}
	ops := []struct {
		name string
		op   func(a, b *dl.Tensor) *dl.Tensor
		f    func(x, y float64) float64
	}{
		{"Add", dl.Add, func(x, y float64) float64 { return x + y }},
		{"Sub", dl.Sub, func(x, y float64) float64 { return x - y }},
		{"Mul", dl.Mul, func(x, y float64) float64 { return x * y }},
		{"Div", dl.Div, func(x, y float64) float64 { return x / y }},
	}
	r := rand.New(rand.NewPCG(8, 9))
	pairs := 0
	for _, sa := range shapes {
		for _, sb := range shapes {
			if dl.Try(func() { dl.Add(dl.Zeros(sa...), dl.Zeros(sb...)) }) != nil {
				continue
			}
			pairs++
			a := dl.AddScalar(dl.RandOf(r, dl.Float64, sa...), 0.5)
			b := dl.AddScalar(dl.RandOf(r, dl.Float64, sb...), 0.5)
			for _, o := range ops {
				for _, dt := range []dl.DType{dl.Float64, dl.Float32} {
					x, y := a.To(dt), b.To(dt)
					compareND(t, fmt.Sprintf("%s %v %v %v", o.name, sa, sb, dt), dt, ndOf(o.op(x, y)), zipND(ndOf(x), ndOf(y), o.f))
				}
			}
		}
	}
	if pairs < 60 {
		t.Fatalf("only %d broadcasting pairs", pairs)
	}
}
