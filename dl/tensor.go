package dl

import (
	"slices"
	"strconv"

	"gorgonia.org/tensor"
)

// Tensor is an n-dimensional array of float32 or float64 values, stored
// contiguously in row-major order, that may take part in automatic
// differentiation.
//
// The values live in one Go slice. Dense wraps that same slice in a
// gorgonia.org/tensor Dense without copying, for its printing, views and
// interop; our own kernels run on the raw slice (Float32s, Float64s).
//
// A Tensor made by an op that saw an input requiring gradients remembers the
// op as a Node; Backward walks those nodes. A Tensor is not safe for
// concurrent mutation, but independent graphs may be built and
// differentiated on different goroutines.
type Tensor struct {
	shape []int
	dtype DType
	f32   []float32
	f64   []float64

	requiresGrad bool
	grad         *Tensor
	node         *Node
	name         string

	// fresh marks a gradient an op's backward allocated for one input
	// alone: the engine may keep it as the running sum instead of copying
	// it. The engine clears it when it takes the tensor over.
	fresh bool
}

// numel is the number of elements of a shape. It panics on negative sizes.
func numel(op string, shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			panic(&ShapeError{Op: op, Shapes: [][]int{slices.Clone(shape)}, Msg: "negative dimension"})
		}
		n *= d
	}
	return n
}

// FromFloat32 wraps data in a float32 Tensor of the given shape without
// copying: writes to data show in the tensor. With no shape, the tensor is
// 1-D. It panics if the shape does not hold len(data) elements.
func FromFloat32(data []float32, shape ...int) *Tensor {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	if n := numel("FromFloat32", shape); n != len(data) {
		panic(&ShapeError{Op: "FromFloat32", Shapes: [][]int{slices.Clone(shape)}, Msg: sizeMsg(n, len(data))})
	}
	return &Tensor{shape: slices.Clone(shape), dtype: Float32, f32: data}
}

// FromFloat64 wraps data in a float64 Tensor of the given shape without
// copying. It panics if the shape does not hold len(data) elements.
func FromFloat64(data []float64, shape ...int) *Tensor {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	if n := numel("FromFloat64", shape); n != len(data) {
		panic(&ShapeError{Op: "FromFloat64", Shapes: [][]int{slices.Clone(shape)}, Msg: sizeMsg(n, len(data))})
	}
	return &Tensor{shape: slices.Clone(shape), dtype: Float64, f64: data}
}

func sizeMsg(want, got int) string {
	return "needs " + strconv.Itoa(want) + " elements, data has " + strconv.Itoa(got)
}

// empty returns an uninitialised-looking (zeroed) tensor; ops fill it.
func empty(dtype DType, shape []int) *Tensor {
	n := numel("empty", shape)
	t := &Tensor{shape: slices.Clone(shape), dtype: dtype}
	if dtype == Float64 {
		t.f64 = make([]float64, n)
	} else {
		t.f32 = make([]float32, n)
	}
	return t
}

// Shape returns a copy of the tensor's dimensions.
func (t *Tensor) Shape() []int { return slices.Clone(t.shape) }

// Dim returns the size of axis i; negative i counts from the end.
func (t *Tensor) Dim(i int) int { return t.shape[t.axis("Dim", i)] }

// Rank is the number of dimensions (0 for a scalar).
func (t *Tensor) Rank() int { return len(t.shape) }

// Size is the number of elements.
func (t *Tensor) Size() int {
	if t.dtype == Float64 {
		return len(t.f64)
	}
	return len(t.f32)
}

// DType is the element type.
func (t *Tensor) DType() DType { return t.dtype }

// Float32s returns the backing slice of a float32 tensor, without copying.
// It panics if the tensor holds float64.
func (t *Tensor) Float32s() []float32 {
	if t.dtype != Float32 {
		panicf("Float32s", []*Tensor{t}, "tensor is %v", t.dtype)
	}
	return t.f32
}

// Float64s returns the backing slice of a float64 tensor, without copying.
// It panics if the tensor holds float32.
func (t *Tensor) Float64s() []float64 {
	if t.dtype != Float64 {
		panicf("Float64s", []*Tensor{t}, "tensor is %v", t.dtype)
	}
	return t.f64
}

// Floats returns a float64 copy of the values, whatever the dtype.
func (t *Tensor) Floats() []float64 {
	if t.dtype == Float64 {
		return slices.Clone(t.f64)
	}
	out := make([]float64, len(t.f32))
	for i, v := range t.f32 {
		out[i] = float64(v)
	}
	return out
}

// at returns element i of the flat storage as a float64.
func (t *Tensor) at(i int) float64 {
	if t.dtype == Float64 {
		return t.f64[i]
	}
	return float64(t.f32[i])
}

