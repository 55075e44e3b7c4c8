package dl_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gradcheck"
)

func param(v ...float64) *dl.Tensor { return dl.FromFloat64(v).SetRequiresGrad(true) }

func wantFloats(t *testing.T, what string, got *dl.Tensor, want ...float64) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: nil tensor, want %v", what, want)
	}
	g := got.Floats()
	if len(g) != len(want) {
		t.Fatalf("%s = %v, want %v", what, g, want)
	}
	for i := range g {
		if math.Abs(g[i]-want[i]) > 1e-9*(1+math.Abs(want[i])) {
			t.Fatalf("%s = %v, want %v", what, g, want)
		}
	}
}

func TestGradientsAccumulateAcrossBackwardCalls(t *testing.T) {
	t.Parallel()
	x := param(1, 2, 3)
	c := dl.FromFloat64([]float64{0.5, -1, 2})
	dl.Sum(dl.Mul(x, c)).Backward()
	wantFloats(t, "after one step", x.Grad(), 0.5, -1, 2)
	dl.Sum(dl.Mul(x, c)).Backward() // a second graph: gradients add
	wantFloats(t, "after two steps", x.Grad(), 1, -2, 4)
	x.ZeroGrad()
	if x.Grad() != nil {
		t.Fatal("ZeroGrad left a gradient")
	}
	loss := dl.Sum(dl.Square(x))
	loss.Backward()
	wantFloats(t, "after ZeroGrad", x.Grad(), 2, 4, 6)
	loss.Backward() // the same graph again: adds once more
	wantFloats(t, "same graph twice", x.Grad(), 4, 8, 12)
}

func TestDetachStopsGradient(t *testing.T) {
	t.Parallel()
	x := param(1, -2)
	dl.Sum(dl.Mul(x.Detach(), x)).Backward() // d/dx (c·x) with c = x held constant
	wantFloats(t, "grad", x.Grad(), 1, -2)
	d := x.Detach()
	if d.RequiresGrad() || d.Node() != nil || dl.Exp(d).Node() != nil {
		t.Fatal("a detached tensor still takes part in the graph")
	}
}

func TestDiamondGraphAccumulates(t *testing.T) {
	t.Parallel()
	x := param(0.5, -1)
	dl.Sum(dl.Add(dl.Mul(x, x), x)).Backward() // x used three times: d = 2x + 1
	wantFloats(t, "x²+x", x.Grad(), 2, -1)
	x.ZeroGrad()
	h := dl.Tanh(x)                 // one intermediate read by two paths
	dl.Sum(dl.Mul(h, h)).Backward() // d = 2h(1-h²)
	hv := []float64{math.Tanh(0.5), math.Tanh(-1)}
	wantFloats(t, "tanh²", x.Grad(), 2*hv[0]*(1-hv[0]*hv[0]), 2*hv[1]*(1-hv[1]*hv[1]))
	if h.Grad() != nil {
		t.Fatal("an intermediate kept a gradient after Backward")
	}
}

func TestNoGradRecordsNothing(t *testing.T) {
	t.Parallel()
	x := param(1, 2)
	var inside, other *dl.Tensor
	opened, done := make(chan struct{}), make(chan struct{})
	go func() { // another goroutine, running while the scope is open
		<-opened
		other = dl.Exp(x)
		close(done)
	}()
	dl.NoGrad(func() {
		close(opened)
		inside = dl.Exp(x)
		<-done
	})
	if inside.Node() != nil {
		t.Fatal("an op inside NoGrad recorded a node")
	}
	if other.Node() == nil {
		t.Fatal("NoGrad on one goroutine switched recording off on another")
	}
	if dl.Exp(x).Node() == nil {
		t.Fatal("recording stayed off after NoGrad returned")
	}
	dl.NoGrad(func() {
		dl.NoGrad(func() {})
		if dl.Exp(x).Node() != nil {
			t.Fatal("a nested NoGrad ended the outer scope")
		}
	})
}

