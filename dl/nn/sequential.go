package nn

import "github.com/gendl/gendl/dl"

// Sequential applies its layers in order, like PyTorch's nn.Sequential. Its
// parameters are named by position: "0.weight", "0.bias", "2.weight" (a
// parameter-free layer such as Sigmoid still takes up an index).
type Sequential struct {
	Layers []Layer
}

// NewSequential chains layers.
func NewSequential(layers ...Layer) *Sequential { return &Sequential{Layers: layers} }

// Forward feeds x through every layer.
func (s *Sequential) Forward(x *dl.Tensor) *dl.Tensor {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return x
}

// Parameters lists each layer's parameters under its index.
func (s *Sequential) Parameters() []Param {
	var ps []Param
	for i, l := range s.Layers {
		ps = append(ps, Child(Index(i), l)...)
	}
	return ps
}

// Buffers lists the buffers of layers that have them, under their index.
func (s *Sequential) Buffers() []Param {
	var bs []Param
	for i, l := range s.Layers {
		bs = append(bs, ChildBuffers(Index(i), l)...)
	}
	return bs
}

// SetTraining sets the mode of every layer.
func (s *Sequential) SetTraining(training bool) {
	for _, l := range s.Layers {
		l.SetTraining(training)
	}
}
