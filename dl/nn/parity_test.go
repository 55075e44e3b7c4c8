package nn_test

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

// torchPython returns a Python that can import torch and numpy: the one
// named by GENDL_PYTHON, else <repo>/.gendl/venv/bin/python. It skips the
// test, saying why, when there is none.
func torchPython(t *testing.T) string {
	py := os.Getenv("GENDL_PYTHON")
	if py == "" {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			t.Fatal(err)
		}
		py = filepath.Join(root, ".gendl", "venv", "bin", "python")
	}
	if out, err := exec.Command(py, "-c", "import torch, numpy").CombinedOutput(); err != nil {
		t.Skipf("no Python with torch and numpy at %s (set GENDL_PYTHON; see scripts/torch_parity/README.md): %v %s", py, err, lastLine(out))
	}
	return py
}

func lastLine(b []byte) string {
	s := string(b)
	for len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '\n' {
			return s[i+1:]
		}
	}
	return s
}

// The lecture network gives PyTorch's loss and gradients, within 1e-5
// relative, in float32, for the same weights and batch; in both its explicit
// (Softmax → ProbCrossEntropy) and its fused (CrossEntropy) form.
func TestTorchParity(t *testing.T) {
	py := torchPython(t)
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(11, 12))
	x, y, _, _, source := classificationData(r, 64, 1)
	w := func(name string, tt *dl.Tensor) {
		if err := npy.WriteTensorFile(filepath.Join(dir, name+".npy"), tt); err != nil {
			t.Fatal(err)
		}
	}
	w("x", x)
	ys := make([]int64, len(y.Data))
	for i, v := range y.Data {
		ys[i] = int64(v)
	}
	if err := npy.WriteFile(filepath.Join(dir, "y.npy"), npy.FromInt64(ys, len(ys))); err != nil {
		t.Fatal(err)
	}

	forms := []string{"explicit", "fused"}
	nets := map[string]*nn.Sequential{}
	for _, form := range forms {
		net, loss := lectureNet(rand.New(rand.NewPCG(13, 14)), 32, form == "explicit") // same weights for both
		nets[form] = net
		l := loss(x, y)
		l.Backward()
		w("go_"+form+"_loss", l.Reshape(1))
		for _, p := range net.Parameters() {
			w("go_"+form+"_grad_"+p.Name, p.Tensor.Grad())
			if form == "explicit" {
				w(p.Name, p.Tensor)
			}
		}
	}

	cmd := exec.Command(py, filepath.Join("..", "..", "scripts", "torch_parity", "lecture_parity.py"), dir)
	out, err := cmd.CombinedOutput()
	t.Logf("PyTorch side (%s batch of %d):\n%s", source, x.Dim(0), out)
	if err != nil {
		t.Errorf("lecture_parity.py: %v", err)
	}

	read := func(name string) *dl.Tensor {
		tt, err := npy.ReadTensorFile(filepath.Join(dir, name+".npy"))
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	for _, form := range forms {
		names := []string{"loss"}
		for _, p := range nets[form].Parameters() {
			names = append(names, "grad_"+p.Name)
		}
		for _, name := range names {
			got, want := read("go_"+form+"_"+name).Floats(), read("torch_"+form+"_"+name).Floats()
			var maxDiff, scale float64
			for i := range want {
				maxDiff = math.Max(maxDiff, math.Abs(got[i]-want[i]))
				scale = math.Max(scale, math.Abs(want[i]))
			}
			rel := maxDiff / math.Max(scale, 1e-30)
			t.Logf("%-8s %-14s rel err %.2g (max |Δ| %.2g, max |torch| %.3g)", form, name, rel, maxDiff, scale)
			if rel > 1e-5 || len(got) != len(want) {
				t.Errorf("%s %s: relative error %.3g > 1e-5", form, name, rel)
			}
		}
	}
}