func TestTapeListsNodesInExecutionOrder(t *testing.T) {
	t.Parallel()
	x := param(0.1, 0.2)
	b := dl.Exp(x)
	_ = dl.Sigmoid(x) // recorded, but the loss does not depend on it
	a := dl.Tanh(x)
	loss := dl.Sum(dl.Mul(a, b))
	var ops []string
	for i, n := range dl.Tape(loss) {
		ops = append(ops, n.Op)
		if i > 0 && n.Seq <= dl.Tape(loss)[i-1].Seq {
			t.Fatal("Seq does not increase along the tape")
		}
	}
	if want := []string{"Exp", "Tanh", "Mul", "Sum"}; !slices.Equal(ops, want) {
		t.Fatalf("tape %v, want %v", ops, want)
	}
	if n := loss.Node(); n.Output != loss || n.Inputs[0] == nil || n.Inputs[0].Node().Op != "Mul" {
		t.Fatal("the last node does not link the loss to its inputs")
	}
	if x.Node() != nil || len(dl.Tape(x)) != 0 {
		t.Fatal("a leaf has a node")
	}
}

// After a step, nothing outside the loss refers to the graph: once the loss
// is dropped, every intermediate becomes garbage.
func TestGraphIsCollectableAfterStep(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	w := dl.RandnOf(r, dl.Float64, 4, 3).SetRequiresGrad(true)
	step := func() (weak.Pointer[dl.Tensor], weak.Pointer[dl.Tensor]) {
		x := dl.RandnOf(r, dl.Float64, 2, 4)
		h := dl.Tanh(dl.MatMul(x, w))
		loss := dl.Mean(dl.Square(h))
		loss.Backward()
		return weak.Make(h), weak.Make(loss)
	}
	hp, lp := step()
	for range 3 {
		runtime.GC()
	}
	if hp.Value() != nil || lp.Value() != nil {
		t.Fatal("the graph of a finished step is still reachable")
	}
	if w.Grad() == nil || w.Grad().Node() != nil {
		t.Fatal("the parameter lost its gradient, or its gradient is part of a graph")
	}
}

func TestTryConvertsShapeError(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { dl.MatMul(dl.Zeros(2, 3), dl.Zeros(2, 3)) })
	var se *dl.ShapeError
	if !errors.As(err, &se) || se.Op != "MatMul" || !dl.IsShapeError(err) {
		t.Fatalf("Try returned %v", err)
	}
	if err := dl.Try(func() { dl.Add(dl.Zeros(2), dl.Zeros(2)) }); err != nil {
		t.Fatalf("Try on a good call returned %v", err)
	}
	defer func() {
		if r := recover(); r != "a bug" {
			t.Fatalf("Try swallowed or changed a non-shape panic: %v", r)
		}
	}()
	_ = dl.Try(func() { panic("a bug") })
}

// The first line of a shape error stands alone: op, shapes, what is wrong.
func TestShapeErrorFirstLines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		call func()
		want string
	}{
		{func() { dl.MatMul(dl.Zeros(32, 27), dl.Zeros(30, 200)) }, "dl: MatMul: shapes [32 27] and [30 200]: inner dims 27 != 30"},
		{func() { dl.Add(dl.Zeros(2, 3), dl.Zeros(4)) }, "dl: Add: shapes [2 3] and [4]: cannot broadcast: axis -1 is 3 vs 4"},
		{func() { dl.Reshape(dl.Zeros(2, 3), 4) }, "dl: Reshape: shapes [2 3] and [4]: 6 elements cannot take 4"},
		{func() { dl.Concat(0, dl.Zeros(2, 3), dl.Zeros(2, 4)) }, "dl: Concat: shapes [2 3] and [2 4]: tensor 1 differs from tensor 0 on axis 1 (4 vs 3)"},
		{func() { dl.Slice(dl.Zeros(2, 3), 1, 2, 5) }, "dl: Slice: shape [2 3]: range [2, 5) outside [0, 3] on axis 1"},
		{func() { dl.Split(dl.Zeros(2, 3), -1, 1, 1) }, "dl: Split: shape [2 3]: sizes [1 1] add up to 2, axis 1 has 3"},
		{func() { dl.IndexSelect(dl.Zeros(4, 2), 0, dl.NewInts([]int{1, 4})) }, "dl: IndexSelect: shapes [4 2] and [2]: ID 4 at position 1 outside [0, 4) on axis 0"},
		{func() { dl.Gather(dl.Zeros(4, 2), 0, dl.NewInts([]int{1})) }, "dl: Gather: shapes [4 2] and [1]: IDs have rank 1, x has 2"},
		{func() { dl.MaskedFill(dl.Zeros(3, 3), dl.CausalMask(4), 0) }, "dl: MaskedFill: shapes [4 4] and [3 3]: cannot broadcast: axis -2 is 4 vs 3"},
		{func() { dl.Where(dl.NewMask([]bool{true}, 1), dl.Zeros(2), dl.ZerosOf(dl.Float64, 2)) }, "dl: Where: shapes [2] and [2]: dtypes float32 and float64 differ (convert with To)"},
		{func() { dl.Softmax(dl.Zeros(2, 3), 2) }, "dl: Softmax: shape [2 3]: axis 2 out of range for rank 2"},
		{func() { dl.CrossEntropy(dl.Zeros(2, 3), dl.NewInts([]int{0, 3}), -1) }, "dl: CrossEntropy: shapes [2 3] and [2]: target 3 at row 1 outside [0, 3)"},
	}
	for _, c := range cases {
		err := dl.Try(c.call)
		if err == nil {
			t.Errorf("%q: no panic", c.want)
			continue
		}
		if first, _, _ := strings.Cut(err.Error(), "\n"); first != c.want {
			t.Errorf("got  %q\nwant %q", first, c.want)
		}
	}
}

