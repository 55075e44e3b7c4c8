package checkpoint

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/npy"
)

// The PyTorch interop tests run testdata/torch_interop.py with a Python
// that has torch, safetensors and numpy: $GENDL_PYTHON, or else the venv
// install.sh --with-torch makes, <repo>/.gendl/venv/bin/python. Without
// one they skip and say why.

// torchPython returns the Python to use, or skips the test.
func torchPython(t *testing.T) string {
	t.Helper()
	py := os.Getenv("GENDL_PYTHON")
	if py == "" {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			t.Fatal(err)
		}
		py = filepath.Join(root, ".gendl", "venv", "bin", "python")
	}
	if _, err := exec.LookPath(py); err != nil {
		t.Skipf("no Python with torch: %s not found (set GENDL_PYTHON or run install.sh --with-torch)", py)
	}
	if out, err := exec.Command(py, "-c", "import torch, safetensors, numpy").CombinedOutput(); err != nil {
		t.Skipf("%s cannot import torch, safetensors and numpy (set GENDL_PYTHON or run install.sh --with-torch): %v\n%s", py, err, out)
	}
	return py
}

func runScript(t *testing.T, py string, args ...string) {
	t.Helper()
	out, err := exec.Command(py, append([]string{filepath.Join("testdata", "torch_interop.py")}, args...)...).CombinedOutput()
	t.Logf("torch_interop.py %v:\n%s", args[0], out)
	if err != nil {
		t.Fatalf("torch_interop.py %v: %v", args, err)
	}
}

// lstmModel is the script's LSTMModel: the same child names, so the same
// state_dict keys.
type lstmModel struct {
	Emb  *nn.Embedding
	LSTM *nn.LSTM
	LN   *nn.LayerNorm
	Head *nn.Linear
}

func newLSTMModel(r *rand.Rand) *lstmModel {
	return &lstmModel{nn.NewEmbedding(r, 11, 6), nn.NewLSTM(r, 6, 8, 2), nn.NewLayerNorm(8), nn.NewLinear(r, 8, 11)}
}

func (m *lstmModel) Parameters() []nn.Param {
	var ps []nn.Param
	ps = append(ps, nn.Child("emb", m.Emb)...)
	ps = append(ps, nn.Child("lstm", m.LSTM)...)
	ps = append(ps, nn.Child("ln", m.LN)...)
	return append(ps, nn.Child("head", m.Head)...)
}

func (m *lstmModel) SetTraining(bool) {}

func (m *lstmModel) Forward(ids *dl.Ints) *dl.Tensor {
	y, _, _ := m.LSTM.Forward(m.Emb.Forward(ids), nil, nil) // [B, T, 8]
	return m.Head.Forward(m.LN.Forward(y))                  // [B, T, 11]
}

// interopModel is one of the script's models on the gendl side.
type interopModel struct {
	name    string
	build   func(r *rand.Rand) nn.Module
	forward func(m nn.Module, dir string) *dl.Tensor // on <dir>/<name>_input.npy
}

// layerOn runs an nn.Layer, in evaluation mode, on <dir>/<name>_input.npy.
func layerOn(name string) func(nn.Module, string) *dl.Tensor {
	return func(m nn.Module, dir string) *dl.Tensor {
		x, err := npy.ReadTensorFile(filepath.Join(dir, name+"_input.npy"))
		if err != nil {
			panic(err)
		}
		m.SetTraining(false)
		return m.(nn.Layer).Forward(x)
	}
}

var interopModels = []interopModel{
	{"mlp", func(r *rand.Rand) nn.Module { return nn.NewMLP(r, []int{4, 8, 3}, tanh) }, layerOn("mlp")},
	{"cnn", func(r *rand.Rand) nn.Module {
		s := nn.NewSequential(nn.NewConv2d(r, 2, 4, 3, 1, 1), nn.NewBatchNorm(4), nn.ReLU{},
			nn.MaxPool2d{K: 2, Stride: 2}, nn.Flatten{}, nn.NewLinear(r, 36, 5))
		s.Forward(dl.Randn(r, 4, 2, 6, 6)) // training mode: moves BatchNorm's running statistics
		return s
	}, layerOn("cnn")},
	{"block", func(r *rand.Rand) nn.Module {
		return nn.NewBlock(r, nn.SelfAttentionConfig{Embed: 8, Heads: 2})
	}, layerOn("block")},
	{"lstm", func(r *rand.Rand) nn.Module { return newLSTMModel(r) },
		func(m nn.Module, dir string) *dl.Tensor {
			f, err := os.Open(filepath.Join(dir, "lstm_input.npy"))
			if err != nil {
				panic(err)
			}
			defer f.Close()
			ids, err := npy.ReadInts(f)
			if err != nil {
				panic(err)
			}
			return m.(*lstmModel).Forward(ids)
		}},
}

// TestLoadPyTorchCheckpoint: PyTorch initialises each model (an MLP; an
// Embedding→LSTM→LayerNorm→Linear; a CNN with BatchNorm statistics and an
// int64 num_batches_tracked; a nanoGPT block) and saves it with
// save_file(model.state_dict()); gendl loads the file strictly into the
// matching model and must give PyTorch's outputs.
func TestLoadPyTorchCheckpoint(t *testing.T) {
	t.Parallel()
	py := torchPython(t)
	dir := t.TempDir()
	runScript(t, py, "export", dir)
	for _, c := range interopModels {
		m := c.build(rand.New(rand.NewPCG(1, 1)))
		rep, err := LoadModule(filepath.Join(dir, "torch_"+c.name+".safetensors"), m, Strict)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, err := npy.ReadTensorFile(filepath.Join(dir, "torch_"+c.name+"_output.npy"))
		if err != nil {
			t.Fatal(err)
		}
		got := c.forward(m, dir)
		d := maxDiff(t, got, want)
		t.Logf("%s: %d tensors loaded; max |gendl - PyTorch| = %.3g", c.name, len(rep.Loaded), d)
		if d > 1e-5 {
			t.Errorf("%s: outputs differ from PyTorch's by %g", c.name, d)
		}
	}
}

// TestPyTorchLoadsGendlCheckpoint: gendl initialises and saves each model;
// PyTorch loads it with load_state_dict(strict=True) and must reproduce
// gendl's outputs.
func TestPyTorchLoadsGendlCheckpoint(t *testing.T) {
	t.Parallel()
	py := torchPython(t)
	dir := t.TempDir()
	runScript(t, py, "export", dir) // for the inputs
	for _, c := range interopModels {
		m := c.build(rand.New(rand.NewPCG(3, 3)))
		if err := SaveModule(filepath.Join(dir, "gendl_"+c.name+".safetensors"), m); err != nil {
			t.Fatal(err)
		}
		if err := npy.WriteTensorFile(filepath.Join(dir, "gendl_"+c.name+"_output.npy"), c.forward(m, dir)); err != nil {
			t.Fatal(err)
		}
	}
	runScript(t, py, "check", dir)
}

func maxDiff(t *testing.T, a, b *dl.Tensor) float64 {
	t.Helper()
	if a.Size() != b.Size() {
		t.Fatalf("shapes %v and %v", a.Shape(), b.Shape())
	}
	x, y := a.Floats(), b.Floats()
	d := 0.0
	for i := range x {
		d = max(d, math.Abs(x[i]-y[i]))
	}
	return d
}
