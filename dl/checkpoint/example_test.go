package checkpoint_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/checkpoint"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

func ExampleLoadModule() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "mlp.safetensors")

	r := rand.New(rand.NewPCG(1, 2))
	tanh := func() nn.Layer { return nn.Tanh{} }
	if err := checkpoint.SaveModule(path, nn.NewMLP(r, []int{3, 4, 2}, tanh)); err != nil {
		panic(err)
	}
	// A model with a wider head: the first layer still loads.
	m := nn.NewMLP(r, []int{3, 4, 5}, tanh)
	report, err := checkpoint.LoadModule(path, m, checkpoint.Strict)
	fmt.Println(strings.ReplaceAll(err.Error(), dir, "DIR"))
	report, _ = checkpoint.LoadModule(path, m, checkpoint.NonStrict)
	fmt.Println(report.Loaded)
	// Output:
	// checkpoint: DIR/mlp.safetensors does not match the model: 2 loaded; 2.bias: model [5], file [2]; 2.weight: model [5 4], file [2 4]
	// [0.bias 0.weight]
}

func ExampleTraining() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)

	src := rand.NewPCG(1, 2) // saved with the checkpoint
	r := rand.New(src)
	m := nn.NewLinear(r, 2, 1)
	tr := &checkpoint.Training{
		Path:  filepath.Join(dir, "run.safetensors"),
		Model: m, Optim: optim.NewSGD(m.Parameters(), 0.1), RNG: src,
	}
	if _, err := tr.Resume(); err != nil { // no file yet: a fresh start
		panic(err)
	}
	err := tr.Run(50, func(step int) error {
		x := dl.Randn(r, 8, 2)
		y := dl.SumAxes(x, true, 1) // learn y = x0 + x1
		tr.Optim.(*optim.SGD).ZeroGrad()
		loss := dl.MSE(m.Forward(x), y)
		loss.Backward()
		tr.Optim.(*optim.SGD).Step()
		tr.Log("loss", loss.Item())
		return nil
	})
	fmt.Println(err, tr.Step)
	fmt.Printf("weight %.2f\n", m.Weight.Floats())
	// Output:
	// <nil> 50
	// weight [1.00 1.00]
}

func ExampleCache_Cached() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	cache := &checkpoint.Cache{Dir: dir} // checkpoint.DefaultCache() in a notebook

	type Config struct{ Hidden int }
	cfg := Config{Hidden: 4}
	for cell := 1; cell <= 2; cell++ { // two cells, two fresh programs
		r := rand.New(rand.NewPCG(uint64(cell), 0))
		m := nn.NewMLP(r, []int{2, cfg.Hidden, 1}, func() nn.Layer { return nn.Tanh{} })
		loaded, err := cache.Cached("xor", cfg, m, func() error {
			fmt.Println("training...")
			return nil // train m here
		})
		fmt.Printf("cell %d: loaded %v, err %v\n", cell, loaded, err)
	}
	// Output:
	// training...
	// cell 1: loaded false, err <nil>
	// cell 2: loaded true, err <nil>
}
