package dl

import (
	"fmt"
	"strconv"
	"strings"
)

// String prints like numpy, short enough for a notebook cell: the values
// nested by axis (at most 3 leading and 3 trailing entries per axis once the
// tensor has more than 100 elements), then the shape, dtype and, when the
// tensor is part of a graph, the op that made it.
func (t *Tensor) String() string {
	var b strings.Builder
	b.WriteString("tensor(")
	edge := -1
	if t.Size() > 100 {
		edge = 3
	}
	t.format(&b, 0, 0, edge, len("tensor("))
	fmt.Fprintf(&b, ", shape=%v, dtype=%v", t.shape, t.dtype)
	switch {
	case t.node != nil:
		fmt.Fprintf(&b, ", op=%s", t.node.Op)
	case t.requiresGrad:
		b.WriteString(", requires_grad")
	}
	b.WriteString(")")
	return b.String()
}

// format writes the sub-array starting at flat offset off for axis ax.
func (t *Tensor) format(b *strings.Builder, ax, off, edge, indent int) {
	if ax == len(t.shape) {
		b.WriteString(formatFloat(t.at(off), t.dtype))
		return
	}
	n := t.shape[ax]
	stride := 1
	for _, d := range t.shape[ax+1:] {
		stride *= d
	}
	b.WriteByte('[')
	for i := 0; i < n; i++ {
		if edge > 0 && n > 2*edge && i == edge {
			b.WriteString("...")
			i = n - edge - 1
			t.sep(b, ax, indent)
			continue
		}
		t.format(b, ax+1, off+i*stride, edge, indent+1)
		if i < n-1 {
			t.sep(b, ax, indent)
		}
	}
	b.WriteByte(']')
}

func (t *Tensor) sep(b *strings.Builder, ax, indent int) {
	if ax == len(t.shape)-1 {
		b.WriteString(", ")
		return
	}
	b.WriteString(",")
	b.WriteString(strings.Repeat("\n", len(t.shape)-1-ax))
	b.WriteString(strings.Repeat(" ", indent+ax+1))
}

func formatFloat(v float64, dt DType) string {
	bits := 32
	if dt == Float64 {
		bits = 64
	}
	s := strconv.FormatFloat(v, 'g', 5, bits)
	if !strings.ContainsAny(s, ".eEnI") {
		s += "."
	}
	return s
}
