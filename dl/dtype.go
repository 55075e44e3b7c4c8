package dl

import "fmt"

// DType is the element type of a Tensor. Float32 is the default: it is what
// training uses (speed, memory, PyTorch interop). Float64 works everywhere and
// is what gradient checks use.
type DType uint8

const (
	Float32 DType = iota
	Float64
)

func (d DType) String() string {
	switch d {
	case Float32:
		return "float32"
	case Float64:
		return "float64"
	}
	return fmt.Sprintf("DType(%d)", uint8(d))
}

// Size is the number of bytes of one element.
func (d DType) Size() int {
	if d == Float64 {
		return 8
	}
	return 4
}
