package optim_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// Saving an optimizer's state after k steps and loading it into a fresh
// optimizer over copies of the parameters resumes training bit for bit.
func TestStateResumesExactly(t *testing.T) {
	t.Parallel()
	makers := map[string]func([]nn.Param) optim.Stateful{
		"SGD": func(ps []nn.Param) optim.Stateful {
			o := optim.NewSGD(ps, 0.05)
			o.Momentum, o.Nesterov = 0.9, true
			return o
		},
		"AdamW": func(ps []nn.Param) optim.Stateful { return optim.NewAdamW(ps, 0.01) },
	}
	for name, mk := range makers {
		r := rand.New(rand.NewPCG(1, 2))
		w := dl.Randn(r, 4, 3).SetRequiresGrad(true)
		grads := make([]*dl.Tensor, 6)
		for i := range grads {
			grads[i] = dl.Randn(r, 4, 3)
		}
		a := mk([]nn.Param{{Name: "w", Tensor: w}})
		for _, g := range grads[:3] {
			w.SetGrad(g.Clone())
			a.Step()
		}
		st := a.State()
		w2 := w.Clone()
		b := mk([]nn.Param{{Name: "w", Tensor: w2}})
		if err := b.LoadState(st); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, g := range grads[3:] {
			w.SetGrad(g.Clone())
			a.Step()
			w2.SetGrad(g.Clone())
			b.Step()
		}
		if !slices.Equal(w.Floats(), w2.Floats()) {
			t.Fatalf("%s: resumed run differs:\n%v\n%v", name, w, w2)
		}
	}
}

func TestLoadStateRejectsMismatch(t *testing.T) {
	t.Parallel()
	w := dl.Zeros(2, 2).SetRequiresGrad(true)
	a := optim.NewAdam([]nn.Param{{Name: "w", Tensor: w}}, 0.1)
	w.SetGrad(dl.Ones(2, 2))
	a.Step()
	st := a.State()
	st["w.exp_avg"] = dl.Zeros(4)
	b := optim.NewAdam([]nn.Param{{Name: "w", Tensor: dl.Zeros(2, 2)}}, 0.1)
	if err := b.LoadState(st); err == nil {
		t.Fatal("a wrong-shaped moment must be an error")
	}
	delete(st, "w.exp_avg")
	if err := b.LoadState(st); err == nil {
		t.Fatal("a missing moment must be an error")
	}
	if err := b.LoadState(map[string]*dl.Tensor{}); err == nil {
		t.Fatal("an empty state must be an error")
	}
}

// After the first step (which allocates the moments), a step allocates
// nothing.
func TestStepDoesNotAllocate(t *testing.T) {
	w := dl.Zeros(64, 64).SetRequiresGrad(true)
	w.SetGrad(dl.Ones(64, 64))
	ps := []nn.Param{{Name: "w", Tensor: w}}
	sgd := optim.NewSGD(ps, 0.1)
	sgd.Momentum = 0.9
	for name, o := range map[string]optim.Optimizer{"Adam": optim.NewAdam(ps, 0.1), "SGD": sgd} {
		o.Step()
		if n := testing.AllocsPerRun(10, o.Step); n != 0 {
			t.Errorf("%s.Step allocates %v times", name, n)
		}
	}
}
