package npy

import (
	"fmt"
	"io"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/internal/atomicfile"
)

// ReadTensor reads a .npy array as a *dl.Tensor: float16 and float32 files
// give a Float32 tensor, float64 files a Float64 tensor, and integer or bool
// files a Float64 tensor (exact for integers up to 2^53). Use ReadInts for
// class or token IDs.
func ReadTensor(r io.Reader) (*dl.Tensor, error) {
	a, err := Read(r)
	if err != nil {
		return nil, err
	}
	return a.Tensor(), nil
}

// ReadTensorFile is ReadTensor on the file at path.
func ReadTensorFile(path string) (*dl.Tensor, error) {
	a, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return a.Tensor(), nil
}

// ReadInts reads an integer or bool .npy array as *dl.Ints. A float array
// is an error, not a silent truncation.
func ReadInts(r io.Reader) (*dl.Ints, error) {
	a, err := Read(r)
	if err != nil {
		return nil, err
	}
	data, err := a.Ints()
	if err != nil {
		return nil, err
	}
	if len(a.Shape) == 0 {
		return dl.NewInts(data, 1), nil
	}
	return dl.NewInts(data, a.Shape...), nil
}

// WriteTensor writes t's values (float32 or float64, as stored) as a .npy
// array. It reads the values only: gradients and the tape are not saved.
func WriteTensor(w io.Writer, t *dl.Tensor) error {
	return Write(w, FromTensor(t))
}

// WriteTensorFile atomically writes t to a .npy file at path.
func WriteTensorFile(path string, t *dl.Tensor) error {
	if err := atomicfile.Write(path, func(w io.Writer) error { return WriteTensor(w, t) }); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// FromTensor wraps t's values (not copied) as an Array.
func FromTensor(t *dl.Tensor) *Array {
	if t.DType() == dl.Float64 {
		return &Array{Shape: t.Shape(), DType: Float64, Float64: t.Float64s()}
	}
	return &Array{Shape: t.Shape(), DType: Float32, Float32: t.Float32s()}
}

// Tensor converts a to a *dl.Tensor as ReadTensor describes. Float data is
// shared with a, not copied, except for rank-0 arrays.
func (a *Array) Tensor() *dl.Tensor {
	switch {
	case a.Float32 != nil && len(a.Shape) > 0:
		return dl.FromFloat32(a.Float32, a.Shape...)
	case a.Float64 != nil && len(a.Shape) > 0:
		return dl.FromFloat64(a.Float64, a.Shape...)
	case a.Float32 != nil:
		t := dl.ZerosOf(dl.Float32, a.Shape...)
		copy(t.Float32s(), a.Float32)
		return t
	}
	t := dl.ZerosOf(dl.Float64, a.Shape...)
	copy(t.Float64s(), a.Floats())
	return t
}
