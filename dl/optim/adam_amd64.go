package optim

import "golang.org/x/sys/cpu"

// adamAVX runs adamLoop's update over the first len(p) &^ 7 elements
// with AVX, bit-identically (adam_amd64.s). g, m and v are at least as
// long as p.
//
//go:noescape
func adamAVX(p, g, m, v []float32, c *adamCoef)

var hasAVX = cpu.X86.HasAVX

// adamVector updates as many leading elements as the vector kernel
// handles and returns how many.
func adamVector(p, g, m, v []float32, c *adamCoef) int {
	if !hasAVX {
		return 0
	}
	n := len(p) &^ 7
	if n == 0 {
		return 0
	}
	_, _, _ = g[n-1], m[n-1], v[n-1]
	adamAVX(p[:n], g, m, v, c)
	return n
}
