package plotting

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

// mlpLoss builds sum(tanh(x W + b)) for x [4, 3], W [3, 2], b [2].
func mlpLoss(r *rand.Rand) (loss, w *dl.Tensor) {
	x := dl.Randn(r, 4, 3).SetName("x")
	w = dl.Randn(r, 3, 2).SetName("weight").SetRequiresGrad(true)
	b := dl.Zeros(2).SetName("bias").SetRequiresGrad(true)
	return dl.Sum(dl.Tanh(dl.Add(dl.MatMul(x, w), b))), w
}

func TestTapeGraph(t *testing.T) {
	t.Parallel()
	loss, w := mlpLoss(rand.New(rand.NewPCG(1, 1)))
	g := TapeGraph(dl.Tape(loss))
	var ops, leaves, params []string
	for _, n := range g.Nodes {
		switch {
		case !n.Leaf:
			ops = append(ops, n.Label)
		case n.Param:
			params = append(params, n.Label)
		default:
			leaves = append(leaves, n.Label)
		}
	}
	if len(ops) != 4 || len(params) != 2 || len(leaves) != 1 || leaves[0] != "x" {
		t.Fatalf("ops %q params %q data %q", ops, params, leaves)
	}
	last := g.Nodes[len(g.Nodes)-1]
	if last.Leaf || len(last.Shape) != 0 || len(last.Inputs) != 1 {
		t.Errorf("last node %+v, want the scalar sum", last)
	}
	for _, n := range g.Nodes {
		if n.HasGrad {
			t.Errorf("%s has a gradient before Backward", n.Label)
		}
	}
	loss.Backward()
	g = TapeGraph(dl.Tape(loss))
	for _, n := range g.Nodes {
		if n.Label == "weight" {
			want := gradNorm(w.Grad().Floats())
			if !n.HasGrad || math.Abs(n.GradNorm-want) > 1e-12 || want == 0 {
				t.Errorf("weight grad norm %v (has %v), want %v", n.GradNorm, n.HasGrad, want)
			}
		}
	}
	fig := DrawTape(loss, "tape")
	if m := hasAll(drawnText(fig), "tape", "MatMul", "weight", "bias", "x", "[4 3]", "[3 2]", "[]"); m != nil {
		t.Errorf("drawing lacks %q", m)
	}
}

func TestTensorAdapters(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(2, 2))
	g := ImageGridOf(dl.Rand(r, 6, 1, 5, 5), GridOptions{})
	if g.N != 6 || g.C != 1 || g.H != 5 || g.Cols != 3 {
		t.Errorf("grid %dx%dx%d in %d columns", g.N, g.H, g.W, g.Cols)
	}
	h := HistogramOf(Axes{}, dl.FromFloat64([]float64{1, 2, 3, 4}, 2, 2), 2)
	if h.X.Label.Text != "n 4, mean 2.5, std 1.12" {
		t.Errorf("histogram label %q", h.X.Label.Text)
	}
	hm := HeatmapOf(Axes{}, dl.FromFloat64([]float64{1, 2, 3, 4, 5, 6}, 2, 3), nil, nil)
	if hm.Rows != 2 || hm.Cols != 3 || hm.Z[1][2] != 6 {
		t.Errorf("heatmap %dx%d %v", hm.Rows, hm.Cols, hm.Z)
	}
	mustPanicShape(t, "HeatmapOf: shape [2 2 2]", func() { HeatmapOf(Axes{}, dl.Zeros(2, 2, 2), nil, nil) })
	l := LineOf(Axes{}, "lr", dl.FromFloat64([]float64{1, 0.5, 0.25}, 3))
	if l.X.Max != 2 || l.Y.Min != 0.25 {
		t.Errorf("line range x %v y %v", l.X.Max, l.Y.Min)
	}
}
