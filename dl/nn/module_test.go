package nn_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

func names(ps []nn.Param) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Name)
	}
	return s
}

func TestParameterNamesMatchPyTorch(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	mlp := nn.NewMLP(r, []int{784, 128, 10}, func() nn.Layer { return nn.ReLU{} })
	if got, want := names(mlp.Parameters()), []string{"0.weight", "0.bias", "2.weight", "2.bias"}; !slices.Equal(got, want) {
		t.Fatalf("MLP names %v, want %v", got, want)
	}
	if got := mlp.Layers[0].(*nn.Linear).Weight.Shape(); !slices.Equal(got, []int{128, 784}) {
		t.Fatalf("Linear weight shape %v, want [out in] = [128 784]", got)
	}
	if n := nn.NumParams(mlp); n != 784*128+128+128*10+10 {
		t.Fatalf("NumParams = %d", n)
	}
	outer := nn.Child("blocks.1.attn", nn.NewLinear(r, 2, 2, nn.NoBias()))
	if got := names(outer); !slices.Equal(got, []string{"blocks.1.attn.weight"}) {
		t.Fatalf("Child names %v", got)
	}
	nn.SetNames(mlp)
	if got := mlp.Layers[2].(*nn.Linear).Bias.Name(); got != "2.bias" {
		t.Fatalf("SetNames gave %q", got)
	}
}

// PyTorch's defaults: Linear U(-1/√in, 1/√in), Embedding N(0, 1),
// LayerNorm ones and zeros.
func TestDefaultInitialisation(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	l := nn.NewLinear(r, 100, 50)
	bound := 1 / math.Sqrt(100)
	for _, p := range l.Parameters() {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range p.Tensor.Floats() {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if lo < -bound || hi > bound || hi-lo < 1.8*bound {
			t.Fatalf("%s in [%v, %v], want to fill [-%v, %v]", p.Name, lo, hi, bound, bound)
		}
		if !p.Tensor.RequiresGrad() || p.Tensor.DType() != dl.Float32 {
			t.Fatalf("%s: requires grad %v, dtype %v", p.Name, p.Tensor.RequiresGrad(), p.Tensor.DType())
		}
	}
	e := nn.NewEmbedding(r, 200, 50).Weight.Floats()
	var s, ss float64
	for _, v := range e {
		s += v
		ss += v * v
	}
	mean, std := s/float64(len(e)), math.Sqrt(ss/float64(len(e)))
	if math.Abs(mean) > 0.03 || math.Abs(std-1) > 0.03 {
		t.Fatalf("Embedding mean %v std %v, want N(0, 1)", mean, std)
	}
	ln := nn.NewLayerNorm(4, nn.WithDType(dl.Float64))
	if !slices.Equal(ln.Weight.Floats(), []float64{1, 1, 1, 1}) || !slices.Equal(ln.Bias.Floats(), []float64{0, 0, 0, 0}) || ln.Eps != 1e-5 {
		t.Fatalf("LayerNorm init %v %v %v", ln.Weight, ln.Bias, ln.Eps)
	}
}

func TestDropoutModes(t *testing.T) {
	t.Parallel()
	d := nn.NewDropout(rand.New(rand.NewPCG(3, 3)), 0.5)
	m := nn.NewSequential(nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 8, 8), d)
	x := dl.Ones(4, 8)
	zeros := 0
	for _, v := range d.Forward(x).Floats() {
		switch v {
		case 0:
			zeros++
		case 2:
		default:
			t.Fatalf("training dropout gave %v, want 0 or 2", v)
		}
	}
	if zeros == 0 || zeros == 32 {
		t.Fatalf("%d of 32 dropped", zeros)
	}
	m.SetTraining(false)
	if d.Training() || !slices.Equal(d.Forward(x).Floats(), x.Floats()) {
		t.Fatal("evaluation-mode dropout must be the identity")
	}
}

// running is a module with a buffer, standing in for BatchNorm.
type running struct {
	nn.Linear
	mean *dl.Tensor
}

func (m *running) Buffers() []nn.Param { return []nn.Param{{Name: "running_mean", Tensor: m.mean}} }

func TestStateDictIncludesBuffersAndZeroGrad(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	seq := nn.NewSequential(nn.NewLinear(r, 3, 2), nn.Sigmoid{}, &running{Linear: *nn.NewLinear(r, 2, 2), mean: dl.Zeros(2)})
	sd := nn.StateDict(seq)
	var keys []string
	for k := range sd {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"0.bias", "0.weight", "2.bias", "2.running_mean", "2.weight"}; !slices.Equal(keys, want) {
		t.Fatalf("state dict keys %v, want %v", keys, want)
	}
	dl.Sum(seq.Forward(dl.Ones(1, 3))).Backward()
	if sd["0.weight"].Grad() == nil {
		t.Fatal("no gradient after Backward")
	}
	nn.ZeroGrad(seq)
	for _, p := range seq.Parameters() {
		if p.Tensor.Grad() != nil {
			t.Fatalf("%s still has a gradient", p.Name)
		}
	}
}

// The lecture's explicit Softmax → ProbCrossEntropy equals the fused
// CrossEntropy on the logits, in value and in gradient.
func TestProbCrossEntropyMatchesFused(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 5))
	x := dl.RandnOf(r, dl.Float64, 6, 4).SetRequiresGrad(true)
	y := dl.NewInts([]int{0, 3, 1, 1, 2, 0}, 6)
	a := nn.ProbCrossEntropy{}.Forward(nn.NewSoftmax(-1).Forward(x), y)
	a.Backward()
	ga := x.Grad().Floats()
	x.ZeroGrad()
	b := (&nn.CrossEntropy{}).Forward(x, y)
	b.Backward()
	if math.Abs(a.Item()-b.Item()) > 1e-12 {
		t.Fatalf("loss %v vs fused %v", a.Item(), b.Item())
	}
	for i, g := range x.Grad().Floats() {
		if math.Abs(g-ga[i]) > 1e-12 {
			t.Fatalf("grad %d: %v vs fused %v", i, ga[i], g)
		}
	}
}

func TestLossShapeErrors(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { nn.ProbCrossEntropy{}.Forward(dl.Ones(3, 4), dl.NewInts([]int{0, 1}, 2)) })
	if err == nil || !dl.IsShapeError(err) {
		t.Fatalf("want a shape error, got %v", err)
	}
	err = dl.Try(func() { (&nn.CrossEntropy{}).Forward(dl.Ones(2, 3), dl.NewInts([]int{-1, 0}, 2)) })
	if err == nil {
		t.Fatal("a negative target must panic unless ignored")
	}
	err = dl.Try(func() { nn.MSE{}.Forward(dl.Ones(3, 4), dl.Ones(4, 3)) })
	if err == nil {
		t.Fatal("MSE of [3 4] and [4 3] must panic")
	}
}
