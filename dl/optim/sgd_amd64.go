package optim

// sgdAVX runs plain SGD's update over the first len(p) &^ 15 elements with
// AVX, bit-identically to sgdUpdate's loop (sgd_amd64.s). g is at least as
// long as p.
//
//go:noescape
func sgdAVX(p, g []float32, lr, wd float32)

// sgdVector updates as many leading elements as the vector kernel handles
// and returns how many.
func sgdVector(p, g []float32, lr, wd float32) int {
	n := len(p) &^ 15
	if !hasAVX || n == 0 {
		return 0
	}
	_ = g[n-1]
	sgdAVX(p[:n], g, lr, wd)
	return n
}
