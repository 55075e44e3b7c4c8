package safetensors

import (
	"github.com/gendl/gendl/dl"
)

// Save atomically writes named dl tensors, with optional metadata, to a
// safetensors file. Float32 tensors are stored as F32 and Float64 ones as
// F64; only values are saved, not gradients or the tape.
func Save(path string, tensors map[string]*dl.Tensor, metadata map[string]string) error {
	return WriteFile(path, FromDL(tensors, metadata))
}

// Load reads a safetensors file as named dl tensors (see Tensor.DL for the
// dtype conversions) and its metadata.
func Load(path string) (map[string]*dl.Tensor, map[string]string, error) {
	f, err := ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string]*dl.Tensor, len(f.Tensors))
	for name, t := range f.Tensors {
		out[name] = t.DL()
	}
	return out, f.Metadata, nil
}

// FromDL wraps dl tensors as a File without copying their values.
func FromDL(tensors map[string]*dl.Tensor, metadata map[string]string) *File {
	f := &File{Tensors: make(map[string]*Tensor, len(tensors)), Metadata: metadata}
	for name, t := range tensors {
		if t.DType() == dl.Float64 {
			f.Tensors[name] = &Tensor{DType: F64, Shape: t.Shape(), Float64: t.Float64s()}
		} else {
			f.Tensors[name] = &Tensor{DType: F32, Shape: t.Shape(), Float32: t.Float32s()}
		}
	}
	return f
}

// DL converts t to a *dl.Tensor: F16, BF16 and F32 give Float32 (sharing
// t's slice when t is not a scalar), F64 gives Float64, and integer and
// BOOL tensors give Float64 (exact up to 2^53).
func (t *Tensor) DL() *dl.Tensor {
	switch {
	case t.Float32 != nil && len(t.Shape) > 0:
		return dl.FromFloat32(t.Float32, t.Shape...)
	case t.Float64 != nil && len(t.Shape) > 0:
		return dl.FromFloat64(t.Float64, t.Shape...)
	case t.Float32 != nil:
		x := dl.ZerosOf(dl.Float32, t.Shape...)
		copy(x.Float32s(), t.Float32)
		return x
	}
	x := dl.ZerosOf(dl.Float64, t.Shape...)
	copy(x.Float64s(), t.Floats())
	return x
}