// set stores v at element i of the flat storage.
func (t *Tensor) set(i int, v float64) {
	if t.dtype == Float64 {
		t.f64[i] = v
	} else {
		t.f32[i] = float32(v)
	}
}

// Item returns the value of a one-element tensor. It panics otherwise.
func (t *Tensor) Item() float64 {
	if t.Size() != 1 {
		panicf("Item", []*Tensor{t}, "tensor has %d elements, want 1", t.Size())
	}
	return t.at(0)
}

// At returns the element at the given index (one coordinate per axis).
func (t *Tensor) At(idx ...int) float64 { return t.at(t.offset("At", idx)) }

// SetAt stores v at the given index. It does not record on the tape: use it
// to build inputs, not inside a differentiated computation.
func (t *Tensor) SetAt(v float64, idx ...int) { t.set(t.offset("SetAt", idx), v) }

func (t *Tensor) offset(op string, idx []int) int {
	if len(idx) != len(t.shape) {
		panicf(op, []*Tensor{t}, "%d indices for rank %d", len(idx), len(t.shape))
	}
	off := 0
	for i, x := range idx {
		if x < 0 || x >= t.shape[i] {
			panicf(op, []*Tensor{t}, "index %v out of range on axis %d", idx, i)
		}
		off = off*t.shape[i] + x
	}
	return off
}

// axis normalises a possibly negative axis, panicking when out of range.
func (t *Tensor) axis(op string, a int) int {
	r := len(t.shape)
	if a < -r || a >= r {
		panicf(op, []*Tensor{t}, "axis %d out of range for rank %d", a, r)
	}
	if a < 0 {
		a += r
	}
	return a
}

// Dense returns a gorgonia.org/tensor Dense that shares this tensor's
// storage: writes through either show in both. A rank-0 tensor is wrapped as
// shape [1], since gorgonia has no scalar Dense with backing.
func (t *Tensor) Dense() *tensor.Dense {
	shape := t.shape
	if len(shape) == 0 {
		shape = []int{1}
	}
	if t.dtype == Float64 {
		return tensor.New(tensor.WithShape(shape...), tensor.WithBacking(t.f64))
	}
	return tensor.New(tensor.WithShape(shape...), tensor.WithBacking(t.f32))
}

// FromDense copies a float32 or float64 gorgonia Dense into a new Tensor
// (a copy, since a Dense may be a non-contiguous view).
func FromDense(d *tensor.Dense) *Tensor {
	c := d.Clone().(*tensor.Dense)
	if !c.IsMaterializable() {
		c = d.Materialize().(*tensor.Dense)
	}
	switch data := c.Data().(type) {
	case []float32:
		return FromFloat32(data, c.Shape()...)
	case []float64:
		return FromFloat64(data, c.Shape()...)
	case float32:
		return FromFloat32([]float32{data})
	case float64:
		return FromFloat64([]float64{data})
	}
	panic(&ShapeError{Op: "FromDense", Shapes: [][]int{c.Shape()}, Msg: "dtype " + c.Dtype().String() + " is not float32 or float64"})
}

// Name is an optional label (parameters get theirs from their module); it
// shows in printed and drawn tapes.
func (t *Tensor) Name() string { return t.name }

// SetName sets the label and returns t.
func (t *Tensor) SetName(name string) *Tensor { t.name = name; return t }

// Clone returns a copy of the values, detached from any graph, keeping the
// name and requires-grad flag.
func (t *Tensor) Clone() *Tensor {
	c := &Tensor{shape: slices.Clone(t.shape), dtype: t.dtype, requiresGrad: t.requiresGrad, name: t.name}
	c.f32 = slices.Clone(t.f32)
	c.f64 = slices.Clone(t.f64)
	return c
}

// CopyFrom overwrites t's values with src's (same shape; dtypes converted).
// It records nothing: it is for loading weights and optimizer updates.
func (t *Tensor) CopyFrom(src *Tensor) {
	if !slices.Equal(t.shape, src.shape) {
		panicf("CopyFrom", []*Tensor{t, src}, "shapes differ")
	}
	switch {
	case t.dtype == src.dtype && t.dtype == Float32:
		copy(t.f32, src.f32)
	case t.dtype == src.dtype:
		copy(t.f64, src.f64)
	default:
		for i := range t.Size() {
			t.set(i, src.at(i))
		}
	}
}

// To returns the tensor converted to dtype. Converting to the same dtype
// returns t itself. The conversion is recorded, so gradients flow through it.
func (t *Tensor) To(dtype DType) *Tensor {
	if t.dtype == dtype {
		return t
	}
	out := empty(dtype, t.shape)
	for i := range t.Size() {
		out.set(i, t.at(i))
	}
	return record("To"+dtype.String(), out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.To(t.dtype)}
	})
}
