//go:build !amd64

package optim

// adamVector has no vector kernel on this architecture: adamLoop does
// all the elements.
func adamVector(p, g, m, v []float32, c *adamCoef) int { return 0 }

// sgdVector has no vector kernel on this architecture.
func sgdVector(p, g []float32, lr, wd float32) int { return 0 }
