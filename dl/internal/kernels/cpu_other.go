//go:build !amd64

package kernels

// bestGeometry32 is the portable Go implementation: there is no assembly
// kernel for this architecture.
var bestGeometry32 = goGeometry32

func supportedGeometries32() []*geometry[float32] {
	return []*geometry[float32]{goGeometry32}
}

var bestGeometry64 = goGeometry64

func supportedGeometries64() []*geometry[float64] {
	return []*geometry[float64]{goGeometry64}
}
