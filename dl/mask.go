package dl

import (
	"fmt"
	"slices"
)

// Mask is a boolean tensor: the condition of Where and the positions
// MaskedFill overwrites. It is its own type, not a float tensor of 0s and
// 1s, because a mask is never differentiated and a bool cannot be
// half-true: the type says which argument is the condition. Like Ints it
// is row-major, and Data is exported so callers can fill it directly.
// Masks broadcast against tensors by numpy's rules.
type Mask struct {
	Data  []bool
	shape []int
}

// NewMask wraps data (without copying) with the given shape; with no shape
// it is 1-D. It panics if the shape does not hold len(data) elements.
func NewMask(data []bool, shape ...int) *Mask {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	if n := numel("NewMask", shape); n != len(data) {
		panicShapes("NewMask", [][]int{shape}, "%s", sizeMsg(n, len(data)))
	}
	return &Mask{Data: data, shape: slices.Clone(shape)}
}

// CausalMask returns the [t, t] mask that is true above the diagonal, at
// (i, j) with j > i: the future positions a token at i must not attend to.
// MaskedFill(scores, CausalMask(T), math.Inf(-1)) before a Softmax over the
// last axis is the causal self-attention of a GPT; the mask broadcasts over
// the leading [B, H] axes of scores [B, H, T, T].
func CausalMask(t int) *Mask {
	m := &Mask{Data: make([]bool, numel("CausalMask", []int{t, t})), shape: []int{t, t}}
	for i := range t {
		for j := i + 1; j < t; j++ {
			m.Data[i*t+j] = true
		}
	}
	return m
}

// MaskOf returns the mask that is true where pred holds for x's values,
// e.g. MaskOf(x, func(v float64) bool { return v > 0 }).
func MaskOf(x *Tensor, pred func(v float64) bool) *Mask {
	m := &Mask{Data: make([]bool, x.Size()), shape: slices.Clone(x.shape)}
	for i := range m.Data {
		m.Data[i] = pred(x.at(i))
	}
	return m
}

// Not returns the complement of m.
func (m *Mask) Not() *Mask {
	n := &Mask{Data: make([]bool, len(m.Data)), shape: slices.Clone(m.shape)}
	for i, v := range m.Data {
		n.Data[i] = !v
	}
	return n
}

// Shape returns a copy of the dimensions.
func (m *Mask) Shape() []int { return slices.Clone(m.shape) }

// Size is the number of elements.
func (m *Mask) Size() int { return len(m.Data) }

// Count is the number of true elements.
func (m *Mask) Count() int {
	n := 0
	for _, v := range m.Data {
		if v {
			n++
		}
	}
	return n
}

// String prints the shape and the values as 0/1 (abbreviated when long).
func (m *Mask) String() string {
	b := make([]byte, 0, min(len(m.Data), 64))
	for i, v := range m.Data {
		if i == 64 {
			b = append(b, "..."...)
			break
		}
		b = append(b, '0')
		if v {
			b[len(b)-1] = '1'
		}
	}
	return fmt.Sprintf("Mask%v %s", m.shape, b)
}

// expand returns the mask's values broadcast to shape (which must be a
// valid broadcast of the mask's shape), one bool per element of shape.
func (m *Mask) expand(shape []int) []bool {
	n := numel("Mask", shape)
	if slices.Equal(m.shape, shape) {
		return m.Data
	}
	out := make([]bool, n)
	if k := len(m.Data); k > 0 && isSuffix(m.shape, shape) {
		// the common case (a [T, T] mask over [B, H, T, T]): repeat it
		for o := 0; o < n; o += k {
			copy(out[o:o+k], m.Data)
		}
		return out
	}
	zero := make([]int, len(shape))
	broadcastIndex(shape, broadcastStrides(m.shape, shape), zero, func(o, i, _ int) { out[o] = m.Data[i] })
	return out
}

// isSuffix reports whether shape, less its leading 1s, is the trailing part
// of full.
func isSuffix(shape, full []int) bool {
	for len(shape) > 0 && shape[0] == 1 {
		shape = shape[1:]
	}
	return len(shape) <= len(full) && slices.Equal(shape, full[len(full)-len(shape):])
}
