package optim

import (
	"fmt"
	"slices"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// Optimizer updates parameters from their accumulated gradients.
type Optimizer interface {
	// Step applies one update to every parameter that has a gradient;
	// parameters without one are left alone, as in PyTorch.
	Step()
	// ZeroGrad clears every parameter's gradient (sets it to nil, like
	// PyTorch's set_to_none).
	ZeroGrad()
}

// Stateful is an optimizer whose state (moments, momentum buffers, step
// counts, learning rate) can be saved with a checkpoint and loaded to resume
// training exactly. SGD and Adam implement it.
type Stateful interface {
	Optimizer
	State() map[string]*dl.Tensor
	LoadState(state map[string]*dl.Tensor) error
}

var (
	_ Stateful = (*SGD)(nil)
	_ Stateful = (*Adam)(nil)
)

func zeroGrad(params []nn.Param) {
	for _, p := range params {
		p.Tensor.ZeroGrad()
	}
}

// float is the element type of a parameter's storage.
type float interface{ ~float32 | ~float64 }

// slots is per-parameter optimizer state: one buffer of each kind per
// parameter, same shape and dtype, allocated on the parameter's first
// update (so a step after the first allocates nothing).
type slots struct {
	names []string       // buffer kinds, e.g. "exp_avg", "exp_avg_sq"
	bufs  [][]*dl.Tensor // [param][kind]
	steps []int          // updates applied to each parameter
}

func newSlots(n int, names ...string) slots {
	return slots{names: names, bufs: make([][]*dl.Tensor, n), steps: make([]int, n)}
}

// get returns parameter i's buffers, allocating zeroed ones on first use.
func (s *slots) get(i int, p *dl.Tensor) []*dl.Tensor {
	if s.bufs[i] == nil {
		s.bufs[i] = make([]*dl.Tensor, len(s.names))
		for k := range s.names {
			s.bufs[i][k] = dl.ZerosOf(p.DType(), p.Shape()...)
		}
	}
	return s.bufs[i]
}

// state exports copies of the buffers as "<param>.<kind>" and the step
// counts as "<param>.step" (a float64 scalar), plus the learning rate.
func (s *slots) state(params []nn.Param, lr float64) map[string]*dl.Tensor {
	st := map[string]*dl.Tensor{"lr": dl.FromFloat64([]float64{lr}, 1)}
	for i, p := range params {
		st[p.Name+".step"] = dl.FromFloat64([]float64{float64(s.steps[i])}, 1)
		if s.bufs[i] == nil {
			continue
		}
		for k, name := range s.names {
			st[p.Name+"."+name] = s.bufs[i][k].Clone()
		}
	}
	return st
}

// load restores what state wrote, checking names and shapes, and returns
// the saved learning rate. Nothing changes when it returns an error.
func (s *slots) load(params []nn.Param, st map[string]*dl.Tensor) (lr float64, err error) {
	t, ok := st["lr"]
	if !ok || t.Size() != 1 {
		return 0, fmt.Errorf("optim: state has no scalar \"lr\"")
	}
	lr = t.Item()
	steps := make([]int, len(params))
	bufs := make([][]*dl.Tensor, len(params))
	for i, p := range params {
		t, ok := st[p.Name+".step"]
		if !ok || t.Size() != 1 {
			return 0, fmt.Errorf("optim: state has no step count for parameter %q", p.Name)
		}
		steps[i] = int(t.Item())
		for k, name := range s.names {
			b, ok := st[p.Name+"."+name]
			if !ok {
				if steps[i] > 0 {
					return 0, fmt.Errorf("optim: state has no %s for parameter %q", name, p.Name)
				}
				continue
			}
			if !slices.Equal(b.Shape(), p.Tensor.Shape()) {
				return 0, fmt.Errorf("optim: %s of %q has shape %v, parameter is %v", name, p.Name, b.Shape(), p.Tensor.Shape())
			}
			if bufs[i] == nil {
				bufs[i] = make([]*dl.Tensor, len(s.names))
			}
			c := dl.ZerosOf(p.Tensor.DType(), p.Tensor.Shape()...)
			c.CopyFrom(b)
			bufs[i][k] = c
		}
		if bufs[i] != nil && slices.Contains(bufs[i], nil) {
			return 0, fmt.Errorf("optim: state for parameter %q is incomplete", p.Name)
		}
	}
	s.steps, s.bufs = steps, bufs
	return lr, nil
}
