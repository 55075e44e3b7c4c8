package dl_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gradcheck"
)

// gradCase is one row of the gradient-check table: an op applied to fresh
// float64 inputs of the given shapes. Broadcasting variants are rows too.
type gradCase struct {
	name   string // "Op" or "Op/variant"; the part before "/" must be an exported dl function
	shapes [][]int
	f      func(r *rand.Rand, in []*dl.Tensor) *dl.Tensor
	// positive makes inputs strictly positive (log, sqrt, pow, div denominators).
	positive bool
}

func unaryCase(name string, f func(x *dl.Tensor) *dl.Tensor, shape ...int) gradCase {
	return gradCase{name: name, shapes: [][]int{shape}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return f(in[0]) }}
}

func binaryCase(name string, f func(a, b *dl.Tensor) *dl.Tensor, sa, sb []int) gradCase {
	return gradCase{name: name, shapes: [][]int{sa, sb}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return f(in[0], in[1]) }}
}

var gradCases = []gradCase{
	binaryCase("Add", dl.Add, []int{3, 4}, []int{3, 4}),
	binaryCase("Add/broadcast-row", dl.Add, []int{3, 4}, []int{4}),
	binaryCase("Add/broadcast-both", dl.Add, []int{3, 1}, []int{1, 4}),
	binaryCase("Sub", dl.Sub, []int{2, 3}, []int{2, 1}),
	binaryCase("Mul", dl.Mul, []int{2, 3, 4}, []int{3, 1}),
	{name: "Div", shapes: [][]int{{3, 4}, {4}}, positive: true, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Div(in[0], in[1]) }},
	binaryCase("Sub/column-first", dl.Sub, []int{3, 1}, []int{3, 4}),
	binaryCase("Mul/row-first", dl.Mul, []int{1, 4}, []int{2, 3, 4}),
	{name: "Div/column", shapes: [][]int{{2, 3, 4}, {2, 3, 1}}, positive: true, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Div(in[0], in[1]) }},
	{name: "Div/scalar-first", shapes: [][]int{{}, {3}}, positive: true, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Div(in[0], in[1]) }},
	binaryCase("Maximum", dl.Maximum, []int{3, 4}, []int{4}),
	binaryCase("Minimum", dl.Minimum, []int{3, 4}, []int{3, 1}),
	unaryCase("Neg", dl.Neg, 5),
	unaryCase("Scale", func(x *dl.Tensor) *dl.Tensor { return dl.Scale(x, -2.5) }, 2, 3),
	unaryCase("AddScalar", func(x *dl.Tensor) *dl.Tensor { return dl.AddScalar(x, 3) }, 2, 3),
	unaryCase("Exp", dl.Exp, 3, 3),
	{name: "Log", shapes: [][]int{{3, 3}}, positive: true, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Log(in[0]) }},
	{name: "Sqrt", shapes: [][]int{{3, 3}}, positive: true, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Sqrt(in[0]) }},
	unaryCase("Abs", dl.Abs, 3, 3),
	{name: "Pow", shapes: [][]int{{3, 3}}, positive: true, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Pow(in[0], 1.7) }},
	unaryCase("Square", dl.Square, 4),
	unaryCase("Clamp", func(x *dl.Tensor) *dl.Tensor { return dl.Clamp(x, -0.5, 0.5) }, 4, 4),
	unaryCase("Sigmoid", dl.Sigmoid, 3, 4),
	unaryCase("Tanh", dl.Tanh, 3, 4),
	unaryCase("ReLU", dl.ReLU, 3, 4),
	unaryCase("LeakyReLU", func(x *dl.Tensor) *dl.Tensor { return dl.LeakyReLU(x, 0.1) }, 3, 4),
	unaryCase("GELU", dl.GELU, 3, 4),
	unaryCase("SiLU", dl.SiLU, 3, 4),
	unaryCase("Softmax", func(x *dl.Tensor) *dl.Tensor { return dl.Softmax(x, -1) }, 3, 5),
	unaryCase("Softmax/axis0", func(x *dl.Tensor) *dl.Tensor { return dl.Softmax(x, 0) }, 3, 2, 2),
	unaryCase("LogSoftmax", func(x *dl.Tensor) *dl.Tensor { return dl.LogSoftmax(x, -1) }, 3, 5),
	unaryCase("LogSoftmax/axis1", func(x *dl.Tensor) *dl.Tensor { return dl.LogSoftmax(x, 1) }, 2, 3, 2),
	binaryCase("MatMul", dl.MatMul, []int{3, 4}, []int{4, 5}),
	binaryCase("MatMul/batched-weight", dl.MatMul, []int{2, 3, 4}, []int{4, 2}),
	binaryCase("MatMul/batched", dl.MatMul, []int{2, 3, 4}, []int{2, 4, 2}),
	binaryCase("MatMul/broadcast-batch", dl.MatMul, []int{2, 1, 3, 4}, []int{3, 4, 2}),
	{name: "Linear", shapes: [][]int{{2, 3, 4}, {5, 4}, {5}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Linear(in[0], in[1], in[2]) }},
	{name: "Linear/no-bias", shapes: [][]int{{3, 4}, {2, 4}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Linear(in[0], in[1], nil) }},
	unaryCase("Reshape", func(x *dl.Tensor) *dl.Tensor { return dl.Reshape(x, 3, -1) }, 2, 6),
	unaryCase("Flatten", dl.Flatten, 2, 3, 2),
	unaryCase("Transpose", func(x *dl.Tensor) *dl.Tensor { return dl.Transpose(x, 0, -1) }, 2, 3, 4),
	unaryCase("Permute", func(x *dl.Tensor) *dl.Tensor { return dl.Permute(x, 2, 0, 1) }, 2, 3, 4),
	unaryCase("Expand", func(x *dl.Tensor) *dl.Tensor { return dl.Expand(x, 2, 3, 4) }, 3, 1),
	unaryCase("Sum", dl.Sum, 3, 4),
	unaryCase("SumAxes", func(x *dl.Tensor) *dl.Tensor { return dl.SumAxes(x, false, 1) }, 2, 3, 4),
	unaryCase("SumAxes/keepdim", func(x *dl.Tensor) *dl.Tensor { return dl.SumAxes(x, true, 0, 2) }, 2, 3, 4),
	unaryCase("Mean", dl.Mean, 3, 4),
	unaryCase("MeanAxes", func(x *dl.Tensor) *dl.Tensor { return dl.MeanAxes(x, true, -1) }, 3, 4),
	unaryCase("Max", dl.Max, 3, 4),
	unaryCase("MaxAxes", func(x *dl.Tensor) *dl.Tensor { return dl.MaxAxes(x, false, 1) }, 3, 4, 2),
	unaryCase("VarAxes", func(x *dl.Tensor) *dl.Tensor { return dl.VarAxes(x, 1, false, -1) }, 3, 5),
	{name: "CrossEntropy", shapes: [][]int{{2, 3, 5}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
		return dl.CrossEntropy(in[0], dl.NewInts([]int{0, 4, 2, -1, 1, 3}, 2, 3), -1)
	}},
	{name: "Embedding", shapes: [][]int{{5, 3}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
		return dl.Embedding(in[0], dl.NewInts([]int{1, 4, 1, 0}, 2, 2))
	}},
	{name: "Dropout", shapes: [][]int{{4, 5}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
		return dl.Dropout(rand.New(rand.NewPCG(7, 7)), in[0], 0.3) // same mask on every call
	}},
	// Moving blocks along an axis (concat.go, slice.go) and indexing (index.go).
	binaryCase("Concat", func(a, b *dl.Tensor) *dl.Tensor { return dl.Concat(1, a, b) }, []int{2, 3, 2}, []int{2, 1, 2}),
	{name: "Concat/three-last-axis", shapes: [][]int{{2, 1}, {2, 3}, {2, 2}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.Concat(-1, in...) }},
	binaryCase("Stack", func(a, b *dl.Tensor) *dl.Tensor { return dl.Stack(1, a, b) }, []int{2, 3}, []int{2, 3}),
	binaryCase("Stack/last", func(a, b *dl.Tensor) *dl.Tensor { return dl.Stack(-1, a, b) }, []int{3}, []int{3}),
	unaryCase("Slice", func(x *dl.Tensor) *dl.Tensor { return dl.Slice(x, 1, 1, 3) }, 2, 4, 3),
	unaryCase("Slice/last-axis", func(x *dl.Tensor) *dl.Tensor { return dl.Slice(x, -1, 0, 2) }, 3, 5),
	unaryCase("Split", func(x *dl.Tensor) *dl.Tensor {
		p := dl.Split(x, -1, 2, 2, 1) // the last piece is unused: it gets no gradient
		return dl.Add(p[0], dl.Scale(p[1], 3))
	}, 3, 5),
	unaryCase("IndexSelect", func(x *dl.Tensor) *dl.Tensor { return dl.IndexSelect(x, 1, dl.NewInts([]int{2, 0, 2, 3}, 2, 2)) }, 2, 4, 3),
	unaryCase("IndexSelect/axis0", func(x *dl.Tensor) *dl.Tensor { return dl.IndexSelect(x, 0, dl.NewInts([]int{1, 1, 0})) }, 3, 2),
	unaryCase("Gather", func(x *dl.Tensor) *dl.Tensor { return dl.Gather(x, -1, dl.NewInts([]int{3, 0, 0, 2, 1, 1}, 3, 2)) }, 3, 4),
	unaryCase("Gather/axis0-smaller", func(x *dl.Tensor) *dl.Tensor { return dl.Gather(x, 0, dl.NewInts([]int{2, 0, 1, 2}, 2, 2)) }, 3, 3),
	// Selection by a boolean mask (where.go), with broadcasting of all operands.
	binaryCase("Where", func(a, b *dl.Tensor) *dl.Tensor {
		return dl.Where(dl.NewMask([]bool{true, false, false, true, true, false}, 2, 3), a, b)
	}, []int{2, 3}, []int{2, 3}),
	binaryCase("Where/broadcast", func(a, b *dl.Tensor) *dl.Tensor {
		return dl.Where(dl.NewMask([]bool{true, false, true}, 3, 1), a, b)
	}, []int{1, 4}, []int{2, 1, 1}),
	unaryCase("MaskedFill", func(x *dl.Tensor) *dl.Tensor {
		return dl.MaskedFill(x, dl.NewMask([]bool{false, true, true, false}, 4), 0.5)
	}, 3, 4),
	unaryCase("MaskedFill/causal-softmax", func(x *dl.Tensor) *dl.Tensor {
		return dl.Softmax(dl.MaskedFill(x, dl.CausalMask(3), math.Inf(-1)), -1) // [B, H, T, T] scores
	}, 2, 2, 3, 3),
	// Reductions beyond sums (extremum.go, logsumexp.go).
	unaryCase("Min", dl.Min, 3, 4),
	unaryCase("MinAxes", func(x *dl.Tensor) *dl.Tensor { return dl.MinAxes(x, true, 0, 2) }, 3, 4, 2),
	unaryCase("MaxAxes/keepdim-last", func(x *dl.Tensor) *dl.Tensor { return dl.MaxAxes(x, true, -1) }, 2, 5),
	unaryCase("LogSumExp", func(x *dl.Tensor) *dl.Tensor { return dl.LogSumExp(x, false, -1) }, 3, 5),
	unaryCase("LogSumExp/all", func(x *dl.Tensor) *dl.Tensor { return dl.LogSumExp(x, false) }, 3, 2),
	unaryCase("LogSumExp/keepdim-axes", func(x *dl.Tensor) *dl.Tensor { return dl.LogSumExp(x, true, 0, 2) }, 2, 3, 2),
	// Fused losses and normalisation (layernorm.go, mse.go, bce.go).
	{name: "LayerNorm", shapes: [][]int{{2, 3, 5}, {5}, {5}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.LayerNorm(in[0], in[1], in[2], 1e-5) }},
	unaryCase("LayerNorm/no-affine", func(x *dl.Tensor) *dl.Tensor { return dl.LayerNorm(x, nil, nil, 1e-5) }, 4, 6),
	binaryCase("MSE", dl.MSE, []int{3, 4}, []int{3, 4}),
	binaryCase("BCEWithLogits", dl.BCEWithLogits, []int{2, 5}, []int{2, 5}),
}

func TestGradients(t *testing.T) {
	t.Parallel()
	for _, c := range gradCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, uint64(len(c.name))))
			in := make([]*dl.Tensor, len(c.shapes))
			for i, s := range c.shapes {
				in[i] = dl.RandnOf(r, dl.Float64, s...)
				if c.positive {
					in[i] = dl.AddScalar(dl.Abs(in[i]), 0.5).Detach()
				}
			}
			rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor { return c.f(r, in) }, in...)
			if !rep.OK() {
				t.Fatal(rep)
			}
		})
	}
}