func TestToCarriesGradient(t *testing.T) {
	t.Parallel()
	x := dl.FromFloat32([]float32{1.5, -2}).SetRequiresGrad(true)
	y := x.To(dl.Float64)
	wantFloats(t, "values", y, 1.5, -2)
	if y.DType() != dl.Float64 || x.To(dl.Float32) != x {
		t.Fatal("To did not convert, or copied when no conversion was needed")
	}
	dl.Sum(dl.Mul(y, dl.FromFloat64([]float64{3, 0.25}))).Backward()
	if g := x.Grad(); g.DType() != dl.Float32 {
		t.Fatalf("gradient is %v, want the leaf's float32", g.DType())
	}
	wantFloats(t, "grad", x.Grad(), 3, 0.25)
}

func TestReshapeMethodIsReshape(t *testing.T) {
	t.Parallel()
	x := param(1, 2, 3, 4, 5, 6)
	y := x.Reshape(3, -1)
	if !slices.Equal(y.Shape(), []int{3, 2}) || y.Node().Op != "Reshape" {
		t.Fatalf("shape %v op %v", y.Shape(), y.Node().Op)
	}
	wantFloats(t, "values", y, 1, 2, 3, 4, 5, 6)
	dl.Sum(dl.Mul(y, dl.FromFloat64([]float64{1, 2, 3, 4, 5, 6}, 3, 2))).Backward()
	wantFloats(t, "grad", x.Grad(), 1, 2, 3, 4, 5, 6)
}

// cube is a user-defined op, as a student would write one with Func.
func cube(x *dl.Tensor) *dl.Tensor {
	xd := x.Detach()
	out := dl.Mul(dl.Square(xd), xd)
	return dl.Func("Cube", out, []*dl.Tensor{x}, func(g *dl.Tensor) []*dl.Tensor {
		return []*dl.Tensor{dl.Mul(g, dl.Scale(dl.Square(xd), 3))}
	})
}

func TestFuncRecordsUserDefinedOp(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	x := dl.RandnOf(r, dl.Float64, 3, 2)
	if rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor { return dl.Tanh(cube(x)) }, x); !rep.OK() {
		t.Fatal(rep)
	}
	wantFloats(t, "values", cube(dl.FromFloat64([]float64{2, -1})), 8, -1)
	if ops := dl.Tape(dl.Sum(cube(x))); ops[0].Op != "Cube" {
		t.Fatalf("tape starts with %s", ops[0].Op)
	}
	if err := dl.Try(func() { dl.Func("Again", dl.Exp(x), []*dl.Tensor{x}, nil) }); err == nil {
		t.Fatal("Func accepted an output that already has a node")
	}
}

// Independent graphs on many goroutines at once give the same gradients as
// one goroutine alone: no state is shared between graphs.
func TestParallelGraphsAreIndependent(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	grads := make([][]float64, 8)
	for i := range grads {
		wg.Go(func() {
			x := param(float64(i), 1)
			for range 50 {
				x.ZeroGrad()
				dl.Sum(dl.Mul(dl.Exp(x), x)).Backward() // d = e^x (1 + x)
			}
			grads[i] = x.Grad().Floats()
		})
	}
	wg.Wait()
	for i, g := range grads {
		if want := math.Exp(float64(i)) * (1 + float64(i)); math.Abs(g[0]-want) > 1e-9*want {
			t.Fatalf("goroutine %d: grad %v, want %v", i, g[0], want)
		}
	}
}
