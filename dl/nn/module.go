package nn

import (
	"strconv"

	"github.com/gendl/gendl/dl"
)

// Param is one named tensor of a module. Name is the key PyTorch's
// state_dict uses for it ("weight", "0.bias", "blocks.1.attn.qkv.weight"),
// so checkpoints and .npy exchanges line up with PyTorch models.
type Param struct {
	Name   string
	Tensor *dl.Tensor
}

// Module is anything with trainable parameters and a train/eval switch.
// Parameters lists the trainable tensors in a fixed order with names
// relative to the module; SetTraining switches modes that behave
// differently in training and evaluation (Dropout) and must reach every
// child module.
type Module interface {
	Parameters() []Param
	SetTraining(training bool)
}

// Buffered is a module with state that is saved and loaded but not trained
// (BatchNorm's running statistics). StateDict includes buffers.
type Buffered interface {
	Module
	Buffers() []Param
}

// Layer is a module that maps one tensor to another: the shape Sequential
// chains. Losses take two arguments and are not Layers.
type Layer interface {
	Module
	Forward(x *dl.Tensor) *dl.Tensor
}

// Child returns m's parameters with their names prefixed by name and a
// dot, as PyTorch names the parameters of a submodule: Child("0", linear)
// gives "0.weight", "0.bias"; Child("blocks.1.attn", attn) gives
// "blocks.1.attn.qkv.weight". A composite module builds its Parameters from
// Child calls in a fixed order.
func Child(name string, m Module) []Param {
	return prefix(name, m.Parameters())
}

// ChildBuffers is Child for buffers: nil when m has none.
func ChildBuffers(name string, m Module) []Param {
	b, ok := m.(Buffered)
	if !ok {
		return nil
	}
	return prefix(name, b.Buffers())
}

// Index is the name of the i-th child of a list-like module ("0", "1", ...),
// as in PyTorch's Sequential and ModuleList.
func Index(i int) string { return strconv.Itoa(i) }

func prefix(name string, ps []Param) []Param {
	out := make([]Param, len(ps))
	for i, p := range ps {
		out[i] = Param{Name: name + "." + p.Name, Tensor: p.Tensor}
	}
	return out
}

// NumParams is the number of trainable scalars in m.
func NumParams(m Module) int {
	n := 0
	for _, p := range m.Parameters() {
		n += p.Tensor.Size()
	}
	return n
}

// ZeroGrad clears the gradient of every parameter of m. Gradients
// accumulate across Backward calls, so training loops call this (or an
// optimizer's ZeroGrad) once per step.
func ZeroGrad(m Module) {
	for _, p := range m.Parameters() {
		p.Tensor.ZeroGrad()
	}
}

// StateDict maps every parameter and buffer name of m to its tensor (the
// live tensor, not a copy), like PyTorch's state_dict.
func StateDict(m Module) map[string]*dl.Tensor {
	sd := map[string]*dl.Tensor{}
	for _, p := range m.Parameters() {
		sd[p.Name] = p.Tensor
	}
	if b, ok := m.(Buffered); ok {
		for _, p := range b.Buffers() {
			sd[p.Name] = p.Tensor
		}
	}
	return sd
}

// SetNames labels every parameter tensor of m with its full name, so that a
// printed or drawn tape says "0.weight" rather than "weight". Call it on the
// outermost module.
func SetNames(m Module) {
	for _, p := range m.Parameters() {
		p.Tensor.SetName(p.Name)
	}
}

// param makes a trainable leaf named name.
func param(t *dl.Tensor, name string) *dl.Tensor {
	return t.SetRequiresGrad(true).SetName(name)
}
