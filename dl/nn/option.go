package nn

import "github.com/gendl/gendl/dl"

// Option adjusts how a module is built, in the manner of PyTorch's factory
// keyword arguments (dtype=, bias=).
type Option func(*options)

type options struct {
	dtype  dl.DType
	noBias bool
}

// WithDType builds the module's parameters in dtype (default dl.Float32).
// Gradient checks build their modules with WithDType(dl.Float64).
func WithDType(dtype dl.DType) Option { return func(o *options) { o.dtype = dtype } }

// NoBias leaves out the additive bias of Linear and LayerNorm (PyTorch's
// bias=False).
func NoBias() Option { return func(o *options) { o.noBias = true } }

func build(opts []Option) options {
	var o options
	for _, f := range opts {
		f(&o)
	}
	return o
}
