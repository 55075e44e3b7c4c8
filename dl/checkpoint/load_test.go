package checkpoint

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
	"github.com/gendl/gendl/dl/safetensors"
)

func mlp(seed uint64, sizes ...int) *nn.MLP {
	return nn.NewMLP(rand.New(rand.NewPCG(seed, 0)), sizes, tanh)
}

func TestLoadModuleReportsMismatches(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "m.safetensors")
	// The file: 0.weight [4 3], 0.bias [4], 2.weight [2 4], 2.bias [2].
	if err := SaveModule(path, mlp(1, 3, 4, 2)); err != nil {
		t.Fatal(err)
	}
	// The model: same first layer, a 5-way head, and a third layer.
	dst := mlp(2, 3, 4, 5, 6)
	before := nn.StateDict(dst)["0.weight"].Clone()
	want := Report{
		Loaded:     []string{"0.bias", "0.weight"},
		Missing:    []string{"4.bias", "4.weight"},
		Mismatched: []Mismatch{{"2.bias", []int{5}, []int{2}}, {"2.weight", []int{5, 4}, []int{2, 4}}},
	}

	rep, err := LoadModule(path, dst, Strict)
	var me *MismatchError
	if !errors.As(err, &me) || !reflect.DeepEqual(rep, want) {
		t.Fatalf("Strict: report %+v, err %v; want %+v and a MismatchError", rep, err, want)
	}
	if !sameBits(nn.StateDict(dst)["0.weight"], before) {
		t.Fatal("Strict load with a mismatch changed the model")
	}
	if msg := err.Error(); !strings.Contains(msg, "missing [4.bias 4.weight]") || !strings.Contains(msg, "2.weight: model [5 4], file [2 4]") {
		t.Errorf("error %q does not name the differences", msg)
	}

	rep, err = LoadModule(path, dst, NonStrict)
	if err != nil || !reflect.DeepEqual(rep, want) {
		t.Fatalf("NonStrict: report %+v, err %v", rep, err)
	}
	src, _, _ := safetensors.Load(path)
	if !sameBits(nn.StateDict(dst)["0.weight"], src["0.weight"]) {
		t.Fatal("NonStrict did not load the matching tensor")
	}
}

func TestLoadModuleUnexpectedKeys(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := SaveModule(path, mlp(1, 3, 4, 2)); err != nil {
		t.Fatal(err)
	}
	rep, err := LoadModule(path, nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 3, 4), NonStrict)
	if err != nil || !reflect.DeepEqual(rep.Unexpected, []string{"0.bias", "0.weight", "2.bias", "2.weight"}) || len(rep.Missing) != 2 {
		t.Fatalf("report %+v, err %v", rep, err)
	}
}

// TestLoadModuleConvertsDType loads a float64 file into a float32 model.
func TestLoadModuleConvertsDType(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "m.safetensors")
	src := nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 3, 2, nn.WithDType(dl.Float64))
	if err := SaveModule(path, src); err != nil {
		t.Fatal(err)
	}
	dst := nn.NewLinear(rand.New(rand.NewPCG(2, 2)), 3, 2)
	if _, err := LoadModule(path, dst, Strict); err != nil {
		t.Fatal(err)
	}
	if dst.Weight.DType() != dl.Float32 || float32(src.Weight.At(1, 2)) != float32(dst.Weight.At(1, 2)) {
		t.Fatalf("weight %v %v, want float32 of %v", dst.Weight.DType(), dst.Weight.At(1, 2), src.Weight.At(1, 2))
	}
}

func TestLoadModuleRejectsCorruptFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := SaveModule(path, mlp(1, 3, 4, 2)); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)-3], 0o644)
	if _, err := LoadModule(path, mlp(1, 3, 4, 2), Strict); !errors.Is(err, safetensors.ErrInvalid) {
		t.Fatalf("truncated file: err = %v, want safetensors.ErrInvalid", err)
	}
	if _, err := LoadModule(filepath.Join(t.TempDir(), "none"), mlp(1, 3, 4, 2), Strict); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: err = %v, want ErrNotExist", err)
	}
}

// TestOptimizerRoundTrip saves Adam after some steps and checks that a
// fresh Adam loaded from the file takes exactly the same next step.
func TestOptimizerRoundTrip(t *testing.T) {
	t.Parallel()
	m := mlp(1, 3, 4, 2)
	o := optim.NewAdam(m.Parameters(), 0.01)
	x := dl.Randn(rand.New(rand.NewPCG(5, 5)), 8, 3)
	step := func(m *nn.MLP, o *optim.Adam) {
		o.ZeroGrad()
		dl.Mean(dl.Mul(m.Forward(x), m.Forward(x))).Backward()
		o.Step()
	}
	for range 3 {
		step(m, o)
	}
	path := filepath.Join(t.TempDir(), "adam.safetensors")
	if err := SaveOptimizer(path, o); err != nil {
		t.Fatal(err)
	}
	m2 := mlp(1, 3, 4, 2)
	for name, p := range nn.StateDict(m2) {
		p.CopyFrom(nn.StateDict(m)[name])
	}
	o2 := optim.NewAdam(m2.Parameters(), 0.5) // LR comes from the file
	if err := LoadOptimizer(path, o2); err != nil {
		t.Fatal(err)
	}
	step(m, o)
	step(m2, o2)
	for name, p := range nn.StateDict(m) {
		if !sameBits(p, nn.StateDict(m2)[name]) {
			t.Errorf("%s differs after the step that follows loading", name)
		}
	}
	if err := LoadOptimizer(path, optim.NewAdam(mlp(1, 3, 5, 2).Parameters(), 0.1)); err == nil {
		t.Error("loading into an optimizer over differently shaped parameters: want an error")
	}
}
