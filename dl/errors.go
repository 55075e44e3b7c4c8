package dl

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ShapeError is the value every op panics with when it is called with shapes,
// axes, indices or dtypes it cannot work with. The check happens at the call,
// before any work, so the stack trace points at the line that made the
// mistake. The first line of Error() stands alone:
//
//	dl: MatMul: shapes [32 27] and [30 200]: inner dims 27 != 30
type ShapeError struct {
	Op     string  // the op that refused, e.g. "MatMul"
	Shapes [][]int // the shapes of its operands, in argument order
	Msg    string  // what is wrong with them
}

func (e *ShapeError) Error() string {
	var b strings.Builder
	b.WriteString("dl: ")
	b.WriteString(e.Op)
	switch len(e.Shapes) {
	case 0:
	case 1:
		fmt.Fprintf(&b, ": shape %v", e.Shapes[0])
	default:
		b.WriteString(": shapes ")
		for i, s := range e.Shapes {
			if i > 0 {
				if i == len(e.Shapes)-1 {
					b.WriteString(" and ")
				} else {
					b.WriteString(", ")
				}
			}
			fmt.Fprint(&b, s)
		}
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	return b.String()
}

// panicf panics with a *ShapeError for op and the shapes of ts.
func panicf(op string, ts []*Tensor, format string, args ...any) {
	shapes := make([][]int, len(ts))
	for i, t := range ts {
		if t != nil {
			shapes[i] = t.Shape()
		}
	}
	panic(&ShapeError{Op: op, Shapes: shapes, Msg: fmt.Sprintf(format, args...)})
}

// Try runs f and returns the *ShapeError it panicked with, if any. Other
// panics pass through untouched: they are bugs, not input mistakes.
func Try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if se, ok := r.(*ShapeError); ok {
				err = se
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

// Must returns v, or panics with err. It is meant for notebook cells, where a
// failed load should stop the cell with the error as its message.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// IsShapeError reports whether err is or wraps a *ShapeError.
func IsShapeError(err error) bool {
	var se *ShapeError
	return errors.As(err, &se)
}

// panicShapes panics with a *ShapeError for op and the given shapes, for ops
// whose operands are not all tensors (IDs, masks, target shapes).
func panicShapes(op string, shapes [][]int, format string, args ...any) {
	cl := make([][]int, len(shapes))
	for i, s := range shapes {
		cl[i] = slices.Clone(s)
	}
	panic(&ShapeError{Op: op, Shapes: cl, Msg: fmt.Sprintf(format, args...)})
}
